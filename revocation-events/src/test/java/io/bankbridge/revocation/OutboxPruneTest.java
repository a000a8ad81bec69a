package io.bankbridge.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.revocation.contract.RevocationData;
import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.bankbridge.revocation.outbox.OutboxRelay;
import io.bankbridge.revocation.outbox.RevocationOutbox;
import io.bankbridge.testsupport.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The outbox stays bounded: sent rows are deleted once older than the retention (one day by default), a small
 * batch at a time and safely from several replicas; rows not yet sent stay, however old. The test drives the relay's
 * steps itself and moves the clock.
 */
@QuarkusTest
@TestProfile(OutboxPruneTest.RelayDrivenByTheTest.class)
class OutboxPruneTest {

    private static final Duration MORE_THAN_THE_RETENTION = Duration.ofDays(1).plusHours(1);

    public static class RelayDrivenByTheTest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bankbridge.revocations.relay.enabled", "false",
                    "bankbridge.revocations.relay.prune-batch-size", "2");
        }
    }

    @Inject
    Pool pool;
    @Inject
    RevocationOutbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    TestClock clock;

    @Test
    void sentRowsOlderThanTheRetentionAreDeletedInBatchesWhileNewerSentRowsAndUnsentRowsStay() {
        List<String> old = IntStream.range(0, 3).mapToObj(i -> append()).toList();
        drainRelay();
        clock.advance(MORE_THAN_THE_RETENTION);
        String recent = append();
        drainRelay();
        String unsent = append();

        assertThat(relay.pruneOnce()).isEqualTo(2);
        drainPrune();

        assertThat(old).allMatch(id -> row(id).isEmpty());
        assertThat(row(recent)).hasValueSatisfying(r -> assertThat(r.getOffsetDateTime("sent_at")).isNotNull());
        assertThat(row(unsent)).hasValueSatisfying(r -> assertThat(r.getOffsetDateTime("sent_at")).isNull());

        clock.advance(MORE_THAN_THE_RETENTION);
        drainPrune();

        assertThat(row(recent)).isEmpty();
        assertThat(row(unsent)).hasValueSatisfying(r -> assertThat(r.getOffsetDateTime("sent_at")).isNull());
    }

    @Test
    void twoReplicasPruningAtOnceDeleteEveryOldRowWithoutError() throws Exception {
        List<String> ids = IntStream.range(0, 20).mapToObj(i -> append()).toList();
        drainRelay();
        clock.advance(MORE_THAN_THE_RETENTION);
        long due = countSentBefore(clock.instant().minus(Duration.ofDays(1)));

        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = List.of(two.submit(this::drainPrune), two.submit(this::drainPrune));
            long deleted = 0;
            for (Future<Integer> run : runs) {
                deleted += run.get();
            }
            assertThat(deleted).isEqualTo(due);
        } finally {
            two.shutdownNow();
        }
        assertThat(ids).allMatch(id -> row(id).isEmpty());
    }

    private String append() {
        RevocationEvent event = RevocationEvent.aboutConsent("/bankbridge/revocation-events-test",
                RevocationEventType.CONSENT_REVOKED, new RevocationData(UUID.randomUUID().toString(), "provider-1",
                        "CUS-C-0001", null, Actor.CUSTOMER, "test", Instant.now()));
        pool.withTransaction(tx -> outbox.append(tx, event)).await().atMost(Duration.ofSeconds(10));
        return event.id();
    }

    private void drainRelay() {
        while (relay.relayOnce() > 0) {
            // until every row is sent
        }
    }

    private int drainPrune() {
        int total = 0;
        int deleted;
        do {
            deleted = relay.pruneOnce();
            assertThat(deleted).isBetween(0, 2);
            total += deleted;
        } while (deleted > 0);
        return total;
    }

    private Optional<Row> row(String eventId) {
        var rows = pool.preparedQuery("SELECT sent_at FROM revocation_outbox WHERE event_id = $1")
                .execute(Tuple.of(UUID.fromString(eventId))).await().atMost(Duration.ofSeconds(10));
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next());
    }

    private long countSentBefore(Instant cutoff) {
        return pool.preparedQuery("SELECT count(*) FROM revocation_outbox WHERE sent_at < $1")
                .execute(Tuple.of(OffsetDateTime.ofInstant(cutoff, ZoneOffset.UTC))).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}
