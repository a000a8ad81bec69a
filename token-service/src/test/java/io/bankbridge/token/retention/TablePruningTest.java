package io.bankbridge.token.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each table the service writes shrinks on schedule: old rows go, rows still in use stay. */
@QuarkusTest
class TablePruningTest {

    private static final Duration DAY = Duration.ofDays(1);

    @Inject
    TablePruning pruning;

    @Inject
    Pool pool;

    private final Instant now = Instant.now();
    private String id;

    @BeforeEach
    void newKeys() {
        id = "prune-" + UUID.randomUUID();
    }

    @Test
    void expiredPushedRequestsAreDeleted() {
        for (String which : new String[] {"old", "fresh"}) {
            sql("INSERT INTO pushed_requests (request_uri_hash, request_uri, client_id, redirect_uri, scopes, data_clusters, "
                    + "code_challenge, duration_days, expires_at) VALUES ($1, 'urn:x', 'c', 'https://x', '{}', '{}', 'cc', 1, $2)",
                    Tuple.of(id + which, at(which.equals("old") ? now.minusSeconds(1) : now.plusSeconds(60))));
        }
        prune();
        assertRows("pushed_requests", "request_uri_hash");
    }

    @Test
    void anExpiredPushedRequestIsKeptWhileASessionOpenedFromItLives() {
        sql("INSERT INTO pushed_requests (request_uri_hash, request_uri, client_id, redirect_uri, scopes, data_clusters, "
                + "code_challenge, duration_days, expires_at) VALUES ($1, 'urn:x', 'c', 'https://x', '{}', '{}', 'cc', 1, $2)",
                Tuple.of(id + "fresh", at(now.minusSeconds(1))));
        sql("INSERT INTO authorization_sessions (id_hash, csrf_token, client_id, redirect_uri, code_challenge, scopes, "
                + "data_clusters, duration_days, first_party, expires_at, request_uri_hash) VALUES ($1, 't', 'c', "
                + "'https://x', 'cc', '{}', '{}', 1, false, $2, $3)", Tuple.of(id + "session", at(now.plusSeconds(600)), id + "fresh"));
        prune();
        assertEquals(1, count("pushed_requests", "request_uri_hash", id + "fresh"));
    }

    @Test
    void refreshTokensReplacedLongAgoAreDeleted() {
        sql("INSERT INTO refresh_tokens (token_hash, client_id, consent_id, customer_id, scopes, expires_at, rotated_at) "
                + "VALUES ($1, 'c', 'x', 'CUS', '{}', $2, $3), ($4, 'c', 'x', 'CUS', '{}', $2, $5)",
                Tuple.of(id + "old", at(now.plus(DAY)), at(now.minus(Duration.ofDays(31))), id + "fresh",
                        at(now.minus(Duration.ofDays(1)))));
        prune();
        assertRows("refresh_tokens", "token_hash");
    }

    @Test
    void expiredAuthorizationSessionsAreDeleted() {
        for (String which : new String[] {"old", "fresh"}) {
            sql("INSERT INTO authorization_sessions (id_hash, csrf_token, client_id, redirect_uri, code_challenge, scopes, "
                    + "data_clusters, duration_days, first_party, expires_at) VALUES ($1, 't', 'c', 'https://x', 'cc', '{}', "
                    + "'{}', 1, false, $2)", Tuple.of(id + which, at(which.equals("old") ? now.minusSeconds(1) : now.plusSeconds(600))));
        }
        prune();
        assertRows("authorization_sessions", "id_hash");
    }

    @Test
    void authorizationCodesAreDeletedAnHourAfterTheyExpired() {
        for (String which : new String[] {"old", "fresh"}) {
            // the fresh one expired a minute ago and was used: kept, so that a replay is still recognised
            sql("INSERT INTO authorization_codes (code_hash, client_id, redirect_uri, customer_id, scopes, code_challenge, "
                    + "auth_time, expires_at, redeemed_at) VALUES ($1, 'c', 'https://x', 'CUS', '{}', 'cc', $2, $2, $2)",
                    Tuple.of(id + which, at(which.equals("old") ? now.minus(Duration.ofHours(2)) : now.minusSeconds(60))));
        }
        prune();
        assertRows("authorization_codes", "code_hash");
    }

    @Test
    void clientAssertionIdsPastTheirExpiryAreDeleted() {
        for (String which : new String[] {"old", "fresh"}) {
            sql("INSERT INTO used_client_assertion_jtis (client_id, jti, expires_at) VALUES ('c', $1, $2)",
                    Tuple.of(id + which, at(which.equals("old") ? now.minusSeconds(1) : now.plusSeconds(60))));
        }
        prune();
        assertRows("used_client_assertion_jtis", "jti");
    }

    @Test
    void refreshTokensThatExpiredOrWhoseConsentEndedAreDeleted() {
        sql("INSERT INTO revoked_consents (consent_id) VALUES ($1)", Tuple.of(id + "-ended"));
        sql("INSERT INTO refresh_tokens (token_hash, client_id, consent_id, customer_id, scopes, expires_at) VALUES "
                + "($1, 'c', $2, 'CUS', '{}', $3)", Tuple.of(id + "old", id + "-live", at(now.minusSeconds(1))));
        sql("INSERT INTO refresh_tokens (token_hash, client_id, consent_id, customer_id, scopes, expires_at) VALUES "
                + "($1, 'c', $2, 'CUS', '{}', $3)", Tuple.of(id + "old-consent", id + "-ended", at(now.plus(DAY))));
        sql("INSERT INTO refresh_tokens (token_hash, client_id, consent_id, customer_id, scopes, expires_at) VALUES "
                + "($1, 'c', $2, 'CUS', '{}', $3)", Tuple.of(id + "fresh", id + "-live", at(now.plus(DAY))));
        prune();
        assertRows("refresh_tokens", "token_hash");
        assertEquals(0, count("refresh_tokens", "token_hash", id + "old-consent"));
    }

    @Test
    void staleSignInFailuresAreDeleted() {
        sql("INSERT INTO login_attempts (username, failed_count, last_failure_at) VALUES ($1, 3, $2)",
                Tuple.of(id + "old", at(now.minus(DAY))));
        sql("INSERT INTO login_attempts (username, failed_count, last_failure_at, locked_until) VALUES ($1, 5, $2, $3)",
                Tuple.of(id + "fresh", at(now.minusSeconds(10)), at(now.plusSeconds(200))));
        sql("INSERT INTO sign_in_source_failures (source, failed_count, last_failure_at) VALUES ($1, 9, $2), ($3, 2, $4)",
                Tuple.of(id + "old", at(now.minus(DAY)), id + "fresh", at(now.minusSeconds(10))));
        prune();
        assertRows("login_attempts", "username");
        assertRows("sign_in_source_failures", "source");
    }

    @Test
    void pruningTwiceDeletesNothingMore() {
        sql("INSERT INTO used_client_assertion_jtis (client_id, jti, expires_at) VALUES ('c', $1, $2)",
                Tuple.of(id + "old", at(now.minusSeconds(1))));
        prune();
        assertEquals(0, pruning.pruneAll(now).await().atMost(Duration.ofSeconds(30)).get("used_client_assertion_jtis"));
    }

    /** The row keyed {@code id + "old"} is gone, the one keyed {@code id + "fresh"} is still there. */
    private void assertRows(String table, String key) {
        assertEquals(0, count(table, key, id + "old"), table + ": old row");
        assertEquals(1, count(table, key, id + "fresh"), table + ": fresh row");
    }

    private void prune() {
        pruning.pruneAll(now).await().atMost(Duration.ofSeconds(30));
    }

    private long count(String table, String key, String value) {
        return pool.preparedQuery("SELECT count(*) FROM " + table + " WHERE " + key + " = $1").execute(Tuple.of(value))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }

    private void sql(String statement, Tuple arguments) {
        pool.preparedQuery(statement).execute(arguments).await().atMost(Duration.ofSeconds(10));
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
