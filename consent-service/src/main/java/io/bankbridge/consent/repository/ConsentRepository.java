package io.bankbridge.consent.repository;

import io.bankbridge.consent.model.Consent;
import io.bankbridge.consent.model.ConsentStatus;
import io.bankbridge.consent.model.GrantState;
import io.bankbridge.consent.model.HistoryEntry;
import io.bankbridge.consent.model.RevocationCause;
import io.bankbridge.revocation.contract.Actor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The SQL for consents and their history. Every method runs on the connection it is given, so that the caller
 * decides the transaction (a state change, its history line and its outbox row commit together).
 */
@ApplicationScoped
public class ConsentRepository {

    private static final String COLUMNS = "id, customer_id, provider_id, provider_name, data_clusters, account_ids, status, "
            + "duration_days, created_at, authorized_at, expires_at, revoked_at, revoked_by, revocation_reason, revocation_reason_code, "
            + "revocation_initiator, grant_version";

    /**
     * Inserts a consent the customer decided on, with the caller's idempotency key and the digest of the decision;
     * false (and nothing written) when a consent with that key exists already. A concurrent insert with the same key
     * is waited for: once it commits this one finds its consent, so one key never makes two consents.
     */
    public Uni<Boolean> insertDecided(SqlClient sql, Consent c, String idempotencyKey, String decisionDigest) {
        return sql.preparedQuery("INSERT INTO consent (" + COLUMNS + ", idempotency_key, decision_digest) VALUES ($1, $2, "
                        + "$3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) "
                        + "ON CONFLICT (idempotency_key) DO NOTHING")
                .execute(tuple(c.id(), c.customerId(), c.providerId(), c.providerName(), c.dataClusters(), c.accountIds(),
                        c.status(), c.durationDays(), c.createdAt(), c.authorizedAt(), c.expiresAt(), c.revokedAt(),
                        c.revokedBy(), c.revocationReason(), reasonCode(c), initiator(c), c.grantVersion(), idempotencyKey,
                        decisionDigest))
                .map(rows -> rows.rowCount() == 1);
    }

    /** The consent recorded with this idempotency key, and the digest of the decision that recorded it. */
    public Uni<Optional<Decided>> findDecided(SqlClient sql, String idempotencyKey) {
        return sql.preparedQuery("SELECT " + COLUMNS + ", decision_digest FROM consent WHERE idempotency_key = $1")
                .execute(Tuple.of(idempotencyKey))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.empty();
                    }
                    Row row = it.next();
                    return Optional.of(new Decided(consent(row), row.getString("decision_digest")));
                });
    }

    /** A consent recorded by a decision, with that decision's digest. */
    public record Decided(Consent consent, String decisionDigest) {
    }

    /** Writes the mutable fields of a consent that the caller has locked. */
    public Uni<Void> update(SqlClient sql, Consent c) {
        return sql.preparedQuery("UPDATE consent SET account_ids = $2, status = $3, duration_days = $4, authorized_at = $5, "
                        + "expires_at = $6, revoked_at = $7, revoked_by = $8, revocation_reason = $9, data_clusters = $10, "
                        + "revocation_reason_code = $11, revocation_initiator = $12, grant_version = $13 WHERE id = $1")
                .execute(tuple(c.id(), c.accountIds(), c.status(), c.durationDays(), c.authorizedAt(), c.expiresAt(),
                        c.revokedAt(), c.revokedBy(), c.revocationReason(), c.dataClusters(), reasonCode(c), initiator(c),
                        c.grantVersion()))
                .replaceWithVoid();
    }

    public Uni<Optional<Consent>> find(SqlClient sql, UUID id) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM consent WHERE id = $1").execute(Tuple.of(id))
                .map(ConsentRepository::first);
    }

    /** Reads and locks one consent until the caller's transaction ends, so that two transitions cannot race. */
    public Uni<Optional<Consent>> lock(SqlClient sql, UUID id) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM consent WHERE id = $1 FOR UPDATE").execute(Tuple.of(id))
                .map(ConsentRepository::first);
    }

    public Uni<List<Consent>> byCustomers(SqlClient sql, List<String> customerIds) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM consent WHERE customer_id = ANY($1) ORDER BY created_at DESC")
                .execute(Tuple.of(customerIds.toArray(String[]::new)))
                .map(ConsentRepository::all);
    }

    /** Locks the provider's consents that were authorized at or before {@code at} and are still authorized. */
    public Uni<List<Consent>> lockAuthorizedOfProvider(SqlClient sql, String providerId, Instant at) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM consent WHERE provider_id = $1 AND status = 'AUTHORIZED' "
                        + "AND authorized_at <= $2 ORDER BY id FOR UPDATE")
                .execute(Tuple.of(providerId, utc(at)))
                .map(ConsentRepository::all);
    }

    /**
     * Locks up to {@code limit} authorized consents past their expiry, skipping the ones another instance holds,
     * so that several replicas can run the expiry job at once without expiring a consent twice.
     */
    public Uni<List<Consent>> lockDueForExpiry(SqlClient sql, Instant now, int limit) {
        return sql.preparedQuery("SELECT " + COLUMNS + " FROM consent WHERE status = 'AUTHORIZED' AND expires_at <= $1 "
                        + "ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED")
                .execute(Tuple.of(utc(now), limit))
                .map(ConsentRepository::all);
    }

    /**
     * Claims the notice for lead time {@code lead} of up to {@code limit} authorized consents that expire after
     * {@code now + nearer} and at most {@code now + lead} (so a consent whose nearer lead time has passed too gets only
     * the nearer notice), that were authorized before the lead time began, and whose notice for this lead time and
     * expiry was not claimed yet; returns them. The claim is the notice's row: an instance running the same claim
     * at the same time waits for this transaction and then finds the row, so each notice is claimed once.
     */
    public Uni<List<Consent>> claimExpiryNotices(SqlClient sql, Instant now, Duration lead, Duration nearer, int limit) {
        return sql.preparedQuery("WITH claimed AS (INSERT INTO consent_expiry_notice (consent_id, lead_seconds, expires_at, "
                        + "announced_at) SELECT c.id, $2::bigint, c.expires_at, $1::timestamptz FROM consent c "
                        + "WHERE c.status = 'AUTHORIZED' AND c.expires_at > $3 AND c.expires_at <= $4 "
                        + "AND c.expires_at - c.authorized_at > $2::bigint * INTERVAL '1 second' "
                        + "AND NOT EXISTS (SELECT 1 FROM consent_expiry_notice n WHERE n.consent_id = c.id "
                        + "AND n.lead_seconds = $2::bigint AND n.expires_at = c.expires_at) "
                        + "ORDER BY c.expires_at LIMIT $5 ON CONFLICT DO NOTHING RETURNING consent_id) "
                        + "SELECT " + COLUMNS + " FROM consent WHERE id IN (SELECT consent_id FROM claimed) ORDER BY expires_at")
                .execute(Tuple.of(utc(now), lead.toSeconds(), utc(now.plus(nearer)), utc(now.plus(lead)), limit))
                .map(ConsentRepository::all);
    }

    /** Appends a history line with {@code state}, what the consent grants once the change that wrote it is made. */
    public Uni<Void> appendHistory(SqlClient sql, UUID consentId, HistoryEntry entry, GrantState state) {
        return sql.preparedQuery("INSERT INTO consent_history (consent_id, at, event, actor, detail, state_status, "
                        + "state_account_ids, state_data_clusters, state_authorized_at, state_expires_at) "
                        + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
                .execute(tuple(consentId, entry.at(), entry.event(), entry.actor(), entry.detail(), state.status(),
                        state.accountIds(), state.dataClusters(), state.authorizedAt(), state.expiresAt()))
                .replaceWithVoid();
    }

    public Uni<List<HistoryEntry>> history(SqlClient sql, UUID consentId) {
        return sql.preparedQuery("SELECT at, event, actor, detail, state_status, state_account_ids, state_data_clusters, "
                        + "state_authorized_at, state_expires_at FROM consent_history WHERE consent_id = $1 ORDER BY id")
                .execute(Tuple.of(consentId))
                .map(rows -> {
                    List<HistoryEntry> entries = new ArrayList<>();
                    rows.forEach(r -> entries.add(new HistoryEntry(instant(r, "at"), r.getString("event"),
                            Actor.valueOf(r.getString("actor")), r.getString("detail"), state(r))));
                    return entries;
                });
    }

    /** The state kept with a history line; null for lines recorded before receipts were kept. */
    private static GrantState state(Row r) {
        String status = r.getString("state_status");
        return status == null ? null : new GrantState(ConsentStatus.valueOf(status),
                List.of(r.getArrayOfStrings("state_account_ids")), List.of(r.getArrayOfStrings("state_data_clusters")),
                instant(r, "state_authorized_at"), instant(r, "state_expires_at"));
    }

    /** Binds values the way the columns store them: instants as UTC timestamps, enums by name, lists as arrays. */
    private static Tuple tuple(Object... values) {
        Tuple tuple = Tuple.tuple();
        for (Object v : values) {
            tuple.addValue(switch (v) {
                case Instant i -> utc(i);
                case Enum<?> e -> e.name();
                case List<?> l -> l.stream().map(String::valueOf).toArray(String[]::new);
                case null -> null;
                default -> v;
            });
        }
        return tuple;
    }

    private static RevocationCause.Reason reasonCode(Consent c) {
        return c.revocationCause() == null ? null : c.revocationCause().reason();
    }

    private static RevocationCause.Initiator initiator(Consent c) {
        return c.revocationCause() == null ? null : c.revocationCause().initiator();
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }

    private static Optional<Consent> first(RowSet<Row> rows) {
        var it = rows.iterator();
        return it.hasNext() ? Optional.of(consent(it.next())) : Optional.empty();
    }

    private static List<Consent> all(RowSet<Row> rows) {
        List<Consent> consents = new ArrayList<>();
        rows.forEach(r -> consents.add(consent(r)));
        return consents;
    }

    private static Consent consent(Row r) {
        String revokedBy = r.getString("revoked_by");
        String reasonCode = r.getString("revocation_reason_code");
        RevocationCause cause = reasonCode == null ? null : new RevocationCause(RevocationCause.Reason.valueOf(reasonCode),
                RevocationCause.Initiator.valueOf(r.getString("revocation_initiator")));
        return new Consent(r.getUUID("id"), r.getString("customer_id"), r.getString("provider_id"), r.getString("provider_name"),
                List.of(r.getArrayOfStrings("data_clusters")), List.of(r.getArrayOfStrings("account_ids")),
                ConsentStatus.valueOf(r.getString("status")), r.getInteger("duration_days"), instant(r, "created_at"),
                instant(r, "authorized_at"), instant(r, "expires_at"), instant(r, "revoked_at"),
                revokedBy == null ? null : Actor.valueOf(revokedBy), r.getString("revocation_reason"), cause,
                r.getLong("grant_version"));
    }

    private static Instant instant(Row r, String column) {
        OffsetDateTime at = r.getOffsetDateTime(column);
        return at == null ? null : at.toInstant();
    }
}
