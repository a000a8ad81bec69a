package io.bankbridge.token.grant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.bankbridge.token.dpop.DPoPBinding;

/**
 * RFC 6749 §5.1 successful token response (plus the OpenID {@code id_token}, and the {@code grant_id} of Grant
 * Management for OAuth 2.0 when the tokens were issued under a consent).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") String refreshToken,
        @JsonProperty("id_token") String idToken,
        @JsonProperty("scope") String scope,
        @JsonProperty("grant_id") String grantId) {

    public static TokenResponse bearer(String accessToken, long expiresIn, String refreshToken, String idToken, String scope) {
        return new TokenResponse(accessToken, "Bearer", expiresIn, refreshToken, idToken, scope, null);
    }

    /** {@code token_type} {@code DPoP} when the access token is bound to the request's key (RFC 9449 §5). */
    public static TokenResponse of(DPoPBinding dpop, String accessToken, long expiresIn, String refreshToken,
                                   String idToken, String scope) {
        return new TokenResponse(accessToken, dpop.tokenType(), expiresIn, refreshToken, idToken, scope, null);
    }

    /** The same response naming the grant the tokens were issued under. */
    public TokenResponse withGrantId(String grant) {
        return new TokenResponse(accessToken, tokenType, expiresIn, refreshToken, idToken, scope, grant);
    }
}
