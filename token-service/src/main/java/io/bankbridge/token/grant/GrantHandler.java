package io.bankbridge.token.grant;

import io.bankbridge.token.OAuthParameters;
import io.bankbridge.token.client.RegisteredClient;
import io.bankbridge.token.dpop.DPoPBinding;
import io.smallrye.mutiny.Uni;

/**
 * One OAuth grant type at the token endpoint. The endpoint authenticates the client and dispatches on
 * {@code grant_type}; a handler validates the rest of the request, mints through the generator and stores through
 * its own narrow store. Adding a grant means adding a handler bean.
 */
public interface GrantHandler {

    /** The {@code grant_type} value this handler serves. */
    String grantType();

    /**
     * Answers the token request of an authenticated, active client, or fails with an {@code OAuthException}.
     * {@code dpop} is the key the request proved (RFC 9449), {@link DPoPBinding#NONE} without a proof.
     */
    Uni<TokenResponse> handle(RegisteredClient client, OAuthParameters params, DPoPBinding dpop);
}
