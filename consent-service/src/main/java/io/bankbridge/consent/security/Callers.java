package io.bankbridge.consent.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, and whether their token was minted for the API they call. quarkus-oidc has verified the
 * signature, issuer and lifetime; the token type, audience and scope are checked here because one issuer signs
 * every kind of token, and a token for one API (or an ID token) must never open another.
 */
@ApplicationScoped
public class Callers {

    /** Audience of provider access tokens. */
    public static final String PROVIDER_AUDIENCE = "bankbridge-api";
    /** Audience of the internal client_credentials tokens. */
    public static final String INTERNAL_AUDIENCE = "bankbridge-internal";
    /** Scope every internal call needs. */
    public static final String INTERNAL_SCOPE = "internal";
    /** ID token claim listing the customers the signed-in login acts for. */
    static final String CUSTOMER_IDS = "customer_ids";

    private static final ObjectMapper HEADERS = new ObjectMapper();

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

    /**
     * Every customer the signed-in login acts for: its own first, then those of the logins linked to it, as
     * token-service listed them in the ID token's {@code customer_ids} at sign-in.
     */
    public List<String> customers() {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(customer());
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim(CUSTOMER_IDS) instanceof JsonArray linked) {
            linked.stream().filter(JsonString.class::isInstance).map(v -> ((JsonString) v).getString()).forEach(ids::add);
        }
        return List.copyOf(ids);
    }

    private JsonWebToken token() {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            throw new AuthenticationFailedException("A bearer access token is required.");
        }
        if (!accessTokenType(jwt.getRawToken())) {
            throw new AuthenticationFailedException("The token is not an access token (typ at+jwt).");
        }
        return jwt;
    }

    /** RFC 9068 §4: an access token's JOSE header says {@code typ: at+jwt}; an ID token never passes for one. */
    private static boolean accessTokenType(String raw) {
        int dot = raw == null ? -1 : raw.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        try {
            String typ = HEADERS.readTree(Base64.getUrlDecoder().decode(raw.substring(0, dot))).path("typ").asText("");
            return "at+jwt".equalsIgnoreCase(typ) || "application/at+jwt".equalsIgnoreCase(typ);
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static Set<String> audience(JsonWebToken token) {
        Set<String> audience = token.getAudience();
        return audience == null ? Set.of() : audience;
    }
}
