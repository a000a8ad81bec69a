package io.bankbridge.token.par;

import io.smallrye.mutiny.Uni;
import java.util.Optional;

/** The store of pushed authorization requests, seen from the authorization endpoint. */
public interface PushedRequests {

    /**
     * Takes the request behind {@code requestUri} if it exists, belongs to {@code clientId} and has not expired,
     * and makes it unusable for any later call (single use). Empty otherwise.
     */
    Uni<Optional<PushedRequest>> consume(String requestUri, String clientId);
}
