package io.bankbridge.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.revocation.contract.RevocationData;
import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.bankbridge.revocation.outbox.RevocationOutbox;
import io.bankbridge.testsupport.KafkaBrokerResource;
import io.bankbridge.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Events written in {@link RevocationOutbox#inTransaction} are handed to the relay once their transaction committed
 * and published from there, without the relay reading the table; rolled back, they are handed nowhere; not
 * acknowledged, they wait in the table. The relay here looks at the table only once an hour by itself, so what is
 * published within the test's time was handed over (or asked for with {@link RevocationOutbox#wakeRelay}).
 */
@QuarkusTest
@TestProfile(OutboxHandOverTest.RelayPollsHourly.class)
class OutboxHandOverTest {

    private static final String TOPIC = "bankbridge.revocations";

    public static class RelayPollsHourly implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bankbridge.revocations.relay.poll-interval", "PT1H");
        }
    }

    @Inject
    Pool pool;
    @Inject
    RevocationOutbox outbox;

    @Test
    void aCommittedEventIsPublishedOnceAndMarkedSentWhileARowWrittenOutsideWaitsForTheRelaysLook() {
        RevocationEvent outside = consentRevoked(UUID.randomUUID().toString());
        pool.withTransaction(sql -> outbox.append(sql, outside)).await().atMost(Duration.ofSeconds(10));
        RevocationEvent handedOver = consentRevoked(UUID.randomUUID().toString());

        outbox.inTransaction(pool, sql -> outbox.append(sql, handedOver)).await().atMost(Duration.ofSeconds(10));

        List<ConsumerRecord<String, String>> records = published(handedOver);
        assertThat(records).filteredOn(r -> carries(r, handedOver)).hasSize(1)
                .allSatisfy(r -> assertThat(r.key()).isEqualTo(handedOver.key()));
        await().atMost(Duration.ofSeconds(10)).until(() -> sentAt(handedOver).isPresent());
        assertThat(records).as("the relay did not read the table for the event handed over").noneMatch(r -> carries(r, outside));
        assertThat(sentAt(outside)).isEmpty();

        outbox.wakeRelay();

        assertThat(published(outside)).filteredOn(r -> carries(r, outside)).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> sentAt(outside).isPresent());
        assertThat(TopicReader.readAll(TOPIC, Duration.ofSeconds(10))).filteredOn(r -> carries(r, handedOver)).hasSize(1);
    }

    @Test
    void aTransactionThatRolledBackHandsNothingOver() {
        String consentId = UUID.randomUUID().toString();
        RevocationEvent rolledBack = consentRevoked(consentId);
        RevocationEvent committed = consentRevoked(consentId);

        assertThatThrownBy(() -> outbox.inTransaction(pool, sql -> outbox.append(sql, rolledBack)
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("the change failed"))))
                .await().atMost(Duration.ofSeconds(10))).hasMessage("the change failed");
        outbox.inTransaction(pool, sql -> outbox.append(sql, committed)).await().atMost(Duration.ofSeconds(10));

        // The same key, the same partition: once the committed event is on the topic, one handed over before it is too.
        assertThat(published(committed)).noneMatch(r -> carries(r, rolledBack));
        assertThat(inOutbox(rolledBack)).isFalse();
    }

    @Test
    void anEventTheBrokerDidNotAcknowledgeWaitsInTheTableAndIsPublishedOnceTheBrokerIsBack() {
        RevocationEvent event = consentRevoked(UUID.randomUUID().toString());
        KafkaBrokerResource.broker().stop();
        try {
            outbox.inTransaction(pool, sql -> outbox.append(sql, event)).await().atMost(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(30)).until(() -> attempts(event) >= 1);
            assertThat(sentAt(event)).isEmpty();
        } finally {
            KafkaBrokerResource.broker().start();
        }
        assertThat(published(event)).anyMatch(r -> carries(r, event));
        await().atMost(Duration.ofSeconds(30)).until(() -> sentAt(event).isPresent());
    }

    private static List<ConsumerRecord<String, String>> published(RevocationEvent event) {
        return TopicReader.awaitRecords(TOPIC, rs -> rs.stream().anyMatch(r -> carries(r, event)), Duration.ofSeconds(30));
    }

    private static boolean carries(ConsumerRecord<String, String> record, RevocationEvent event) {
        return record.value() != null && record.value().contains(event.id());
    }

    private static RevocationEvent consentRevoked(String consentId) {
        return RevocationEvent.aboutConsent("/bankbridge/revocation-events-test", RevocationEventType.CONSENT_REVOKED,
                new RevocationData(consentId, "provider-1", "CUS-C-0001", null, Actor.CUSTOMER,
                        "customer revoked in the Security Center", Instant.now()));
    }

    private Optional<Row> row(RevocationEvent event) {
        Iterator<Row> rows = pool.preparedQuery("SELECT sent_at, attempts FROM revocation_outbox WHERE event_id = $1")
                .execute(Tuple.of(UUID.fromString(event.id()))).await().atMost(Duration.ofSeconds(10)).iterator();
        return rows.hasNext() ? Optional.of(rows.next()) : Optional.empty();
    }

    private Optional<Instant> sentAt(RevocationEvent event) {
        return row(event).map(r -> r.getOffsetDateTime("sent_at")).map(t -> t.toInstant());
    }

    private boolean inOutbox(RevocationEvent event) {
        return row(event).isPresent();
    }

    private int attempts(RevocationEvent event) {
        return row(event).orElseThrow().getInteger("attempts");
    }
}
