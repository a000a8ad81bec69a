package io.bankbridge.token.generator;

import io.smallrye.mutiny.Uni;

/** Access tokens with scope {@code internal} for token-service's own calls to the other services' internal APIs. */
public interface InternalTokenSource {

    /** A valid internal access token (cached until shortly before it expires). */
    Uni<String> internalToken();
}
