package io.bankbridge.token.endpoint;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bankbridge.contract.token.AuthorizationDetailTypes;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The form parameters of the OAuth endpoints, named for their OpenAPI document only. The endpoints read the form as
 * it came, so that one they do not know is ignored and one they read is refused when sent twice (RFC 6749 §3.1): at
 * the token, PAR, revocation and introspection endpoints as {@code invalid_request}
 * ({@link io.bankbridge.token.OAuthParameters}), at the end_session endpoint by the signed-out page without a
 * redirect. These records are never read or written.
 */
final class OAuthForms {

    private static final String CLIENT_ID = "The client's id. Optional; when sent with a client assertion or HTTP "
            + "Basic, it must name the same client (else invalid_client).";
    private static final String ASSERTION_TYPE = "private_key_jwt (RFC 7523), the providers' client authentication: "
            + "urn:ietf:params:oauth:client-assertion-type:jwt-bearer. The bank's internal clients authenticate with "
            + "HTTP Basic (client_secret_basic) instead.";
    private static final String ASSERTION = "A JWT signed PS256 or ES256 with a key the provider registered: iss and "
            + "sub its client_id, aud exactly this server's issuer (a single string), a bounded exp, a jti accepted "
            + "once.";

    private OAuthForms() {
    }

    @Schema(name = "TokenForm", description = "RFC 6749 §4.1.3, §6 and §4.4, as a form.")
    record Token(
            @JsonProperty("grant_type") @Schema(required = true,
                    enumeration = {"authorization_code", "refresh_token", "client_credentials"}) String grantType,
            @Schema(description = "authorization_code: the code the redirect carried; used once.") String code,
            @JsonProperty("redirect_uri") @Schema(description = "authorization_code: the redirect_uri of the pushed "
                    + "request, exactly.") String redirectUri,
            @JsonProperty("code_verifier") @Schema(description = "authorization_code: the PKCE verifier (RFC 7636) "
                    + "whose S256 hash was the code_challenge.") String codeVerifier,
            @JsonProperty("refresh_token") @Schema(description = "refresh_token: the refresh token.") String refreshToken,
            @Schema(description = "refresh_token: data clusters within the grant's, to narrow this access token; "
                    + "client_credentials: an internal client's scopes, or a provider's grant_management_query and/or "
                    + "grant_management_revoke (both when absent).") String scope,
            @JsonProperty("client_id") @Schema(description = CLIENT_ID) String clientId,
            @JsonProperty("client_assertion_type") @Schema(description = ASSERTION_TYPE) String clientAssertionType,
            @JsonProperty("client_assertion") @Schema(description = ASSERTION) String clientAssertion) {
    }

    @Schema(name = "PushedAuthorizationForm", description = "RFC 9126 with the parameters of RFC 6749 §4.1.1, "
            + "RFC 7636, RFC 9396, RFC 9449 §10 and Grant Management for OAuth 2.0, as a form. request and request_uri "
            + "are refused.")
    record Pushed(
            @JsonProperty("response_type") @Schema(required = true, enumeration = "code") String responseType,
            @JsonProperty("redirect_uri") @Schema(required = true, description = "One of the provider's registered "
                    + "redirect URIs, exactly.") String redirectUri,
            @JsonProperty("code_challenge") @Schema(required = true, pattern = "^[A-Za-z0-9_-]{43}$",
                    description = "PKCE (RFC 7636): BASE64URL(SHA-256(code_verifier)).") String codeChallenge,
            @JsonProperty("code_challenge_method") @Schema(required = true, enumeration = "S256")
            String codeChallengeMethod,
            @Schema(description = "Space-separated: openid and data clusters the provider may ask for. At least one "
                    + "data cluster here or in authorization_details.") String scope,
            @JsonProperty("authorization_details") @Schema(description = "RFC 9396: a JSON array of objects "
                    + "{\"type\": \"" + AuthorizationDetailTypes.DATA_ACCESS + "\", \"dataClusters\": [...], "
                    + "\"durationDays\": 1..365}; durationDays is optional, the shortest applies, 365 when none.")
            String authorizationDetails,
            @Schema(description = "Returned unchanged with the code.") String state,
            @Schema(description = "OpenID Connect: put into the ID token.") String nonce,
            @JsonProperty("dpop_jkt") @Schema(description = "RFC 9449 §10: the JWK thumbprint of the key the code "
                    + "will be bound to; it must match the DPoP proof's key when both are sent.") String dpopJkt,
            @JsonProperty("grant_management_action") @Schema(enumeration = {"create", "merge", "replace"})
            String grantManagementAction,
            @JsonProperty("grant_id") @Schema(description = "With merge or replace only: one of the provider's active "
                    + "grants.") String grantId,
            @JsonProperty("client_id") @Schema(description = CLIENT_ID) String clientId,
            @JsonProperty("client_assertion_type") @Schema(required = true, description = ASSERTION_TYPE)
            String clientAssertionType,
            @JsonProperty("client_assertion") @Schema(required = true, description = ASSERTION) String clientAssertion) {
    }

    @Schema(name = "TokenRevocationOrIntrospectionForm", description = "RFC 7009 §2.1 (revocation) and RFC 7662 §2.1 "
            + "(introspection), as a form.")
    record AboutAToken(
            @Schema(required = true, description = "An access token or a refresh token.") String token,
            @JsonProperty("token_type_hint") @Schema(description = "access_token or refresh_token; any value is "
                    + "accepted and none is needed: the token is found whichever kind it is.") String tokenTypeHint,
            @JsonProperty("client_id") @Schema(description = CLIENT_ID) String clientId,
            @JsonProperty("client_assertion_type") @Schema(description = ASSERTION_TYPE) String clientAssertionType,
            @JsonProperty("client_assertion") @Schema(description = ASSERTION) String clientAssertion) {
    }

    @Schema(name = "EndSessionForm", description = "OpenID Connect RP-Initiated Logout 1.0 §2, as a form.")
    record EndSession(
            @JsonProperty("id_token_hint") @Schema(description = "An ID token this server issued to the client.")
            String idTokenHint,
            @JsonProperty("client_id") @Schema(description = "The client, when no id_token_hint is sent.")
            String clientId,
            @JsonProperty("post_logout_redirect_uri") @Schema(description = "A post-logout redirect URI "
                    + "registered for the client, exactly; otherwise the signed-out page is shown.") String postLogoutRedirectUri,
            @Schema(description = "Returned unchanged on the redirect.") String state) {
    }
}
