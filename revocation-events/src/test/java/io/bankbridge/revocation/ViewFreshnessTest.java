package io.bankbridge.revocation;

import static io.bankbridge.revocation.MetricsEndpoint.value;
import static io.bankbridge.revocation.MetricsEndpoint.valueOrZero;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.revocation.contract.RevocationData;
import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.revocation.contract.RevocationEventCodec;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.bankbridge.testsupport.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Every instance knows how fresh its view of the revocations is: fresh while the broker answers, whether the topic is
 * idle or busy, stale within the trusted time once it stops answering (frozen, not gone: requests time out), fresh
 * again by itself once it answers.
 */
@QuarkusTest
class ViewFreshnessTest {

    private static final String AGE = "bankbridge_revocations_view_age_seconds";
    private static final String CATCH_UPS = "bankbridge_revocations_view_catch_up_seconds_count";
    private static final String CHECK = "checks.find { it.name == 'revocation-events' }";
    private static final String APPLIED = "bankbridge_revocations_consumer_applied_total{type=\"io.bankbridge.consent.revoked.v1\"}";
    private static final Duration BOUND = Duration.ofMillis(1500);
    /** The bound minus the owner time-out (PT0.5S): how long the view is trusted alone. */
    private static final Duration TRUSTED = Duration.ofMillis(1000);
    /** Scheduling on a busy two-core machine; the bound itself is what the test is about. */
    private static final Duration MARGIN = Duration.ofMillis(700);
    /** Events the steady stream sends at least, whatever the machine's load. */
    private static final int STREAMED = 200;

    @Test
    void aFrozenBrokerMakesTheViewStaleWithinTheTrustedTimeWithoutTakingTheInstanceOutAndItIsFreshAgainAfterwards() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body(CHECK + ".data.view", equalTo("fresh"))
                .body(CHECK + ".data.freshnessBoundMs", equalTo((int) BOUND.toMillis()))
                .body(CHECK + ".data.trustedForMs", equalTo((int) TRUSTED.toMillis())));
        assertThat(value(AGE)).isLessThanOrEqualTo(TRUSTED.toMillis() / 1000.0);
        double catchUpsBefore = valueOrZero(CATCH_UPS);

        long frozenAt = System.nanoTime();
        KafkaBrokerResource.broker().freeze();
        try {
            awaitView("stale", Duration.ofSeconds(10));
            Duration noticed = Duration.ofNanos(System.nanoTime() - frozenAt);
            assertThat(noticed).isLessThanOrEqualTo(TRUSTED.plus(MARGIN));
            assertThat(value(AGE)).isGreaterThan(TRUSTED.toMillis() / 1000.0);
            // The broker's own health check may report it down; the revocation check stays up and says why.
            JsonPath ready = given().when().get("/q/health/ready").then().extract().jsonPath();
            assertThat(ready.getString(CHECK + ".status")).isEqualTo("UP");
            assertThat(ready.getString(CHECK + ".data.view")).isEqualTo("stale");
            assertThat(ready.getLong(CHECK + ".data.viewAgeMs")).isGreaterThan(TRUSTED.toMillis());
            assertThat(valueOrZero(CATCH_UPS)).isEqualTo(catchUpsBefore);
        } finally {
            KafkaBrokerResource.broker().thaw();
        }

        // Proofs sent while the broker was frozen answer just after it resumes: the view may take a moment to settle.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().when().get("/q/health/ready").then().statusCode(200).body(CHECK + ".data.view", equalTo("fresh"));
            assertThat(value(AGE)).isLessThanOrEqualTo(TRUSTED.toMillis() / 1000.0);
        });
        assertThat(value(CATCH_UPS)).isGreaterThanOrEqualTo(catchUpsBefore + 1);
    }
    @Test
    void aViewReceivingASteadyStreamOfEventsStaysFresh() throws Exception {
        awaitView("fresh", Duration.ofSeconds(30));
        double appliedBefore = valueOrZero(APPLIED);
        AtomicBoolean streaming = new AtomicBoolean(true);
        ExecutorService producerThread = Executors.newSingleThreadExecutor();
        // One event after another, each acknowledged before the next and a few hundred a second (far more than
        // revocations ever arrive): a poll practically never finds the partitions at their end, so freshness must not
        // wait for one that does.
        Future<Integer> sent = producerThread.submit(() -> {
            int count = 0;
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerResource.broker().bootstrapServers(),
                    ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                    ProducerConfig.LINGER_MS_CONFIG, 0))) {
                while (streaming.get()) {
                    RevocationEvent event = consentRevoked();
                    producer.send(new ProducerRecord<>("bankbridge.revocations", event.key(),
                            RevocationEventCodec.encode(event))).get();
                    count++;
                    Thread.sleep(2);
                }
            }
            return count;
        });
        double oldest = 0;
        try {
            // Sampled for at least 8 s (longer than the view is trusted) and until 200 events went out, however
            // slowly a loaded machine sends them: the stream's length is fixed by its content, not by a clock.
            long start = System.nanoTime();
            long until = start + Duration.ofSeconds(8).toNanos();
            long giveUp = start + Duration.ofMinutes(2).toNanos(); // then the count of applied events below fails
            while (System.nanoTime() < until
                    || (valueOrZero(APPLIED) < appliedBefore + STREAMED && System.nanoTime() < giveUp)) {
                oldest = Math.max(oldest, value(AGE));
                Thread.sleep(100);
            }
        } finally {
            streaming.set(false);
            producerThread.shutdown();
        }
        int count = sent.get();
        await().atMost(Duration.ofSeconds(30)).until(() -> valueOrZero(APPLIED) >= appliedBefore + count);
        assertThat(oldest).as("the oldest the view got, in seconds, under constant traffic")
                .isLessThanOrEqualTo(TRUSTED.plus(MARGIN).toMillis() / 1000.0);
        given().when().get("/q/health/ready").then().statusCode(200).body(CHECK + ".data.view", equalTo("fresh"));
    }

    private static void awaitView(String view, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> given().when()
                .get("/q/health/ready").then().body(CHECK + ".data.view", equalTo(view)));
    }

    private static RevocationEvent consentRevoked() {
        return RevocationEvent.aboutConsent("/bankbridge/revocation-events-test", RevocationEventType.CONSENT_REVOKED,
                new RevocationData(UUID.randomUUID().toString(), "provider-1", "CUS-C-0001", null, Actor.CUSTOMER,
                        "customer revoked in the Security Center", Instant.now()));
    }
}
