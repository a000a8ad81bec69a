package io.bankbridge.token.par;

import io.bankbridge.token.generator.OpaqueValues;
import io.smallrye.mutiny.Uni;
import java.util.Optional;

/**
 * The store of pushed authorization requests, seen from the authorization endpoint. Opening a request does not use
 * it up: a link scanner or a browser prefetch may GET the authorization URL before the customer does. A request is
 * bound to the browser session in which the customer signs in, and consumed when the customer decides, once.
 */
public interface PushedRequests {

    /** The key a {@code request_uri} is stored under, which sessions opened from it refer to. */
    static String key(String requestUri) {
        return OpaqueValues.hash(requestUri);
    }

    /**
     * The request behind {@code requestUri} if it exists, belongs to {@code clientId}, has not expired and is not
     * bound to a browser yet. Nothing changes: opening it again, from anywhere, gives the same answer.
     */
    Uni<Optional<PushedRequest>> open(String requestUri, String clientId);

    /**
     * Binds the request to the browser session holding {@code binding}; true if it is bound to that session now
     * (also when it already was), false if another session holds it or it is gone.
     */
    Uni<Boolean> bind(String requestUriHash, String binding);

    /**
     * Uses the request up for the session holding {@code binding}: true exactly once, for the one caller whose
     * statement deleted it.
     */
    Uni<Boolean> consume(String requestUriHash, String binding);
}
