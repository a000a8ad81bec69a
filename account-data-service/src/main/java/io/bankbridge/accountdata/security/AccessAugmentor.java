package io.bankbridge.accountdata.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bankbridge.accountdata.config.ProviderApiConfig;
import io.bankbridge.accountdata.consent.ConsentView;
import io.bankbridge.accountdata.consent.ConsentViews;
import io.bankbridge.accountdata.freshness.StaleViewGuard;
import io.bankbridge.accountdata.rest.ApiProblem;
import io.bankbridge.accountdata.security.dpop.SenderConstraint;
import io.bankbridge.contract.cluster.DataCluster;
import io.bankbridge.contract.token.AccessTokenType;
import io.bankbridge.contract.token.Claims;
import io.bankbridge.contract.token.Scopes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.security.StringPermission;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import java.io.IOException;
import java.security.Permission;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Turns a verified access token into what its holder may do here, once per request, for every endpoint alike:
 * <ul>
 * <li>an internal token (aud {@code bankbridge-internal}) holds one permission per internal scope it carries
 * ({@link Permissions#INGEST}, ...), and nothing else;</li>
 * <li>a provider token (aud {@code bankbridge-api}) passes the consent check from memory — revoked jti, suspended
 * provider, the provider's rate limit, revoked or expired consent, token and consent disagreeing — and then holds a
 * permission per data cluster that both the consent and the token grant, with the decision
 * ({@link ProviderAccess}) as an identity attribute;</li>
 * <li>any other JWT the issuer signed (an ID token, a token for another API) is refused.</li>
 * </ul>
 * The resources declare which permission they need ({@code @PermissionsAllowed}); nothing here looks at the path.
 */
@ApplicationScoped
public class AccessAugmentor implements SecurityIdentityAugmentor {

    private static final ObjectMapper HEADER_READER = new ObjectMapper();
    /** The signature algorithms FAPI 2.0 allows, as JOSE spells them. */
    private static final Set<String> FAPI_ALGORITHMS = Set.of("PS256", "ES256", "EdDSA");

    private final VerifiedTokenCache cache;
    private final ConsentViews consents;
    private final ProviderRateLimiter rateLimiter;
    private final StaleViewGuard staleView;
    private final String audience;
    private final String internalAudience;
    private final Counter verifications;
    private final SenderConstraint senderConstraint;
    private final InstantSource clock;

    AccessAugmentor(VerifiedTokenCache cache, ConsentViews consents, ProviderRateLimiter rateLimiter,
                    ProviderApiConfig config, MeterRegistry registry, SenderConstraint senderConstraint,
                    StaleViewGuard staleView, InstantSource clock) {
        this.clock = clock;
        this.verifications = Counter.builder("bankbridge.tokens.verified")
                .description("Access tokens whose signature quarkus-oidc verified (once per token while it is cached)")
                .register(registry);
        this.cache = cache;
        this.consents = consents;
        this.rateLimiter = rateLimiter;
        this.staleView = staleView;
        this.audience = config.audience();
        this.internalAudience = config.internalAudience();
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
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(attributes);
        if (identity.getAttribute(KnownTokenIdentityProvider.BENCH) != null) {
            return Uni.createFrom().item(provider(identity, ProviderAccess.unchecked(), rc));
        }
        try {
            Instant now = clock.instant();
            VerifiedToken token = identity.getAttribute(KnownTokenIdentityProvider.VERIFIED_TOKEN);
            if (token == null) {
                token = verifiedByOidc(identity, now);
            }
            // Per request, cached token or not: DPoP scheme and proof for a bound token, bearer for any other.
            senderConstraint.check(rc, token.clientId(), token.dpopJkt());
            if (token.audiences().contains(audience)) {
                return admitProvider(identity, token, rc, now);
            }
            if (token.audiences().contains(internalAudience)) {
                return Uni.createFrom().item(internal(identity, token));
            }
            throw ApiProblem.invalidToken("The access token is not meant for this API.");
        } catch (ApiProblem refused) {
            return Uni.createFrom().failure(refused);
        }
    }

    /**
     * A token quarkus-oidc has just verified (signature, issuer, audience, expiry): RFC 9068 §4 wants its JOSE
     * header to say {@code typ: at+jwt}, so that an ID token signed by the same key never passes for an access
     * token, and FAPI 2.0 wants {@code alg} to be PS256, ES256 or EdDSA (quarkus-oidc takes any asymmetric algorithm
     * the published key fits, which lets token-service change its algorithm by rotating keys). Checked once per
     * token; the token is then remembered until it expires.
     */
    private VerifiedToken verifiedByOidc(SecurityIdentity identity, Instant now) {
        verifications.increment();
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt) || !accessTokenType(jwt.getRawToken())) {
            throw ApiProblem.invalidToken("The token is not an access token (typ " + AccessTokenType.TYP
                    + ") signed with PS256, ES256 or EdDSA.");
        }
        String scope = text(jwt.getClaim("scope"));
        Set<String> scopes = scope == null ? Set.of() : Arrays.stream(scope.split(" "))
                .filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        VerifiedToken token = new VerifiedToken(jwt.getSubject(), text(jwt.getClaim(Claims.CLIENT_ID)),
                jwt.getAudience() == null ? Set.of() : Set.copyOf(jwt.getAudience()), scopes,
                text(jwt.getClaim(Claims.CONSENT_ID)), jwt.getTokenID(),
                jwt.getIssuedAtTime() == 0 ? null : Instant.ofEpochSecond(jwt.getIssuedAtTime()),
                Instant.ofEpochSecond(jwt.getExpirationTime()), confirmedKey(jwt.getClaim(Claims.CONFIRMATION)));
        cache.put(jwt.getRawToken(), token, now);
        return token;
    }

    private static boolean accessTokenType(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        try {
            JsonNode header = HEADER_READER.readTree(Base64.getUrlDecoder().decode(token.substring(0, dot)));
            String typ = header.path("typ").asText("");
            return AccessTokenType.isAccessToken(typ)
                    && FAPI_ALGORITHMS.contains(header.path("alg").asText(""));
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code cnf.jkt}, the thumbprint of the key a DPoP-bound token is bound to; null if there is none. */
    private static String confirmedKey(Object cnf) {
        if (cnf instanceof jakarta.json.JsonObject json && json.get(Claims.CONFIRMATION_JKT) instanceof JsonString jkt) {
            return jkt.getString();
        }
        if (cnf instanceof Map<?, ?> map && map.get(Claims.CONFIRMATION_JKT) instanceof String jkt) {
            return jkt;
        }
        return null;
    }

    private static String text(Object claim) {
        if (claim == null) {
            return null;
        }
        return claim instanceof JsonString s ? s.getString() : claim.toString();
    }

    /** Internal scopes become permissions; every other scope is ignored. */
    private static SecurityIdentity internal(SecurityIdentity verified, VerifiedToken token) {
        Set<String> granted = token.scopes().stream().filter(s -> s.startsWith(Scopes.INTERNAL_PREFIX))
                .collect(Collectors.toUnmodifiableSet());
        return base(verified, token.clientId() != null ? token.clientId() : token.subject(), token)
                .addPermissionChecker(holds(granted))
                .build();
    }

    private Uni<SecurityIdentity> admitProvider(SecurityIdentity verified, VerifiedToken t, RoutingContext rc,
                                                Instant now) {
        if (t.consentId() == null || t.clientId() == null || t.subject() == null) {
            throw ApiProblem.invalidToken("The access token names no consent.");
        }
        ProviderAccess.remember(rc, t);
        if (consents.tokenRevoked(t.tokenId(), t.issuedAt())) {
            throw ApiProblem.invalidToken("The access token has been revoked.");
        }
        if (consents.providerSuspended(t.clientId(), t.issuedAt())) {
            throw ApiProblem.invalidToken("The provider's access has been suspended.");
        }
        long retryAfter = rateLimiter.acquire(t.clientId());
        if (retryAfter > 0) {
            throw ApiProblem.tooManyRequests(retryAfter);
        }
        // While the revocation view is stale, the owners of the grant confirm it (see StaleViewGuard).
        return staleView.confirmed(consents.lookup(t.consentId()), t, verified)
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
                    if (!view.readable()) {
                        throw ApiProblem.invalidToken("The consent of this access token names data this service "
                                + "cannot serve.");
                    }
                    if (!view.usableAt(now)) {
                        throw ApiProblem.invalidToken("The consent is " + (view.expiresAt() != null
                                && !now.isBefore(view.expiresAt()) ? "expired" : view.status().toLowerCase(Locale.ROOT)) + ".");
                    }
                    // A token never reaches beyond its consent, and a token asked with fewer clusters stays narrower.
                    // Its scope also holds scopes that are no cluster (openid): only the consent's clusters count.
                    Set<DataCluster> clusters = EnumSet.noneOf(DataCluster.class);
                    clusters.addAll(view.clusters());
                    clusters.removeIf(c -> !t.scopes().contains(c.wireName()));
                    return provider(verified, new ProviderAccess(view.consentId(), view.providerId(),
                            view.customerId(), clusters, view.accountIds()), rc);
                });
    }

    private static SecurityIdentity provider(SecurityIdentity verified, ProviderAccess access, RoutingContext rc) {
        access.attach(rc);
        Set<String> granted = access.clusters().stream().map(Permissions::of).collect(Collectors.toUnmodifiableSet());
        return base(verified, access.providerId(), null)
                .addPermissionChecker(holds(granted))
                .build();
    }

    /** A fresh identity: no role or permission quarkus-oidc may have derived from claims is carried over. */
    private static QuarkusSecurityIdentity.Builder base(SecurityIdentity verified, String name, VerifiedToken token) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(name == null ? "" : name));
        TokenCredential credential = verified.getCredential(TokenCredential.class);
        if (credential != null) {
            builder.addCredential(credential);
        }
        if (token != null) {
            builder.addAttribute(KnownTokenIdentityProvider.VERIFIED_TOKEN, token);
        }
        return builder;
    }

    private static java.util.function.Function<Permission, Uni<Boolean>> holds(Set<String> granted) {
        return permission -> Uni.createFrom().item(permission instanceof StringPermission
                && (permission.getActions() == null || permission.getActions().isEmpty())
                && granted.contains(permission.getName()));
    }
}
