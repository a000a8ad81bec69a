package io.bankbridge.token.retention;

import io.bankbridge.token.SqlTime;
import io.bankbridge.token.login.LoginConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes the rows that no longer decide anything: expired pushed requests and authorization sessions, expired
 * authorization codes (kept a while for replay detection) and their DPoP key bindings, client-assertion ids past
 * their expiry, refresh tokens that expired, whose consent ended or that were replaced long ago, and sign-in failures
 * past their window. Runs on a schedule on every replica;
 * each delete is idempotent, so replicas running at once only repeat each other. Sent outbox rows are the outbox
 * relay's to prune (revocation-events).
 */
@ApplicationScoped
public class TablePruning {

    /** One table's rule: rows matching {@code where}, with $1 = {@code cutoff}, are deleted. */
    private record Rule(String table, String where, Instant cutoff) {
    }

    private final Pool pool;
    private final PruningConfig config;
    private final LoginConfig login;
    private final InstantSource clock;

    TablePruning(Pool pool, PruningConfig config, LoginConfig login, InstantSource clock) {
        this.pool = pool;
        this.config = config;
        this.login = login;
        this.clock = clock;
    }

    @Scheduled(identity = "table-pruning", every = "${bankbridge.pruning.every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return pruneAll(clock.instant())
                .invoke(deleted -> Log.debugf("Pruned %s", deleted))
                .onFailure().invoke(e -> Log.warnf("Table pruning failed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Prunes every table as of {@code now}; returns how many rows each table lost. */
    public Uni<Map<String, Integer>> pruneAll(Instant now) {
        List<Rule> rules = List.of(
                // a pushed request stays while a session opened from it lives: it is consumed when the customer decides
                new Rule("pushed_requests", "expires_at < $1 AND NOT EXISTS (SELECT 1 FROM authorization_sessions s "
                        + "WHERE s.request_uri_hash = pushed_requests.request_uri_hash AND s.expires_at >= $1)", now),
                new Rule("authorization_sessions", "expires_at < $1", now),
                new Rule("authorization_codes", "expires_at < $1", now.minus(config.codeRetention())),
                new Rule("dpop_code_bindings", "expires_at < $1", now.minus(config.codeRetention())),
                new Rule("used_client_assertion_jtis", "expires_at < $1", now),
                new Rule("refresh_tokens", "expires_at < $1 OR consent_id IN (SELECT consent_id FROM revoked_consents)", now),
                new Rule("refresh_tokens", "rotated_at < $1", now.minus(config.rotatedRefreshTokenRetention())),
                // a failure counter is forgotten after its window, unless it still locks the user name
                new Rule("login_attempts", "last_failure_at < $1 AND (locked_until IS NULL OR locked_until < $1)",
                        now.minus(login.lockout().duration())),
                new Rule("sign_in_source_failures", "last_failure_at < $1", now.minus(login.throttle().window())));
        Map<String, Integer> deleted = new LinkedHashMap<>();
        return Multi.createFrom().iterable(rules)
                .onItem().transformToUniAndConcatenate(rule -> pool
                        .preparedQuery("DELETE FROM " + rule.table() + " WHERE " + rule.where())
                        .execute(Tuple.of(SqlTime.of(rule.cutoff())))
                        .invoke(rows -> deleted.merge(rule.table(), rows.rowCount(), Integer::sum)))
                .collect().last()
                .replaceWith(deleted);
    }
}
