package io.bankbridge.token.generator;

import io.smallrye.mutiny.Uni;

/**
 * Internal access tokens for token-service's own calls to the other services' internal APIs: listing a customer's
 * accounts ({@code internal.accounts.list}), deciding and revoking consents ({@code internal.consents.decide}) and reading a
 * consent's state while the revocation view is stale ({@code internal.consents.read}).
 */
public interface InternalTokenSource {

    /** A valid internal access token (cached until shortly before it expires). */
    Uni<String> internalToken();
}
