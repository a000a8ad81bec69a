package io.bankbridge.revocation;

import static io.bankbridge.revocation.MetricsEndpoint.value;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.revocation.contract.RevocationData;
import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.revocation.contract.RevocationEventCodec;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.bankbridge.testsupport.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** An instance that cannot apply a revocation says so, keeps the event, and goes on by itself once it can. */
@QuarkusTest
class ConsumerStallTest {

    private static final String FAILURES =
            "bankbridge_revocations_consumer_apply_failures_total{type=\"io.bankbridge.consent.revoked.v1\"}";
    private static final String STALLED = "bankbridge_revocations_consumer_stalled";
    private static final String CHECK = "checks.find { it.name == 'revocation-events' }";

    @Inject
    FlakyListener flaky;
    @Inject
    RecordingListener recording;

    @Test
    void anEventThatCannotBeAppliedYetIsRetriedWhileTheInstanceIsNotReadyAndNothingLaterOvertakesIt() throws Exception {
        String consentId = UUID.randomUUID().toString();
        RevocationEvent stuck = event(RevocationEventType.CONSENT_REVOKED, consentId, null);
        RevocationEvent later = event(RevocationEventType.TOKEN_REVOKED, consentId, "jti-" + consentId);
        awaitReady();
        double failuresBefore = value(FAILURES);
        assertThat(value(STALLED)).isZero();

        flaky.failOn(stuck.id());
        try {
            publish(stuck, later);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready").then()
                    .statusCode(503)
                    .body("status", equalTo("DOWN"))
                    .body(CHECK + ".status", equalTo("DOWN"))
                    .body(CHECK + ".data.event", equalTo(stuck.id()))
                    .body(CHECK + ".data.type", equalTo("io.bankbridge.consent.revoked.v1"))
                    .body(CHECK + ".data.failedAttempts", greaterThanOrEqualTo(1))
                    .body(not(containsString("IllegalStateException")))
                    .body(not(containsString("store unavailable"))));
            await().atMost(Duration.ofSeconds(30)).until(() -> value(FAILURES) >= failuresBefore + 3);
            assertThat(value(STALLED)).isEqualTo(1.0);
            given().when().get("/q/health/ready").then().statusCode(503);
            assertThat(flaky.applied()).doesNotContain(stuck.id(), later.id());
            assertThat(recording.hasReceived(later.id())).isFalse();
        } finally {
            flaky.recover();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> recording.hasReceived(later.id()));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(CHECK + ".status", equalTo("UP"));
        assertThat(value(STALLED)).isZero();
        assertThat(Collections.frequency(flaky.applied(), stuck.id())).isOne();
        assertThat(flaky.applied()).containsSubsequence(stuck.id(), later.id());
        List<String> received = recording.received().stream().map(RevocationEvent::id).toList();
        assertThat(Collections.frequency(received, stuck.id())).isOne();
        assertThat(received).containsSubsequence(stuck.id(), later.id());
    }

    private static void awaitReady() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200));
    }

    /** Both on the same key, so on the same partition, in this order. */
    private static void publish(RevocationEvent... events) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.broker().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (RevocationEvent event : events) {
                producer.send(new ProducerRecord<>("bankbridge.revocations", event.key(), RevocationEventCodec.encode(event)))
                        .get();
            }
        }
    }

    private static RevocationEvent event(RevocationEventType type, String consentId, String tokenId) {
        return RevocationEvent.aboutConsent("/bankbridge/revocation-events-test", type,
                new RevocationData(consentId, "provider-1", "CUS-C-0001", tokenId, Actor.CUSTOMER, "test", Instant.now()));
    }
}
