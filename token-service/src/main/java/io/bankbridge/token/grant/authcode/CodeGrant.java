package io.bankbridge.token.grant.authcode;

import java.time.Instant;
import java.util.List;

/**
 * What an authorization code stands for once the customer approved: redeemed at the token endpoint by the same
 * client, with the same redirect URI and the PKCE verifier matching {@code codeChallenge}.
 *
 * @param clientId      the client the code is for
 * @param redirectUri   the redirect URI the code was sent to
 * @param customerId    the customer who approved (the token's {@code sub})
 * @param consentId     the consent the tokens are issued under (null for first-party sign-in)
 * @param scopes        granted scopes (data clusters; {@code openid} for first-party sign-in)
 * @param codeChallenge PKCE S256 challenge from the request
 * @param nonce         OpenID nonce for the ID token; may be null
 * @param authTime      when the customer signed in
 * @param consentExpiresAt when the consent ends, as consent-service recorded it: the refresh token ends then too;
 *                         null without a consent
 */
public record CodeGrant(String clientId, String redirectUri, String customerId, String consentId,
                        List<String> scopes, String codeChallenge, String nonce, Instant authTime,
                        Instant consentExpiresAt) {
}
