package io.bankbridge.accountdata.freshness;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.bankbridge.accountdata.config.FreshnessConfig;
import io.bankbridge.accountdata.consent.ConsentResponse;
import io.bankbridge.accountdata.consent.ConsentServiceClient;
import io.bankbridge.accountdata.consent.ConsentView;
import io.bankbridge.accountdata.consent.ConsentViews;
import io.bankbridge.accountdata.consent.ConsentViews.Lookup;
import io.bankbridge.accountdata.rest.ApiProblem;
import io.bankbridge.accountdata.security.VerifiedToken;
import io.bankbridge.revocation.consume.ViewFreshness;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Keeps the revocation bound while this instance's revocation view is stale (the broker is away or the consumer is
 * behind): a provider request is then decided on the owners' answers as well as on the local view. consent-service
 * owns the consent (revoked in the Security Center or through the consent API, expired); token-service owns what ends
 * a token there (a {@code jti} revoked under RFC 7009, a refresh token revoked under RFC 7009, which ends its consent
 * in token-service first, a suspended provider), and says so through introspection.
 *
 * <p>Why a revocation is refused within the bound: the view is trusted alone for the bound minus the owner time-out;
 * an owner's answer is remembered for no longer than that, timed from when it was asked for; and an owner that does
 * not answer within the owner time-out counts as unreachable. So a request arriving later than {@code bound - owner
 * time-out} after a revocation is decided on an answer asked for after it, and answered within the bound.
 *
 * <p>While the view is fresh this costs one volatile read per request and nothing else. If an owner cannot answer,
 * the request is refused with 503 (or, if the bank chose {@code serve}, decided on the local view alone).
 */
@ApplicationScoped
public class StaleViewGuard {

    private static final String UNKNOWN = "UNKNOWN";
    /** Consent states that never change again: an owner's word on them is kept in the view. */
    private static final Set<String> ENDED = Set.of("REVOKED", "EXPIRED");

    private final ViewFreshness freshness;
    private final ConsentViews views;
    private final ConsentServiceClient consentService;
    private final TokenServiceClient tokenService;
    private final boolean refuseWhenUnreachable;
    private final String clientAuthorization;
    private final long trustedNanos;
    private final Duration ownerTimeout;
    private final Map<String, Answer<ConsentResponse>> consentAnswers;
    private final Map<String, Answer<Boolean>> activeTokens;
    private final Counter ownerChecks;
    private final Counter ownersUnreachable;
    private final InstantSource clock;

    StaleViewGuard(ViewFreshness freshness, ConsentViews views, @RestClient ConsentServiceClient consentService,
                   @RestClient TokenServiceClient tokenService, FreshnessConfig config, MeterRegistry registry,
                   @ConfigProperty(name = "quarkus.oidc-client.client-id") String clientId,
                   @ConfigProperty(name = "quarkus.oidc-client.credentials.client-secret.value", defaultValue = "")
                   String clientSecret, InstantSource clock) {
        this.freshness = freshness;
        this.clock = clock;
        this.views = views;
        this.consentService = consentService;
        this.tokenService = tokenService;
        this.refuseWhenUnreachable = config.whenOwnerUnreachable() == FreshnessConfig.WhenOwnerUnreachable.REFUSE;
        this.clientAuthorization = "Basic " + Base64.getEncoder()
                .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
        this.trustedNanos = freshness.trustedFor().toNanos();
        this.ownerTimeout = freshness.ownerTimeout();
        this.consentAnswers = Caffeine.newBuilder().maximumSize(config.maxAnswers())
                .expireAfterWrite(freshness.trustedFor()).<String, Answer<ConsentResponse>>build().asMap();
        this.activeTokens = Caffeine.newBuilder().maximumSize(config.maxAnswers())
                .expireAfterWrite(freshness.trustedFor()).<String, Answer<Boolean>>build().asMap();
        this.ownerChecks = Counter.builder("bankbridge.freshness.owner.checks")
                .description("Provider requests decided with the owners' answers because the revocation view was stale")
                .register(registry);
        this.ownersUnreachable = Counter.builder("bankbridge.freshness.owner.unreachable")
                .description("Provider requests during a stale view for which an owner could not answer")
                .register(registry);
    }

    /**
     * The consent lookup to decide the request on: {@code local} itself while the view is fresh; otherwise the local
     * view corrected by the owners' answers (a revoked token fails with 401, an unreachable owner with 503).
     */
    public Uni<Lookup> confirmed(Uni<Lookup> local, VerifiedToken token, SecurityIdentity identity) {
        if (freshness.fresh()) {
            return local;
        }
        ownerChecks.increment();
        TokenCredential credential = identity.getCredential(TokenCredential.class);
        String raw = credential == null ? null : credential.getToken();
        return Uni.combine().all().unis(ownerConsent(token.consentId()), tokenActive(token, raw)).asTuple()
                .onItemOrFailure().transformToUni((owners, failure) -> {
                    if (failure != null) {
                        ownersUnreachable.increment();
                        Log.debugf("Revocation view stale and an owner did not answer: %s", failure.toString());
                        return refuseWhenUnreachable
                                ? Uni.createFrom().failure(ApiProblem.unavailable(
                                        "Whether this grant is still valid cannot be confirmed right now."))
                                : local;
                    }
                    if (!owners.getItem2()) {
                        if (token.tokenId() != null) {
                            views.tokenRevokedPerOwner(token.tokenId());
                        }
                        return Uni.createFrom().failure(ApiProblem.invalidToken("The access token has been revoked."));
                    }
                    String ownerStatus = ownerStatus(owners.getItem1());
                    if (token.consentId() != null && ENDED.contains(ownerStatus)) {
                        views.consentEndedPerOwner(token.consentId(), ownerStatus);
                    }
                    return local.map(lookup -> corrected(lookup, owners.getItem1(), ownerStatus));
                });
    }

    /**
     * The local view, unless consent-service says the consent is unknown or no longer authorized; while it is in
     * force, it grants the accounts and clusters consent-service holds now, until the expiry it holds now (a
     * narrowing or a renewal the view has not heard of).
     */
    private static Lookup corrected(Lookup lookup, ConsentResponse owner, String ownerStatus) {
        if (UNKNOWN.equals(ownerStatus)) {
            return new Lookup.Unknown();
        }
        if (!(lookup instanceof Lookup.Found found) || !ConsentView.AUTHORIZED.equals(found.view().status())) {
            return lookup;
        }
        if (!ConsentView.AUTHORIZED.equals(ownerStatus)) {
            return new Lookup.Found(found.view().withStatus(ownerStatus));
        }
        return owner.accountIds() == null || owner.dataClusters() == null ? lookup
                : new Lookup.Found(found.view().withGrant(owner.dataClusters(), owner.accountIds(),
                        owner.expiresAt() == null ? null : owner.expiresAt().toInstant(), found.view().grantVersion()));
    }

    /** An owner's answer and when it was asked for ({@link System#nanoTime()}). */
    private record Answer<T>(T value, long askedAt) {
    }

    /** consent-service's current state of the consent; status {@value #UNKNOWN} when it does not know it. */
    private Uni<ConsentResponse> ownerConsent(String consentId) {
        ConsentResponse known = remembered(consentAnswers, consentId);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        long askedAt = System.nanoTime();
        return consentService.state(consentId)
                .ifNoItem().after(ownerTimeout).fail()
                .onFailure(e -> e instanceof WebApplicationException web && web.getResponse().getStatus() == 404)
                .recoverWithItem(new ConsentResponse(consentId, null, null, null, null, UNKNOWN, null, null))
                .invoke(answer -> consentAnswers.put(consentId, new Answer<>(answer, askedAt)));
    }

    /** A remembered answer, if it was asked for less than the trusted time ago. */
    private <T> T remembered(Map<String, Answer<T>> answers, String key) {
        Answer<T> answer = answers.get(key);
        return answer != null && System.nanoTime() - answer.askedAt() <= trustedNanos ? answer.value() : null;
    }

    private Uni<Boolean> tokenActive(VerifiedToken token, String raw) {
        if (raw == null) {
            return Uni.createFrom().item(false);
        }
        String key = token.tokenId() != null ? token.tokenId() : raw;
        Boolean known = remembered(activeTokens, key);
        if (known != null) {
            return Uni.createFrom().item(known);
        }
        long askedAt = System.nanoTime();
        return tokenService.introspect(clientAuthorization, raw)
                .ifNoItem().after(ownerTimeout).fail()
                .map(answer -> Boolean.TRUE.equals(answer.get("active")))
                .invoke(active -> activeTokens.put(key, new Answer<>(active, askedAt)));
    }

    /** consent-service's status, with an expiry that has passed but was not yet recorded counted as EXPIRED. */
    private String ownerStatus(ConsentResponse consent) {
        if (consent.status() == null) {
            return UNKNOWN;
        }
        if (consent.expiresAt() != null && !clock.instant().isBefore(consent.expiresAt().toInstant())) {
            return "EXPIRED";
        }
        return consent.status();
    }
}
