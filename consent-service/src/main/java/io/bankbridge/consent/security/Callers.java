package io.bankbridge.consent.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, and whether their token was minted for the API they call. quarkus-oidc has verified the
 * signature, issuer and lifetime; the audience and scope are checked here because one issuer signs both kinds of
 * bearer token, and a token for one API must never open the other.
 */
@ApplicationScoped
public class Callers {

    /** Audience of provider access tokens. */
    public static final String PROVIDER_AUDIENCE = "bankbridge-api";
    /** Audience of the internal client_credentials tokens. */
    public static final String INTERNAL_AUDIENCE = "bankbridge-internal";
    /** Scope every internal call needs. */
    public static final String INTERNAL_SCOPE = "internal";

    private final SecurityIdentity identity;

    Callers(SecurityIdentity identity) {
        this.identity = identity;
    }

    /** The provider (OAuth client id) whose access token this is; refuses any other token. */
    public String provider() {
        JsonWebToken token = token();
        String clientId = token.getClaim("client_id");
        if (!audience(token).contains(PROVIDER_AUDIENCE) || clientId == null || clientId.isBlank()) {
            throw new AuthenticationFailedException("The access token is not a provider token for this API.");
        }
        return clientId;
    }

    /** The internal client calling; refuses tokens for another audience and internal tokens without the scope. */
    public String internalClient() {
        JsonWebToken token = token();
        if (!audience(token).contains(INTERNAL_AUDIENCE)) {
            throw new AuthenticationFailedException("The access token is not an internal token.");
        }
        String scope = token.getClaim("scope");
        if (scope == null || Arrays.stream(scope.split(" ")).noneMatch(INTERNAL_SCOPE::equals)) {
            throw new ForbiddenException("The access token lacks the scope '" + INTERNAL_SCOPE + "'.");
        }
        return token.getSubject();
    }

    /** The customer signed in to the Security Center: the subject of the ID token from the code flow. */
    public String customer() {
        return identity.getPrincipal().getName();
    }

    private JsonWebToken token() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            return jwt;
        }
        throw new AuthenticationFailedException("A bearer access token is required.");
    }

    private static Set<String> audience(JsonWebToken token) {
        Set<String> audience = token.getAudience();
        return audience == null ? Set.of() : audience;
    }
}
