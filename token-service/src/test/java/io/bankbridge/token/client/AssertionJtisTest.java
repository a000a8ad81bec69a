package io.bankbridge.token.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The client-assertion jtis of requests that arrive together, recorded with the real PostgreSQL. */
@QuarkusTest
class AssertionJtisTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    AssertionJtis jtis;
    @Inject
    Pool pool;
    @Inject
    MeterRegistry registry;

    @Test
    void aGatheringLargerThanAStatementHoldsIsWrittenInBoundedStatementsAndEveryCallerIsAnswered() {
        String client = "gathering-" + UUID.randomUUID();
        OffsetDateTime keepUntil = OffsetDateTime.now(ZoneOffset.UTC).plusMinutes(5);
        int gathered = 2 * AssertionJtis.MAX_PER_STATEMENT + 500;
        double before = statements();
        List<CompletableFuture<Boolean>> answers = new ArrayList<>();

        // While the table is locked, the first statement waits and every later request gathers behind it.
        SqlConnection holder = pool.getConnection().await().atMost(WAIT);
        try {
            Transaction lock = holder.begin().await().atMost(WAIT);
            holder.query("LOCK TABLE used_client_assertion_jtis IN EXCLUSIVE MODE").execute().await().atMost(WAIT);
            answers.add(jtis.firstUse(client, "jti-0", keepUntil).subscribeAsCompletionStage());
            await().atMost(WAIT).until(() -> statements() == before + 1);
            for (int i = 1; i <= gathered; i++) {
                answers.add(jtis.firstUse(client, "jti-" + i, keepUntil).subscribeAsCompletionStage());
            }
            CompletableFuture<Boolean> repeated = jtis.firstUse(client, "jti-1", keepUntil).subscribeAsCompletionStage();
            assertThat(repeated).as("a jti sent twice within the gathering").isCompletedWithValue(false);
            lock.rollback().await().atMost(WAIT);
        } finally {
            holder.close().await().atMost(WAIT);
        }

        assertThat(answers).allSatisfy(answer -> assertThat(answer.orTimeout(30, TimeUnit.SECONDS).join())
                .as("first use").isTrue());
        assertThat(statements() - before).as("statements: the first, then the gathering in bounded ones")
                .isEqualTo(1 + Math.ceil((double) gathered / AssertionJtis.MAX_PER_STATEMENT));
        assertThat(pool.preparedQuery("SELECT count(*) FROM used_client_assertion_jtis WHERE client_id = $1")
                .execute(Tuple.of(client)).await().atMost(WAIT).iterator().next().getLong(0)).isEqualTo(gathered + 1L);
        assertThat(jtis.firstUse(client, "jti-" + gathered, keepUntil).await().atMost(WAIT))
                .as("a recorded jti used again").isFalse();
    }

    /** Statements so far; the counter exists once the bean was first used. */
    private double statements() {
        Counter counter = registry.find("bankbridge.client.assertion.jti.statements").counter();
        return counter == null ? 0 : counter.count();
    }
}
