package io.bankbridge.accountdata.consent;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.bankbridge.accountdata.config.ConsentViewConfig;
import io.bankbridge.accountdata.repository.RevocationRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The in-memory consent view the hot path decides on. A consent is loaded from consent-service the first time one
 * of its tokens is seen (concurrent first requests share one call); revocation events then keep the view true.
 * What the events ended (consents, token ids, provider suspensions) is also persisted and reloaded at start.
 *
 * <p>Every map is bounded ({@link ConsentViewConfig}). A dropped consent is asked of consent-service again. What
 * events say about tokens is kept for the access-token lifetime plus a margin, after which every token it concerns
 * has expired; should the bound of revoked token ids or of suspended providers be reached before that, every token
 * issued before the drop is refused ({@link DroppedForRoom}).
 */
@ApplicationScoped
public class ConsentViews {

    /** The outcome of looking a consent up. */
    public sealed interface Lookup {
        record Found(ConsentView view) implements Lookup {
        }

        record Unknown() implements Lookup {
        }
    }

    private final ConsentServiceClient consentService;
    private final RevocationRepository revocations;
    private final Duration retention;
    private final InstantSource clock;
    private final Map<String, ConsentView> views;
    private final Map<String, Uni<Lookup>> loading = new ConcurrentHashMap<>();
    /** Consents an update named while they were being read from consent-service: that answer is not kept. */
    private final Map<String, Boolean> overtaken;
    /** Consents ended by an event: sticky, whatever a later (older) answer from consent-service says. */
    private final Map<String, String> ended;
    private final Map<String, Boolean> revokedTokens;
    private final Map<String, Instant> suspendedProviders;
    private final DroppedForRoom revokedTokensDropped =
            new DroppedForRoom("bankbridge.consent-view.max-revoked-tokens");
    private final DroppedForRoom suspensionsDropped = new DroppedForRoom("bankbridge.consent-view.max-ended");

    ConsentViews(@RestClient ConsentServiceClient consentService, RevocationRepository revocations,
                 ConsentViewConfig config, InstantSource clock) {
        this.consentService = consentService;
        this.clock = clock;
        this.revocations = revocations;
        this.retention = config.retention();
        this.overtaken = Caffeine.newBuilder().maximumSize(config.maxConsents()).expireAfterWrite(Duration.ofMinutes(1))
                .<String, Boolean>build().asMap();
        this.views = Caffeine.newBuilder().maximumSize(config.maxConsents())
                .expireAfterAccess(config.consentIdle()).<String, ConsentView>build().asMap();
        this.ended = Caffeine.newBuilder().maximumSize(config.maxEnded())
                .expireAfterWrite(retention).<String, String>build().asMap();
        this.suspendedProviders = Caffeine.newBuilder().maximumSize(config.maxEnded()).expireAfterWrite(retention)
                .evictionListener(suspensionsDropped.<String, Instant>listener()).build().asMap();
        this.revokedTokens = Caffeine.newBuilder().maximumSize(config.maxRevokedTokens()).expireAfterWrite(retention)
                .evictionListener(revokedTokensDropped.<String, Boolean>listener()).build().asMap();
    }

    void load(@Observes StartupEvent ignored) {
        RevocationRepository.Revocations known = revocations.loadSince(clock.instant().minus(retention))
                .await().indefinitely();
        ended.putAll(known.endedConsents());
        known.revokedTokens().forEach(t -> revokedTokens.put(t, Boolean.TRUE));
        known.suspendedProviders().forEach((p, at) -> suspendedProviders.merge(p, at, ConsentViews::later));
        Log.infof("Consent view: %d ended consents, %d revoked tokens, %d suspended providers loaded",
                ended.size(), revokedTokens.size(), suspendedProviders.size());
    }

    /** The consent, from memory, or from consent-service on first sight (or after it was dropped). */
    public Uni<Lookup> lookup(String consentId) {
        ConsentView cached = views.get(consentId);
        if (cached != null) {
            return Uni.createFrom().item(new Lookup.Found(cached));
        }
        return loading.computeIfAbsent(consentId, id -> fetch(id)
                .onTermination().invoke(() -> loading.remove(id))
                .memoize().indefinitely());
    }

    /** Whether the token was revoked, or may have been and its revocation could not be kept (see the class). */
    public boolean tokenRevoked(String tokenId, Instant issuedAt) {
        return (tokenId != null && revokedTokens.containsKey(tokenId)) || revokedTokensDropped.covers(issuedAt);
    }

    /** Whether a token of this provider issued at {@code issuedAt} is void because the provider was suspended after. */
    public boolean providerSuspended(String providerId, Instant issuedAt) {
        Instant suspendedAt = suspendedProviders.get(providerId);
        return (suspendedAt != null && (issuedAt == null || !issuedAt.isAfter(suspendedAt)))
                || suspensionsDropped.covers(issuedAt);
    }

    /*
     * Each change below takes effect in memory first, so requests are refused from that instant, and is then
     * persisted for the next start; a failed write fails the apply, which the consumer retries (idempotently).
     */

    /** Applies a consent's end (revoked or expired). Idempotent. */
    public void consentEnded(String consentId, String status, Instant effectiveAt) {
        consentEndedPerOwner(consentId, status);
        revocations.consentEnded(consentId, status, effectiveAt).await().indefinitely();
    }

    /**
     * Applies a change to what a consent in force grants ({@code consent.updated}): a view held in memory grants
     * exactly these accounts and clusters from now on, until {@code expiresAt} when the event says (a renewal moved
     * it). A consent not held is read from consent-service, which already holds the change, when one of its tokens is
     * next seen; one being read at this moment is served from that answer but not kept, since the answer may predate
     * the change. An update at or below the grant version the view holds is older than what the view grants (updates
     * of one consent can arrive out of order) and changes nothing; one without a version (a sender before versions)
     * is applied as it comes. Idempotent; nothing to persist.
     */
    public void consentUpdated(String consentId, List<String> accountIds, List<String> dataClusters, Instant expiresAt,
                               Long grantVersion) {
        // Marked before the view is looked at: a read deciding after this finds the mark and keeps nothing; one that
        // decided before has put its view, which the update below then finds.
        if (loading.containsKey(consentId)) {
            overtaken.put(consentId, Boolean.TRUE);
        }
        views.computeIfPresent(consentId, (id, view) -> {
            if (grantVersion != null && grantVersion <= view.grantVersion()) {
                Log.infof("Consent %s: an update to grant version %d came after version %d; the later grant stands",
                        id, grantVersion, view.grantVersion());
                return view;
            }
            return view.withGrant(dataClusters, accountIds, expiresAt,
                    grantVersion != null ? grantVersion : view.grantVersion());
        });
    }

    public void tokenRevoked(String tokenId, String consentId, Instant at) {
        tokenRevokedPerOwner(tokenId);
        revocations.tokenRevoked(tokenId, consentId, at).await().indefinitely();
    }

    public void suspendProvider(String providerId, Instant effectiveAt) {
        suspendedProviders.merge(providerId, effectiveAt, ConsentViews::later);
        revocations.providerSuspended(providerId, effectiveAt).await().indefinitely();
    }

    /**
     * An owner's word, asked while the view was stale, that a consent ended ({@code REVOKED} or {@code EXPIRED}, both
     * final): refused from now on, as its event would have it. The event may reach the broker only after this
     * instance's view is fresh again (an owner's outbox retries after an outage), and until then the fresh view must
     * not serve the grant again. The event, when it comes, persists it.
     */
    public void consentEndedPerOwner(String consentId, String status) {
        ended.putIfAbsent(consentId, status);
        views.computeIfPresent(consentId, (id, view) -> view.withStatus(ended.get(id)));
    }

    /** Likewise, token-service's word that a token this instance verified is no longer active: it never is again. */
    public void tokenRevokedPerOwner(String tokenId) {
        revokedTokens.put(tokenId, Boolean.TRUE);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private Uni<Lookup> fetch(String consentId) {
        return consentService.get(consentId)
                .map(c -> {
                    String endedStatus = ended.get(consentId);
                    ConsentView view = ConsentView.of(c.id(), c.customerId(), c.providerId(),
                            endedStatus != null ? endedStatus : c.status(),
                            Optional.ofNullable(c.dataClusters()).orElse(List.of()),
                            List.copyOf(Optional.ofNullable(c.accountIds()).orElse(List.of())),
                            c.expiresAt() == null ? null : c.expiresAt().toInstant(),
                            c.grantVersion() == null ? 0 : c.grantVersion());
                    // A consent that is not yet authorized may become so: only settled views are kept; nor is one an
                    // update overtook while consent-service answered (the next token asks again). Deciding inside
                    // compute makes the decision atomic with that update's own look at the view (consentUpdated).
                    if (!"AWAITING_AUTHORIZATION".equals(view.status())) {
                        ConsentView answered = view;
                        views.compute(consentId, (id, held) -> overtaken.remove(id) != null ? held : answered);
                        // An event may have ended it while consent-service was answering.
                        String late = ended.get(consentId);
                        if (late != null) {
                            view = view.withStatus(late);
                            views.computeIfPresent(consentId, (id, held) -> held.withStatus(late));
                        }
                    }
                    return (Lookup) new Lookup.Found(view);
                })
                // Any other failure (5xx, no answer, time-out, circuit breaker open) leaves the consent unconfirmed.
                .onFailure().recoverWithUni(e -> e instanceof WebApplicationException web
                        && web.getResponse().getStatus() == 404
                        ? Uni.createFrom().item(new Lookup.Unknown())
                        : Uni.createFrom().failure(new ConsentServiceUnavailable(e)));
    }

    /** consent-service could not tell us about a consent we have not seen yet. */
    public static final class ConsentServiceUnavailable extends RuntimeException {
        ConsentServiceUnavailable(Throwable cause) {
            super("consent-service did not answer: " + cause.getMessage(), cause);
        }
    }
}
