package io.bankbridge.revocation;

import static io.bankbridge.revocation.MetricsEndpoint.valueOrZero;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.revocation.contract.RevocationData;
import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.revocation.contract.RevocationEventCodec;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.bankbridge.revocation.outbox.OutboxRelay;
import io.bankbridge.revocation.outbox.RevocationOutbox;
import io.bankbridge.testsupport.KafkaBrokerResource;
import io.bankbridge.testsupport.TestClock;
import io.bankbridge.testsupport.TopicReader;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The library end to end: outbox row → relay → real broker → broadcast consumer → the service's listener. */
@QuarkusTest
class RevocationEventsTest {

    private static final String TOPIC = "bankbridge.revocations";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SKIPPED_MALFORMED = "bankbridge_revocations_consumer_skipped_total{reason=\"malformed\"}";
    private static final String SKIPPED_UNKNOWN_TYPE = "bankbridge_revocations_consumer_skipped_total{reason=\"unknown-type\"}";

    @Inject
    Pool pool;
    @Inject
    RevocationOutbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    RecordingListener listener;
    @Inject
    TestClock clock;

    @Test
    void anEventWrittenToTheOutboxReachesTheTopicAsACloudEventAndTheListener() throws Exception {
        RevocationEvent event = consentRevoked();
        appendInTransaction(event);
        outbox.wakeRelay();

        List<ConsumerRecord<String, String>> records = published(event.id());
        ConsumerRecord<String, String> record = records.stream().filter(r -> carries(r, event.id())).findFirst().orElseThrow();
        assertThat(record.key()).isEqualTo(event.data().consentId());
        assertThat(new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                .isEqualTo("application/cloudevents+json");
        JsonNode envelope = JSON.readTree(record.value());
        assertThat(envelope.get("specversion").asText()).isEqualTo("1.0");
        assertThat(envelope.get("type").asText()).isEqualTo("io.bankbridge.consent.revoked.v1");
        assertThat(envelope.get("source").asText()).isEqualTo("/bankbridge/revocation-events-test");
        assertThat(envelope.get("subject").asText()).isEqualTo(event.data().consentId());
        assertThat(envelope.get("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(envelope.get("data").get("actor").asText()).isEqualTo("CUSTOMER");
        assertThat(envelope.get("data").get("providerId").asText()).isEqualTo("provider-1");

        await().atMost(Duration.ofSeconds(20)).until(() -> listener.hasReceived(event.id()));
        assertThat(sentAt(event.id())).isNotNull();
        assertThat(valueOrZero("bankbridge_revocations_outbox_delay_seconds_count"))
                .as("the relay's share of the delay is reported").isPositive();
    }

    @Test
    void malformedAndUnknownRecordsAreSkippedAndCountedAndTheConsumerGoesOn() {
        // Once ready, the history has been replayed: from here the counters move only with the records below.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready").then().statusCode(200));
        double malformed = valueOrZero(SKIPPED_MALFORMED);
        double unknownType = valueOrZero(SKIPPED_UNKNOWN_TYPE);
        String withoutConsentId = "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/elsewhere\","
                + "\"type\":\"io.bankbridge.consent.revoked.v1\",\"subject\":\"k1\",\"time\":\"2026-11-21T10:15:30Z\","
                + "\"data\":{\"providerId\":\"provider-1\",\"actor\":\"BANK\",\"effectiveAt\":\"2026-11-21T10:15:30Z\"}}";
        RevocationEvent good = consentRevoked();
        try (KafkaProducer<String, String> producer = plainProducer()) {
            producer.send(new ProducerRecord<>(TOPIC, "k1", "{not json"));
            producer.send(new ProducerRecord<>(TOPIC, "k1", "{\"specversion\":\"1.0\",\"type\":\"io.bankbridge.future.thing.v9\",\"id\":\"x\"}"));
            producer.send(new ProducerRecord<>(TOPIC, "k1", null));
            producer.send(new ProducerRecord<>(TOPIC, "k1", withoutConsentId));
            // Same key, same partition: once the good event is applied, the records before it have been read.
            producer.send(new ProducerRecord<>(TOPIC, "k1", RevocationEventCodec.encode(good)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> listener.hasReceived(good.id()));
        assertThat(listener.received()).noneMatch(e -> e.id().equals("x"));
        assertThat(valueOrZero(SKIPPED_MALFORMED)).isEqualTo(malformed + 3);
        assertThat(valueOrZero(SKIPPED_UNKNOWN_TYPE)).isEqualTo(unknownType + 1);
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("revocation-events"));
    }

    @Test
    void withTheBrokerDownTheEventWaitsInTheOutboxAndIsDeliveredWhenItIsBack() {
        RevocationEvent event = consentRevoked();
        KafkaBrokerResource.broker().stop();
        try {
            appendInTransaction(event);
            outbox.wakeRelay();
            await().atMost(Duration.ofSeconds(30)).until(() -> attempts(event.id()) >= 1);
            assertThat(sentAt(event.id())).isNull();
        } finally {
            KafkaBrokerResource.broker().start();
        }
        List<ConsumerRecord<String, String>> records = published(event.id());
        assertThat(records).anyMatch(r -> carries(r, event.id()));
        await().atMost(Duration.ofSeconds(30)).until(() -> listener.hasReceived(event.id()));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void twoRelaysAtOnceMissNoEventAndPublishEachOnce() throws Exception {
        List<RevocationEvent> events = IntStream.range(0, 300).mapToObj(i -> consentRevoked()).toList();
        for (RevocationEvent e : events) {
            appendInTransaction(e);
        }
        // The application's own relay runs too: three relays compete for the same rows.
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = List.of(two.submit(this::drain), two.submit(this::drain));
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            two.shutdownNow();
        }
        Set<String> ids = events.stream().map(RevocationEvent::id).collect(Collectors.toSet());
        List<ConsumerRecord<String, String>> records = TopicReader.awaitRecords(TOPIC,
                rs -> rs.stream().filter(r -> ids.stream().anyMatch(id -> carries(r, id))).count() >= ids.size(),
                Duration.ofSeconds(30));
        Map<String, Long> perEvent = records.stream()
                .map(r -> ids.stream().filter(id -> carries(r, id)).findFirst().orElse(null))
                .filter(java.util.Objects::nonNull)
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        assertThat(perEvent.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(perEvent.values()).allMatch(n -> n == 1L);
    }

    @Test
    void aRowNothingHandedOverIsPublishedAtThePollIntervalWhileEventsAreHandedOverMoreOftenThanThat() throws Exception {
        RevocationEvent outside = consentRevoked();
        appendInTransaction(outside);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        int handedOver = 0;
        while (sentAt(outside.id()) == null && System.nanoTime() < deadline) {
            RevocationEvent event = consentRevoked();
            outbox.inTransaction(pool, sql -> outbox.append(sql, event)).await().atMost(Duration.ofSeconds(10));
            handedOver++;
            Thread.sleep(50);
        }
        assertThat(sentAt(outside.id()))
                .as("published at the poll interval while %d events were handed over, one every 50 ms or so", handedOver)
                .isNotNull();
        assertThat(published(outside.id())).filteredOn(r -> carries(r, outside.id())).hasSize(1);
    }

    @Test
    void theRunningRelayDeletesASentRowOnceItIsOlderThanTheRetention() {
        RevocationEvent event = consentRevoked();
        appendInTransaction(event);
        outbox.wakeRelay();
        await().atMost(Duration.ofSeconds(30)).until(() -> sentAt(event.id()) != null);

        clock.advance(Duration.ofDays(1).plusMinutes(1));

        await().atMost(Duration.ofSeconds(30)).until(() -> !inOutbox(event.id()));
        assertThat(valueOrZero("bankbridge_revocations_outbox_pruned_total")).isPositive();
    }

    private int drain() {
        int total = 0;
        int sent;
        do {
            sent = relay.relayOnce();
            total += sent;
        } while (sent > 0);
        return total;
    }

    private static List<ConsumerRecord<String, String>> published(String eventId) {
        return TopicReader.awaitRecords(TOPIC, rs -> rs.stream().anyMatch(r -> carries(r, eventId)),
                Duration.ofSeconds(30));
    }

    /** Whether the record carries the event; the topic also holds records without a value. */
    private static boolean carries(ConsumerRecord<String, String> record, String eventId) {
        return record.value() != null && record.value().contains(eventId);
    }

    private static RevocationEvent consentRevoked() {
        return RevocationEvent.aboutConsent("/bankbridge/revocation-events-test", RevocationEventType.CONSENT_REVOKED,
                new RevocationData(UUID.randomUUID().toString(), "provider-1", "CUS-C-0001", null, Actor.CUSTOMER,
                        "customer revoked in the Security Center", Instant.now()));
    }

    private void appendInTransaction(RevocationEvent event) {
        pool.withTransaction(tx -> outbox.append(tx, event)).await().atMost(Duration.ofSeconds(10));
    }

    private Instant sentAt(String eventId) {
        var row = pool.preparedQuery("SELECT sent_at FROM revocation_outbox WHERE event_id = $1")
                .execute(Tuple.of(UUID.fromString(eventId))).await().atMost(Duration.ofSeconds(10)).iterator().next();
        var sent = row.getOffsetDateTime("sent_at");
        return sent == null ? null : sent.toInstant();
    }

    private boolean inOutbox(String eventId) {
        return pool.preparedQuery("SELECT 1 FROM revocation_outbox WHERE event_id = $1")
                .execute(Tuple.of(UUID.fromString(eventId))).await().atMost(Duration.ofSeconds(10)).size() > 0;
    }

    private int attempts(String eventId) {
        return pool.preparedQuery("SELECT attempts FROM revocation_outbox WHERE event_id = $1")
                .execute(Tuple.of(UUID.fromString(eventId))).await().atMost(Duration.ofSeconds(10)).iterator().next()
                .getInteger("attempts");
    }

    private static KafkaProducer<String, String> plainProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.broker().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()));
    }
}
