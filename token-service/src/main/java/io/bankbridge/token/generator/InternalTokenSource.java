package io.bankbridge.token.generator;

import io.smallrye.mutiny.Uni;

/**
 * Internal access tokens for token-service's own calls to the other services' internal APIs: listing a customer's
 * accounts ({@code internal.accounts.list}) and deciding consents ({@code internal.consents.decide}).
 */
public interface InternalTokenSource {

    /** A valid internal access token (cached until shortly before it expires). */
    Uni<String> internalToken();
}
