package io.bankbridge.token.logout;

/**
 * An OpenID RP-Initiated Logout 1.0 request, as sent to the end_session endpoint (query or form).
 *
 * @param idTokenHint           an ID token this server issued to the client (expired ones are accepted); may be null
 * @param clientId              the client, when no ID token is at hand; must match the hint's audience if both are sent
 * @param postLogoutRedirectUri where to send the browser afterwards: only a URI registered for the client, exactly
 * @param state                 the client's value, returned with the redirect
 * @param repeated              one of those parameters that the request sent more than once (RFC 6749 §3.1), or null:
 *                              which value was meant is unknowable, so the browser is sent nowhere
 */
public record EndSessionRequest(String idTokenHint, String clientId, String postLogoutRedirectUri, String state,
                                String repeated) {
}
