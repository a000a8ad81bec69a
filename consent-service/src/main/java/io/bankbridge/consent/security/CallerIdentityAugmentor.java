package io.bankbridge.consent.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bankbridge.consent.security.dpop.SenderConstraint;
import io.bankbridge.contract.token.AccessTokenType;
import io.bankbridge.contract.token.Audiences;
import io.bankbridge.contract.token.Claims;
import io.bankbridge.contract.token.Scopes;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Builds every caller's identity once, from what token-service put in the token, for the security annotations on
 * the resources to read: role {@value Access#PROVIDER} for a provider access token, one permission per scope of an
 * internal access token and per {@code grant_management_*} scope of a provider's grant management token, role {@value Access#CUSTOMER} for a Security Center session. quarkus-oidc has verified
 * the signature, issuer and lifetime; the roles and permissions it may have derived from claims are dropped,
 * because one issuer signs every kind of token and a scope in a token for one audience must never count for another.
 */
@ApplicationScoped
public class CallerIdentityAugmentor implements SecurityIdentityAugmentor {

    private static final ObjectMapper HEADERS = new ObjectMapper();
    /** The signature algorithms FAPI 2.0 allows, as JOSE spells them. */
    private static final Set<String> FAPI_ALGORITHMS = Set.of("PS256", "ES256", "EdDSA");
    /** Count only in a grant management token, and such a token carries nothing else. */
    private static final Set<String> GRANT_SCOPES = Set.copyOf(Scopes.GRANT_MANAGEMENT);

    private final SenderConstraint senderConstraint;

    CallerIdentityAugmentor(SenderConstraint senderConstraint) {
        this.senderConstraint = senderConstraint;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return augment(identity, context, Map.of());
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context,
                                         Map<String, Object> attributes) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        try {
            if (Callers.securityCenterSession(identity)) {
                return Uni.createFrom().item(customer(identity));
            }
            SecurityIdentity caller = accessToken(identity);
            // Per request: DPoP scheme and proof for a DPoP-bound token, bearer for any other.
            senderConstraint.check(HttpSecurityUtils.getRoutingContextAttribute(attributes),
                    (JsonWebToken) identity.getPrincipal());
            return Uni.createFrom().item(caller);
        } catch (AuthenticationFailedException e) {
            return Uni.createFrom().failure(e);
        }
    }

    private static SecurityIdentity customer(SecurityIdentity identity) {
        return rebuilt(identity).addRole(Access.CUSTOMER).build();
    }

    /** A bearer token: refused (401 invalid_token) unless it is an access token this service has a use for. */
    private static SecurityIdentity accessToken(SecurityIdentity identity) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token) || !accessTokenType(token.getRawToken())) {
            throw new AuthenticationFailedException("The token is not an access token (typ " + AccessTokenType.TYP + ") signed with PS256, ES256 "
                    + "or EdDSA.");
        }
        Set<String> audience = token.getAudience() == null ? Set.of() : token.getAudience();
        String clientId = token.getClaim(Claims.CLIENT_ID) instanceof String s && !s.isBlank() ? s : null;
        // Internal capabilities only from internal tokens; the grant management scopes only from grant management
        // tokens, which open nothing else.
        boolean provider = audience.contains(Audiences.API) && clientId != null;
        boolean internal = audience.contains(Audiences.INTERNAL);
        boolean grants = audience.contains(Audiences.GRANTS) && clientId != null;
        if (!provider && !internal && !grants) {
            throw new AuthenticationFailedException("The access token is not meant for this service.");
        }
        QuarkusSecurityIdentity.Builder built = rebuilt(identity);
        if (provider) {
            built.addRole(Access.PROVIDER);
        }
        if (token.getClaim("scope") instanceof String scope) {
            Arrays.stream(scope.split(" ")).filter(s -> !s.isBlank())
                    .filter(s -> internal && !GRANT_SCOPES.contains(s) || grants && GRANT_SCOPES.contains(s))
                    .forEach(built::addPermissionAsString);
        }
        return built.build();
    }

    /** The same principal, credentials and attributes, and no role or permission yet. */
    private static QuarkusSecurityIdentity.Builder rebuilt(SecurityIdentity identity) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes());
    }

    /**
     * RFC 9068 §4: an access token's JOSE header says {@code typ: at+jwt}; an ID token never passes for one. Its
     * {@code alg} is one FAPI 2.0 allows: quarkus-oidc takes any asymmetric algorithm the published key fits, so that
     * token-service can move from one algorithm to another by rotating its keys.
     */
    private static boolean accessTokenType(String raw) {
        int dot = raw == null ? -1 : raw.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        try {
            JsonNode header = HEADERS.readTree(Base64.getUrlDecoder().decode(raw.substring(0, dot)));
            String typ = header.path("typ").asText("");
            return AccessTokenType.isAccessToken(typ)
                    && FAPI_ALGORITHMS.contains(header.path("alg").asText(""));
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
