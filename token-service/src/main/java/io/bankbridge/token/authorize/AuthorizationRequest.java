package io.bankbridge.token.authorize;

/**
 * The query parameters of {@code GET /authorize} as received. Providers send only {@code client_id} and
 * {@code request_uri}; the first-party client sends a plain OpenID Connect request.
 */
public record AuthorizationRequest(String clientId, String requestUri, String responseType, String redirectUri,
                                   String scope, String state, String nonce, String codeChallenge,
                                   String codeChallengeMethod) {
}
