package io.bankbridge.token.consent;

import io.bankbridge.revocation.consume.ViewFreshness;
import io.bankbridge.token.OAuthException;
import io.bankbridge.token.generator.InternalTokenSource;
import io.bankbridge.token.revocation.GrantRevocation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.InstantSource;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Called by a grant before it mints tokens for a consent. While this instance's revocation view is fresh, what
 * token-service knows is enough (a consent ended anywhere has already deleted its refresh tokens here) and nothing is
 * asked. While it is stale (the broker is away), consent-service, which owns the consent, is asked synchronously: a
 * consent it no longer holds as authorized gets {@code invalid_grant}, and if it cannot answer the grant is refused
 * with 503 {@code temporarily_unavailable}, so no token is minted for a consent that may have ended; an answer that
 * takes longer than the owner time-out counts as none, so the grant is decided within the freshness bound. Not
 * cached: grants are far rarer than data requests, and each one asks the owner at the moment it mints.
 */
@ApplicationScoped
public class ConsentStateCheck {

    private static final Uni<Void> NOTHING_TO_ASK = Uni.createFrom().voidItem();
    private static final String AUTHORIZED = "AUTHORIZED";
    /** Consent states that never change again. */
    private static final Set<String> ENDED = Set.of("REVOKED", "EXPIRED");

    private final ViewFreshness freshness;
    private final ConsentClient consents;
    private final InternalTokenSource internalTokens;
    private final Counter ownerChecks;
    private final Pool pool;
    private final GrantRevocation revocation;
    private final InstantSource clock;

    ConsentStateCheck(ViewFreshness freshness, @RestClient ConsentClient consents, InternalTokenSource internalTokens,
                      MeterRegistry registry, Pool pool, GrantRevocation revocation, InstantSource clock) {
        this.freshness = freshness;
        this.clock = clock;
        this.pool = pool;
        this.revocation = revocation;
        this.consents = consents;
        this.internalTokens = internalTokens;
        this.ownerChecks = Counter.builder("bankbridge.freshness.owner.checks")
                .description("Grants that asked consent-service for the consent's state because the revocation view "
                        + "was stale")
                .register(registry);
    }

    /** Completes if tokens may be minted for {@code consentId} (null: a grant without a consent); fails otherwise. */
    public Uni<Void> beforeMinting(String consentId) {
        if (consentId == null || freshness.fresh()) {
            return NOTHING_TO_ASK;
        }
        ownerChecks.increment();
        return internalTokens.internalToken()
                .chain(token -> consents.state("Bearer " + token, consentId))
                .ifNoItem().after(freshness.ownerTimeout()).fail()
                .onFailure().transform(ConsentStateCheck::unanswered)
                .invoke(state -> {
                    boolean expired = state.expiresAt() != null && !clock.instant().isBefore(state.expiresAt().toInstant());
                    if (!AUTHORIZED.equals(state.status()) || expired) {
                        if (expired || ENDED.contains(state.status())) {
                            remember(consentId);
                        }
                        throw OAuthException.invalidGrant("the consent is no longer active");
                    }
                })
                .replaceWithVoid();
    }

    /**
     * Keeps the owner's word that the consent ended, as its event would: the event may reach the broker only after
     * this instance's view is fresh again (consent-service's outbox retries after an outage), and until then the
     * fresh view must not let the grant's refresh tokens mint again. In its own transaction, not awaited: the grant
     * asking holds a lock on the refresh token this deletes, and releases it when it fails.
     */
    private void remember(String consentId) {
        pool.withTransaction(tx -> revocation.rememberConsent(tx, consentId)).subscribe().with(
                remembered -> Log.debugf("Consent %s ended per consent-service, remembered", consentId),
                failure -> Log.warnf("Could not remember that consent %s ended: %s", consentId, failure.toString()));
    }

    private static RuntimeException unanswered(Throwable failure) {
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() == 404) {
            return OAuthException.invalidGrant("the consent is unknown");
        }
        Log.debugf("Revocation view stale and consent-service did not answer: %s", failure.toString());
        return OAuthException.temporarilyUnavailable("the grant cannot be confirmed right now; retry shortly");
    }
}
