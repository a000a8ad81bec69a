package io.bankbridge.token.par;

import java.time.Instant;
import java.util.List;

/**
 * An authorization request a client pushed to {@code /par} (RFC 9126), already validated there: client
 * authenticated, redirect URI registered, PKCE S256 present, clusters allowed for the client.
 *
 * @param requestUri           the {@code urn:ietf:params:oauth:request_uri:...} handed to the client
 * @param clientId             the client that pushed it
 * @param redirectUri          the exact redirect URI to answer to
 * @param scopes               every requested scope (data clusters, and {@code openid} where asked)
 * @param dataClusters         the data clusters asked for, from {@code scope} and {@code authorization_details}
 * @param state                opaque client value, returned unchanged
 * @param nonce                OpenID nonce, put in the ID token unchanged; may be null
 * @param codeChallenge        PKCE S256 challenge
 * @param authorizationDetails RFC 9396 {@code authorization_details} JSON as sent; may be null
 * @param durationDays         requested consent duration (1..365, default 365)
 * @param expiresAt            end of the request URI's life (≤ 60 s after the push)
 * @param grantAction          the {@code grant_management_action} (Grant Management for OAuth 2.0); may be null
 * @param grantId              the grant a merge or replace changes (a consent id); null otherwise
 */
public record PushedRequest(String requestUri, String clientId, String redirectUri, List<String> scopes,
                            List<String> dataClusters, String state, String nonce, String codeChallenge,
                            String authorizationDetails, int durationDays, Instant expiresAt,
                            GrantManagementAction grantAction, String grantId) {
}
