package io.bankbridge.token.revocation;

import io.bankbridge.revocation.RevocationEventsConfig;
import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.revocation.contract.RevocationData;
import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.bankbridge.revocation.outbox.RevocationOutbox;
import io.bankbridge.token.SqlTime;
import io.bankbridge.token.generator.RefreshTokenStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.function.Function;

/**
 * Ends grants from inside token-service (RFC 7009, code reuse, suspension): deletes the refresh tokens, remembers what
 * is revoked for introspection, and records what others must learn — token-service's own facts as events in the
 * outbox ({@code token.revoked}, {@code provider.suspended}), a consent's end as a request to consent-service, which
 * alone writes consent state and announces {@code consent.revoked} — all on the caller's transaction, so they commit
 * together. Run that transaction through {@link #inTransaction}, which hands its events to the relay once it
 * committed, and call {@link #sendNow()} after it.
 */
@ApplicationScoped
public class GrantRevocation {

    private static final String REMEMBER_CONSENT = "INSERT INTO revoked_consents (consent_id, revoked_at) VALUES ($1, $2) "
            + "ON CONFLICT DO NOTHING";
    private static final String REMEMBER_JTI = "INSERT INTO revoked_access_tokens (jti, revoked_at) VALUES ($1, $2) "
            + "ON CONFLICT DO NOTHING";

    private final RefreshTokenStore refreshTokens;
    private final RevocationOutbox outbox;
    private final ConsentRevocationRequests consentRevocations;
    private final String source;
    private final InstantSource clock;

    GrantRevocation(RefreshTokenStore refreshTokens, RevocationOutbox outbox, ConsentRevocationRequests consentRevocations,
                    RevocationEventsConfig events, InstantSource clock) {
        this.refreshTokens = refreshTokens;
        this.outbox = outbox;
        this.consentRevocations = consentRevocations;
        this.source = events.source();
        this.clock = clock;
    }

    /**
     * Ends a consent's grant here at once (its refresh tokens deleted, the consent remembered revoked, so refresh and
     * introspection refuse it) and records the request that consent-service revoke the consent, unless this service
     * already knew it ended (then consent-service has ended it, or was asked to already).
     */
    public Uni<Void> revokeConsent(SqlClient tx, String consentId, Actor actor, String reason) {
        return rememberConsent(tx, consentId).chain(newlyRevoked -> newlyRevoked
                ? consentRevocations.record(tx, consentId, actor, reason)
                : Uni.createFrom().voidItem());
    }

    /**
     * Revokes one access token by {@code jti}; announces {@code token.revoked} when the token belongs to a consent
     * (tokens outside consents are only checked here, by introspection).
     */
    public Uni<Void> revokeAccessToken(SqlClient tx, String jti, String consentId, String providerId, String customerId,
                                       Actor actor, String reason) {
        return rememberJti(tx, jti).chain(newlyRevoked -> {
            if (!newlyRevoked || consentId == null) {
                return Uni.createFrom().voidItem();
            }
            RevocationData data = new RevocationData(consentId, providerId, customerId, jti, actor, reason, clock.instant());
            return outbox.append(tx, RevocationEvent.aboutConsent(source, RevocationEventType.TOKEN_REVOKED, data));
        });
    }

    /** Announces that a provider was suspended: every grant it holds is void from {@code effectiveAt}. */
    public Uni<Void> suspendProvider(SqlClient tx, String providerId, String reason, Instant effectiveAt) {
        RevocationData data = new RevocationData(null, providerId, null, null, Actor.BANK, reason, effectiveAt);
        return refreshTokens.deleteForClient(tx, providerId)
                .chain(() -> outbox.append(tx, RevocationEvent.aboutProvider(source, RevocationEventType.PROVIDER_SUSPENDED, data)));
    }

    /** Deletes the consent's refresh tokens and records it revoked; true if it was not recorded yet. */
    public Uni<Boolean> rememberConsent(SqlClient tx, String consentId) {
        return refreshTokens.deleteForConsent(tx, consentId)
                .chain(() -> tx.preparedQuery(REMEMBER_CONSENT).execute(Tuple.of(consentId, now())))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Records an access token revoked; true if it was not recorded yet. */
    public Uni<Boolean> rememberJti(SqlClient tx, String jti) {
        return tx.preparedQuery(REMEMBER_JTI).execute(Tuple.of(jti, now())).map(rows -> rows.rowCount() > 0);
    }

    private OffsetDateTime now() {
        return SqlTime.of(clock.instant());
    }

    /**
     * A transaction that may record revocations: as {@link Pool#withTransaction}, and once it committed the events it
     * wrote go to the outbox relay, which publishes them at once.
     */
    public <T> Uni<T> inTransaction(Pool pool, Function<SqlConnection, Uni<T>> work) {
        return outbox.inTransaction(pool, work);
    }

    /** Sends now the requests to consent-service that the committed transaction recorded. */
    public void sendNow() {
        consentRevocations.wakeUp();
    }
}
