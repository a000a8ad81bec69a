package io.bankbridge.consent.service;

import io.bankbridge.consent.model.Consent;
import io.bankbridge.consent.model.ConsentStatus;
import io.bankbridge.consent.model.ConsentWithHistory;
import io.bankbridge.consent.model.DecidedConsent;
import io.bankbridge.consent.model.GrantState;
import io.bankbridge.consent.model.HistoryEntry;
import io.bankbridge.consent.model.RevocationCause;
import io.bankbridge.consent.repository.ConsentRepository;
import io.bankbridge.revocation.RevocationEventsConfig;
import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.revocation.contract.RevocationData;
import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.bankbridge.revocation.outbox.RevocationOutbox;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The consent lifecycle: every state change locks the consent, checks the transition, and writes the new state,
 * its history line and (for revocation and expiry) its revocation event in one transaction. The relay is woken
 * after commit, so an event is never published for a change that did not happen, and never lost for one that did.
 */
@ApplicationScoped
public class ConsentService {

    /** No authorization lasts longer than a year. */
    public static final int MAX_DURATION_DAYS = 365;
    /** The longest idempotency key a caller may send. */
    public static final int MAX_KEY_LENGTH = 128;
    /** The reason a declined request's consent records, as the history and the Security Center show it. */
    private static final String DECLINED_REASON = "declined by the customer";

    private final Pool pool;
    private final ConsentRepository consents;
    private final RevocationOutbox outbox;
    private final String source;
    private final Clock clock;

    ConsentService(Pool pool, ConsentRepository consents, RevocationOutbox outbox, RevocationEventsConfig events,
                   Clock clock) {
        this.pool = pool;
        this.consents = consents;
        this.outbox = outbox;
        this.source = events.source();
        this.clock = clock;
    }

    /** What one transition writes: the new state, its history lines and, when others must know, its event. */
    private record Change(Consent consent, List<HistoryEntry> entries, RevocationEvent event) {

        Change(Consent consent, HistoryEntry entry, RevocationEvent event) {
            this(consent, List.of(entry), event);
        }

        /** The same change with one more history line after its own. */
        Change with(HistoryEntry line) {
            return new Change(consent, Stream.concat(entries.stream(), Stream.of(line))
                    .toList(), event);
        }
    }

    /**
     * Records the customer's decision on a provider's request in one transaction: the consent as requested (its
     * {@code CREATED} line) and, for an approval, authorized for the accounts and duration the customer chose (its
     * {@code AUTHORIZED} line), for a refusal rejected (its {@code REJECTED} line). Neither writes an event: nothing
     * was in force before. A repeated call with the same idempotency key writes nothing and answers the consent the
     * first call recorded, or refuses (409) when it states a different decision; two calls racing with one key make
     * one consent (the unique key decides, the other call then finds it). Each field was checked where the request
     * arrived (its body's constraints); what depends on the decision (an approval names accounts and a duration, a
     * decline neither) is checked here.
     */
    public Uni<DecidedConsent> decide(ConsentDecision request) {
        String key = request.idempotencyKey();
        int requestedDays = request.requestedDurationDays();
        Instant now = now();
        Consent requested = new Consent(UUID.randomUUID(), request.customerId(), request.providerId(),
                request.providerName(), request.dataClusters().stream().distinct().toList(), List.of(),
                ConsentStatus.AWAITING_AUTHORIZATION, requestedDays, now, null, null, null, null, null, null,
                Consent.FIRST_GRANT_VERSION);
        HistoryEntry created = new HistoryEntry(now, "CREATED", Actor.PROVIDER,
                "Requested " + String.join(", ", requested.dataClusters()) + " for " + requestedDays + " days");
        Change decided;
        if (request.approved()) {
            if (request.accountIds() == null || request.durationDays() == null) {
                throw new InvalidConsentRequestException("An approval names the accountIds and the durationDays the "
                        + "customer chose.");
            }
            Consent authorized = requested.authorized(request.accountIds().stream().distinct().toList(),
                    request.durationDays(), now);
            decided = new Change(authorized, new HistoryEntry(now, "AUTHORIZED", Actor.CUSTOMER,
                    "Accounts " + String.join(", ", authorized.accountIds()) + " until " + authorized.expiresAt()), null);
        } else {
            if (request.accountIds() != null || request.durationDays() != null) {
                throw new InvalidConsentRequestException("A declined request names no accountIds and no durationDays.");
            }
            decided = new Change(requested.rejected(DECLINED_REASON),
                    new HistoryEntry(now, "REJECTED", Actor.CUSTOMER, DECLINED_REASON), null);
        }
        String digest = request.digest();
        return pool.withTransaction(sql -> consents.insertDecided(sql, decided.consent(), key, digest)
                .chain(inserted -> inserted
                        ? consents.appendHistory(sql, requested.id(), created, GrantState.of(requested))
                                .chain(() -> write(sql, decided))
                                .chain(() -> withHistory(sql, decided.consent()))
                                .map(recorded -> new DecidedConsent(recorded, true))
                        : recordedBefore(sql, key, digest)));
    }

    /** The consent an earlier call with this key recorded, if it stated the same decision. */
    private Uni<DecidedConsent> recordedBefore(SqlClient sql, String key, String digest) {
        return consents.findDecided(sql, key).chain(found -> {
            ConsentRepository.Decided earlier = found.orElseThrow(
                    () -> new IllegalStateException("idempotency key conflicted but no consent holds it"));
            if (!earlier.decisionDigest().equals(digest)) {
                throw new DecisionConflictException();
            }
            return withHistory(sql, earlier.consent()).map(recorded -> new DecidedConsent(recorded, false));
        });
    }

    /** The consent and its history, if {@code visible} lets the caller see it; otherwise it does not exist for them. */
    public Uni<ConsentWithHistory> get(UUID id, Predicate<Consent> visible) {
        return pool.withConnection(sql -> consents.find(sql, id).chain(found -> {
            Consent consent = found.filter(visible).orElseThrow(() -> new ConsentNotFoundException(id));
            return withHistory(sql, consent);
        }));
    }

    /** The consent without its history: what a service whose revocation view is stale asks on every check. */
    public Uni<Consent> current(UUID id) {
        return pool.withConnection(sql -> consents.find(sql, id))
                .map(found -> found.orElseThrow(() -> new ConsentNotFoundException(id)));
    }

    /** Every consent the customer ever gave, newest first. */
    /** The consents of any of these customers, newest first. */
    public Uni<List<Consent>> ofCustomers(List<String> customerIds) {
        return pool.withConnection(sql -> consents.byCustomers(sql, customerIds));
    }

    /**
     * Changes what an authorized, unexpired consent of {@code providerId} grants, keeping its id and history:
     * {@link GrantAction#MERGE} adds the clusters and accounts the customer approved now, {@link GrantAction#REPLACE}
     * grants exactly them. With {@code durationDays} (what the customer approved now, at most a year) the approval
     * renews the consent: it is authorized again from now and expires that many days later, and a {@code RENEWED}
     * history line records it; without, the expiry stays. A history line records the change and
     * {@code consent.updated} announces what the consent grants now. Another provider's consent does not exist for it
     * (404); one that is not in force (revoked, expired) can neither change nor be renewed (409).
     */
    public Uni<ConsentWithHistory> amend(UUID id, String providerId, GrantAction action, List<String> dataClusters,
                                         List<String> accountIds, Integer durationDays) {
        return update(id, c -> c.providerId().equals(providerId), current -> {
            Consent merged = action == GrantAction.MERGE
                    ? current.amended(union(current.dataClusters(), dataClusters), union(current.accountIds(), accountIds))
                    : current.amended(dataClusters.stream().distinct().toList(), accountIds.stream().distinct().toList());
            Consent amended = durationDays == null ? merged : merged.renewed(durationDays, now());
            Change change = updated(amended, action.historyEvent(), "Now " + String.join(", ", amended.dataClusters())
                    + " for accounts " + String.join(", ", amended.accountIds()));
            return durationDays == null ? change : change.with(new HistoryEntry(amended.authorizedAt(), "RENEWED",
                    Actor.CUSTOMER, "Authorized again for " + durationDays + " days, until " + amended.expiresAt()));
        });
    }

    /**
     * The customer removes one account ({@code accountId}) or one data cluster ({@code dataCluster}) from a consent in
     * force that {@code visible} lets them see, without ending it; {@code consent.updated} announces what remains.
     * The last account or cluster cannot be removed (revoking ends a connection); one the consent does not grant is
     * a bad request.
     */
    public Uni<ConsentWithHistory> narrow(UUID id, Predicate<Consent> visible, String accountId, String dataCluster) {
        if ((accountId == null) == (dataCluster == null)) {
            throw new InvalidConsentRequestException("Remove either one account or one data cluster.");
        }
        return update(id, visible, current -> {
            List<String> accounts = current.accountIds();
            List<String> clusters = current.dataClusters();
            List<String> from = accountId != null ? accounts : clusters;
            String removed = accountId != null ? accountId : dataCluster;
            if (!from.contains(removed)) {
                throw new InvalidConsentRequestException("This connection does not share that "
                        + (accountId != null ? "account." : "data."));
            }
            if (from.size() == 1) {
                throw new InvalidConsentRequestException("A connection shares at least one account and one kind of data; "
                        + "revoke it to end it.");
            }
            List<String> rest = from.stream().filter(v -> !v.equals(removed)).toList();
            Consent narrowed = accountId != null ? current.amended(clusters, rest) : current.amended(rest, accounts);
            return updated(narrowed, "NARROWED", (accountId != null ? "Account " : "Data cluster ") + removed
                    + " removed by the customer");
        });
    }

    /** Changes what a consent in force grants, in one transaction with its history line and its event. */
    private Uni<ConsentWithHistory> update(UUID id, Predicate<Consent> visible, Function<Consent, Change> change) {
        return outbox.inTransaction(pool, sql -> consents.lock(sql, id).chain(found -> {
                    Consent current = found.filter(visible).orElseThrow(() -> new ConsentNotFoundException(id));
                    if (current.status() != ConsentStatus.AUTHORIZED || !now().isBefore(current.expiresAt())) {
                        throw new IllegalTransitionException(id, current.status(), ConsentStatus.AUTHORIZED);
                    }
                    Change next = change.apply(current);
                    return write(sql, next).chain(() -> withHistory(sql, next.consent()));
                }));
    }

    /**
     * The change to {@code changed}: its history line, and {@code consent.updated} with what it grants now, until
     * when, and its grant version.
     */
    private Change updated(Consent changed, String historyEvent, String detail) {
        Instant now = now();
        RevocationEvent event = RevocationEvent.aboutConsent(source, RevocationEventType.CONSENT_UPDATED,
                new RevocationData(changed.id().toString(), changed.providerId(), changed.customerId(), null,
                        Actor.CUSTOMER, detail, now, changed.accountIds(), changed.dataClusters(), changed.expiresAt(),
                        changed.grantVersion()));
        return new Change(changed, new HistoryEntry(now, historyEvent, Actor.CUSTOMER, detail), event);
    }

    /** Revokes a consent the caller may see, and announces it ({@code consent.revoked}) through the outbox. */
    public Uni<ConsentWithHistory> revoke(UUID id, Actor actor, String reason, Predicate<Consent> visible) {
        return revoke(id, actor, RevocationCause.of(actor), reason, visible);
    }

    /**
     * Revokes a consent the caller may see for the reason and on the initiative {@code cause} states (FDX's
     * {@code ConsentRevocationRequest}), the same way as every revocation: {@code consent.revoked} through the outbox.
     */
    public Uni<ConsentWithHistory> revoke(UUID id, Actor actor, RevocationCause cause, String reason,
                                          Predicate<Consent> visible) {
        return transition(id, visible, ConsentStatus.REVOKED, c -> revocation(c, actor, cause, reason));
    }

    /**
     * Expires up to {@code batchSize} consents past their expiry, each with a {@code consent.expired} event;
     * returns how many. Rows locked by another instance are skipped, so replicas share the work.
     */
    public Uni<Integer> expireDue(int batchSize) {
        return outbox.inTransaction(pool, sql -> consents.lockDueForExpiry(sql, now(), batchSize)
                .chain(due -> applyAll(sql, due, c -> {
                    Consent expired = c.expired();
                    RevocationEvent event = RevocationEvent.aboutConsent(source, RevocationEventType.CONSENT_EXPIRED,
                            new RevocationData(c.id().toString(), c.providerId(), c.customerId(), null, Actor.SYSTEM,
                                    "Consent reached its expiry", c.expiresAt()));
                    return new Change(expired, new HistoryEntry(now(), "EXPIRED", Actor.SYSTEM,
                            "Expired at " + c.expiresAt()), event);
                })));
    }

    /**
     * Announces ({@code consent.expiring}) up to {@code batchSize} consents in force that reached lead time
     * {@code lead} before their expiry but not yet the {@code nearer} one; returns how many. Each notice is claimed
     * in the database with its event, so an instance announces only what no other instance announced.
     */
    public Uni<Integer> announceExpiring(Duration lead, Duration nearer, int batchSize) {
        Instant now = now();
        return outbox.inTransaction(pool, sql -> consents.claimExpiryNotices(sql, now, lead, nearer, batchSize)
                .chain(due -> due.isEmpty() ? Uni.createFrom().item(0) : Multi.createFrom().iterable(due)
                        .onItem().transformToUniAndConcatenate(c -> outbox.append(sql, expiring(c, lead)))
                        .collect().asList().map(List::size)));
    }

    private RevocationEvent expiring(Consent c, Duration lead) {
        String in = lead.toSeconds() % Duration.ofDays(1).toSeconds() == 0 ? lead.toDays() + " days" : lead.toString();
        return RevocationEvent.aboutConsent(source, RevocationEventType.CONSENT_EXPIRING,
                new RevocationData(c.id().toString(), c.providerId(), c.customerId(), null, Actor.SYSTEM,
                        "Expires in " + in + " unless renewed", c.expiresAt()));
    }

    /**
     * Revokes (actor BANK) every consent of a suspended provider that was authorized before the suspension took
     * effect, with one {@code consent.revoked} event each. Idempotent: a replayed suspension finds nothing left.
     */
    public Uni<Integer> revokeAllOfProvider(String providerId, Instant effectiveAt, String reason) {
        String why = reason == null || reason.isBlank() ? "Provider suspended by the bank" : reason;
        return outbox.inTransaction(pool, sql -> consents.lockAuthorizedOfProvider(sql, providerId, effectiveAt)
                .chain(affected -> applyAll(sql, affected,
                        c -> revocation(c, Actor.BANK, RevocationCause.of(Actor.BANK), why))));
    }

    private Change revocation(Consent c, Actor actor, RevocationCause cause, String reason) {
        Instant now = now();
        Consent revoked = c.revoked(actor, cause, reason, now);
        RevocationEvent event = RevocationEvent.aboutConsent(source, RevocationEventType.CONSENT_REVOKED,
                new RevocationData(c.id().toString(), c.providerId(), c.customerId(), null, actor, reason, now));
        return new Change(revoked, new HistoryEntry(now, "REVOKED", actor, reason), event);
    }

    private Uni<ConsentWithHistory> transition(UUID id, Predicate<Consent> visible, ConsentStatus to,
                                               Function<Consent, Change> change) {
        return outbox.inTransaction(pool, sql -> consents.lock(sql, id).chain(found -> {
                    Consent current = found.filter(visible).orElseThrow(() -> new ConsentNotFoundException(id));
                    if (!current.status().canBecome(to)) {
                        throw new IllegalTransitionException(id, current.status(), to);
                    }
                    Change next = change.apply(current);
                    return write(sql, next).chain(() -> withHistory(sql, next.consent()));
                }));
    }

    private Uni<Integer> applyAll(SqlClient sql, List<Consent> targets, Function<Consent, Change> change) {
        if (targets.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        // One statement at a time on the transaction's connection, in id order.
        return Multi.createFrom().iterable(targets)
                .onItem().transformToUniAndConcatenate(c -> write(sql, change.apply(c)))
                .collect().asList()
                .map(List::size);
    }

    private Uni<Void> write(SqlClient sql, Change change) {
        Uni<Void> written = consents.update(sql, change.consent());
        // Each line keeps what the consent grants once the whole change is made: what its receipt states.
        GrantState state = GrantState.of(change.consent());
        for (HistoryEntry entry : change.entries()) {
            written = written.chain(() -> consents.appendHistory(sql, change.consent().id(), entry, state));
        }
        return change.event() == null ? written : written.chain(() -> outbox.append(sql, change.event()));
    }

    private Uni<ConsentWithHistory> withHistory(SqlClient sql, Consent consent) {
        return consents.history(sql, consent.id()).map(history -> new ConsentWithHistory(consent, history));
    }

    /** {@code first}, then what {@code more} adds, each once. */
    private static List<String> union(List<String> first, List<String> more) {
        return Stream.concat(first.stream(), more.stream()).distinct().toList();
    }

    /** Millisecond precision: what the database keeps and what clients see are the same instant. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
