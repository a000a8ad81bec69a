package io.bankbridge.token.revocation;

import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.token.consent.ConsentClient;
import io.bankbridge.token.consent.ConsentRevocation;
import io.bankbridge.token.generator.InternalTokenSource;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Asks consent-service, the one writer of consent state, to revoke the consents token-service ended itself. The
 * request is recorded in the caller's transaction ({@link #record}), with what token-service ends of its own, so it
 * survives consent-service being away; it is sent right after the commit ({@link #wakeUp}) and then every
 * {@code bankbridge.consent-revocations.retry-every} until consent-service answers: 2xx (revoked), 404 (unknown) or
 * 409 (no longer authorized: already revoked or ended) each settle it, and the row is deleted. Rows are taken
 * {@code FOR UPDATE SKIP LOCKED}, so replicas, and a wake-up meeting the schedule, never send the same one at once.
 */
@ApplicationScoped
public class ConsentRevocationRequests {

    private static final int BATCH_SIZE = 20;
    private static final String INSERT = "INSERT INTO consent_revocation_requests (consent_id, actor, reason) "
            + "VALUES ($1, $2, $3)";
    private static final String SELECT_PENDING = "SELECT id, consent_id, actor, reason FROM consent_revocation_requests "
            + "ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED";
    private static final String DELETE = "DELETE FROM consent_revocation_requests WHERE id = $1";
    private static final String FAILED = "UPDATE consent_revocation_requests SET attempts = attempts + 1, last_error = $2 "
            + "WHERE id = $1 RETURNING attempts";

    private record Pending(long id, String consentId, Actor actor, String reason) {

        static Pending of(Row row) {
            return new Pending(row.getLong("id"), row.getString("consent_id"), Actor.valueOf(row.getString("actor")),
                    row.getString("reason"));
        }
    }

    private final Pool pool;
    private final ConsentClient consents;
    private final InternalTokenSource internalTokens;

    ConsentRevocationRequests(Pool pool, @RestClient ConsentClient consents, InternalTokenSource internalTokens) {
        this.pool = pool;
        this.consents = consents;
        this.internalTokens = internalTokens;
    }

    /** Records, inside the caller's transaction, that consent-service must revoke the consent. */
    public Uni<Void> record(SqlClient tx, String consentId, Actor actor, String reason) {
        return tx.preparedQuery(INSERT).execute(Tuple.of(consentId, actor.name(), reason)).replaceWithVoid();
    }

    /** Sends what is pending now, not at the next retry; call it once the transaction that recorded it committed. */
    public void wakeUp() {
        sendPending().subscribe().with(
                settled -> Log.debugf("Consent revocation requests settled: %d", settled),
                failure -> Log.warnf("Consent revocation requests not sent: %s", failure.toString()));
    }

    @Scheduled(identity = "consent-revocation-requests", every = "${bankbridge.consent-revocations.retry-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return sendPending()
                .onFailure().invoke(e -> Log.warnf("Consent revocation requests not sent: %s", e.toString()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * Sends one batch of pending requests that no other sender holds; returns how many consent-service settled
     * (those rows are gone). The others stay, their attempt and error counted, for the next round.
     */
    public Uni<Integer> sendPending() {
        return pool.withTransaction(tx -> tx.preparedQuery(SELECT_PENDING).execute(Tuple.of(BATCH_SIZE)).chain(rows -> {
            List<Pending> pending = new ArrayList<>();
            rows.forEach(row -> pending.add(Pending.of(row)));
            if (pending.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            return internalTokens.internalToken().chain(token -> Multi.createFrom().iterable(pending)
                    .onItem().transformToUniAndConcatenate(request -> send("Bearer " + token, request)
                            .chain(error -> error == null ? settle(tx, request) : keep(tx, request, error)))
                    .collect().with(Collectors.summingInt(settled -> settled)));
        }));
    }

    /** Null once consent-service answered for the consent; otherwise why it did not. */
    private Uni<String> send(String bearer, Pending request) {
        return consents.revoke(bearer, request.consentId(), new ConsentRevocation(request.actor(), request.reason()))
                .replaceWith((String) null)
                .onFailure().recoverWithItem(failure -> answered(failure) ? null : failure.toString());
    }

    private static boolean answered(Throwable failure) {
        return failure instanceof WebApplicationException web
                && (web.getResponse().getStatus() == 404 || web.getResponse().getStatus() == 409);
    }

    private static Uni<Integer> settle(SqlClient tx, Pending request) {
        return tx.preparedQuery(DELETE).execute(Tuple.of(request.id())).replaceWith(1);
    }

    private static Uni<Integer> keep(SqlClient tx, Pending request, String error) {
        return tx.preparedQuery(FAILED).execute(Tuple.of(request.id(), error))
                .invoke(rows -> Log.warnf("consent-service did not revoke consent %s (attempt %d): %s",
                        request.consentId(), rows.iterator().next().getInteger("attempts"), error))
                .replaceWith(0);
    }
}
