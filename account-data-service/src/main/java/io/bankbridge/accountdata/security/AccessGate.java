package io.bankbridge.accountdata.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bankbridge.accountdata.config.ProviderApiConfig;
import io.bankbridge.accountdata.consent.ConsentView;
import io.bankbridge.accountdata.consent.ConsentViews;
import io.bankbridge.accountdata.model.DataCluster;
import io.bankbridge.accountdata.rest.ApiProblem;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import jakarta.ws.rs.Priorities;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The one gate in front of the provider API ({@code /fdx/...}) and the internal API ({@code /internal/...}).
 *
 * <p>Bearer token from the {@code Authorization} header only (a query-string token is refused, RFC 6750 §2.3 is
 * not offered). The signature and standard claims are verified locally by quarkus-oidc against the issuer's JWKS,
 * once per token ({@link VerifiedTokenCache}). Provider tokens then pass the consent check from the in-memory
 * {@link ConsentViews} (revoked or expired consent, revoked jti, suspended provider all answer 401 invalid_token)
 * and the provider's rate limit; the decision is attached to the request as {@link ProviderAccess}.
 */
@ApplicationScoped
public class AccessGate {

    private static final String TOKEN_KEY = "bankbridge.verified-token";
    private static final String INTERNAL_SCOPE = "internal";
    private static final Uni<Void> PASS = Uni.createFrom().voidItem();
    private static final ObjectMapper HEADER_READER = new ObjectMapper();

    private final VerifiedTokenCache cache;
    private final ConsentViews consents;
    private final ProviderRateLimiter rateLimiter;
    private final EnforcementSwitch enforcement;
    private final String audience;
    private final String internalAudience;

    AccessGate(VerifiedTokenCache cache, ConsentViews consents, ProviderRateLimiter rateLimiter,
               EnforcementSwitch enforcement, ProviderApiConfig config) {
        this.cache = cache;
        this.consents = consents;
        this.rateLimiter = rateLimiter;
        this.enforcement = enforcement;
        this.audience = config.audience();
        this.internalAudience = config.internalAudience();
    }

    /** The verified token of this request, if the gate got that far (the audit log wants it even for refusals). */
    public static VerifiedToken verifiedToken(RoutingContext rc) {
        return rc.get(TOKEN_KEY);
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Void> gate(RoutingContext rc) {
        String path = rc.normalizedPath();
        boolean provider = path.startsWith("/fdx/");
        if (!provider && !path.startsWith("/internal/")) {
            return PASS;
        }
        try {
            return decide(rc, provider);
        } catch (ApiProblem refused) {
            return Uni.createFrom().failure(refused);
        }
    }

    private Uni<Void> decide(RoutingContext rc, boolean provider) {
        String query = rc.request().query();
        if (query != null && query.contains("access_token") && rc.queryParams().contains("access_token")) {
            throw ApiProblem.invalidRequest("Access tokens are accepted in the Authorization header only.");
        }
        if (provider && !enforcement.enforced()) {
            new ProviderAccess("bench", "bench", "bench", EnumSet.allOf(DataCluster.class), null).attach(rc);
            return PASS;
        }
        String token = bearerToken(rc.request().getHeader("Authorization"));
        Instant now = Instant.now();
        VerifiedToken known = cache.get(token, now);
        Uni<VerifiedToken> verified = known != null ? Uni.createFrom().item(known) : verify(rc, token, now);
        return verified.chain(t -> {
            rc.put(TOKEN_KEY, t);
            return provider ? admitProvider(rc, t, now) : admitInternal(t);
        });
    }

    private static String bearerToken(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw ApiProblem.missingToken();
        }
        String token = authorization.substring(7).trim();
        if (token.isEmpty()) {
            throw ApiProblem.invalidRequest("The bearer token is empty.");
        }
        return token;
    }

    /** quarkus-oidc (lazy authentication) verifies the header's token: signature, issuer, audience, typ, exp. */
    private Uni<VerifiedToken> verify(RoutingContext rc, String token, Instant now) {
        // quarkus-oidc answers AuthenticationFailedException for a bad token; whatever else it fails with (a JWKS it
        // cannot read, a token it cannot parse) must not become a 500 for the caller either.
        return QuarkusHttpUser.getSecurityIdentity(rc, null)
                .onFailure(e -> !(e instanceof ApiProblem))
                .transform(e -> {
                    if (!(e instanceof AuthenticationFailedException)) {
                        Log.debugf("Token verification failed: %s", e.toString());
                    }
                    return ApiProblem.invalidToken("The access token is invalid or has expired.");
                })
                .map(identity -> {
                    if (!accessTokenType(token)) {
                        throw ApiProblem.invalidToken("The token is not an access token (typ at+jwt).");
                    }
                    VerifiedToken t = claims(identity);
                    cache.put(token, t, now);
                    return t;
                });
    }

    /**
     * RFC 9068 §4: the JOSE header's {@code typ} must be {@code at+jwt}, so that an ID token or another JWT signed by
     * the same key is never taken for an access token. Checked here because quarkus-oidc's {@code token-type} setting
     * did not refuse other types; runs once per token, after the signature was verified.
     */
    private static boolean accessTokenType(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        try {
            JsonNode header = HEADER_READER.readTree(Base64.getUrlDecoder().decode(token.substring(0, dot)));
            String typ = header.path("typ").asText("");
            return typ.equalsIgnoreCase("at+jwt") || typ.equalsIgnoreCase("application/at+jwt");
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    private static VerifiedToken claims(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            throw ApiProblem.invalidToken("The access token is invalid or has expired.");
        }
        String scope = text(jwt.getClaim("scope"));
        Set<String> scopes = scope == null ? Set.of() : Arrays.stream(scope.split(" "))
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new VerifiedToken(jwt.getSubject(), text(jwt.getClaim("client_id")),
                jwt.getAudience() == null ? Set.of() : Set.copyOf(jwt.getAudience()), scopes,
                text(jwt.getClaim("consent_id")), jwt.getTokenID(),
                jwt.getIssuedAtTime() == 0 ? null : Instant.ofEpochSecond(jwt.getIssuedAtTime()),
                Instant.ofEpochSecond(jwt.getExpirationTime()));
    }

    private static String text(Object claim) {
        if (claim == null) {
            return null;
        }
        return claim instanceof JsonString s ? s.getString() : claim.toString();
    }

    private Uni<Void> admitProvider(RoutingContext rc, VerifiedToken t, Instant now) {
        if (!t.audiences().contains(audience)) {
            throw ApiProblem.invalidToken("The access token is not meant for this API.");
        }
        if (t.consentId() == null || t.clientId() == null || t.subject() == null) {
            throw ApiProblem.invalidToken("The access token names no consent.");
        }
        if (consents.tokenRevoked(t.tokenId())) {
            throw ApiProblem.invalidToken("The access token has been revoked.");
        }
        if (consents.providerSuspended(t.clientId(), t.issuedAt())) {
            throw ApiProblem.invalidToken("The provider's access has been suspended.");
        }
        long retryAfter = rateLimiter.acquire(t.clientId());
        if (retryAfter > 0) {
            throw ApiProblem.tooManyRequests(retryAfter);
        }
        return consents.lookup(t.consentId())
                .onFailure(ConsentViews.ConsentServiceUnavailable.class)
                .transform(e -> ApiProblem.unavailable("The consent cannot be checked right now."))
                .map(lookup -> {
                    if (!(lookup instanceof ConsentViews.Lookup.Found found)) {
                        throw ApiProblem.invalidToken("The consent of this access token is unknown.");
                    }
                    ConsentView view = found.view();
                    if (!t.clientId().equals(view.providerId()) || !t.subject().equals(view.customerId())) {
                        throw ApiProblem.invalidToken("The access token does not match its consent.");
                    }
                    if (!view.usableAt(now)) {
                        throw ApiProblem.invalidToken("The consent is " + (view.expiresAt() != null
                                && !now.isBefore(view.expiresAt()) ? "expired" : view.status().toLowerCase(Locale.ROOT)) + ".");
                    }
                    // A token never reaches beyond its consent, and a token asked with fewer clusters stays narrower.
                    Set<DataCluster> clusters = EnumSet.noneOf(DataCluster.class);
                    clusters.addAll(view.clusters());
                    clusters.retainAll(DataCluster.parse(t.scopes()));
                    new ProviderAccess(view.consentId(), view.providerId(), view.customerId(), clusters,
                            view.accountIds()).attach(rc);
                    return null;
                });
    }

    private Uni<Void> admitInternal(VerifiedToken t) {
        if (!t.audiences().contains(internalAudience)) {
            throw ApiProblem.invalidToken("The access token is not meant for this API.");
        }
        if (!t.scopes().contains(INTERNAL_SCOPE)) {
            throw ApiProblem.insufficientScope(INTERNAL_SCOPE);
        }
        return PASS;
    }
}
