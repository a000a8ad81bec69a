package io.bankbridge.revocation;

import static io.bankbridge.revocation.MetricsEndpoint.value;
import static io.bankbridge.revocation.MetricsEndpoint.valueOrZero;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.bankbridge.testsupport.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every instance knows how fresh its view of the revocations is: fresh while the broker answers, stale within the
 * bound once it stops answering (frozen, not gone: requests time out), fresh again by itself once it answers.
 */
@QuarkusTest
class ViewFreshnessTest {

    private static final String AGE = "bankbridge_revocations_view_age_seconds";
    private static final String CATCH_UPS = "bankbridge_revocations_view_catch_up_seconds_count";
    private static final String CHECK = "checks.find { it.name == 'revocation-events' }";
    private static final Duration BOUND = Duration.ofMillis(1500);
    /** Scheduling on a busy two-core machine; the bound itself is what the test is about. */
    private static final Duration MARGIN = Duration.ofMillis(700);

    @Test
    void aFrozenBrokerMakesTheViewStaleWithinTheBoundWithoutTakingTheInstanceOutAndItIsFreshAgainAfterwards() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get("/q/health/ready").then()
                .statusCode(200)
                .body(CHECK + ".data.view", equalTo("fresh"))
                .body(CHECK + ".data.freshnessBoundMs", equalTo((int) BOUND.toMillis())));
        assertThat(value(AGE)).isLessThan(BOUND.toMillis() / 1000.0);
        double catchUpsBefore = valueOrZero(CATCH_UPS);

        long frozenAt = System.nanoTime();
        KafkaBrokerResource.broker().freeze();
        try {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> value(AGE) > BOUND.toMillis() / 1000.0);
            Duration noticed = Duration.ofNanos(System.nanoTime() - frozenAt);
            assertThat(noticed).isLessThanOrEqualTo(BOUND.plus(MARGIN));
            // The broker's own health check may report it down; the revocation check stays up and says why.
            JsonPath ready = given().when().get("/q/health/ready").then().extract().jsonPath();
            assertThat(ready.getString(CHECK + ".status")).isEqualTo("UP");
            assertThat(ready.getString(CHECK + ".data.view")).isEqualTo("stale");
            assertThat(ready.getLong(CHECK + ".data.viewAgeMs")).isGreaterThan(BOUND.toMillis());
            assertThat(valueOrZero(CATCH_UPS)).isEqualTo(catchUpsBefore);
        } finally {
            KafkaBrokerResource.broker().thaw();
        }

        // Proofs sent while the broker was frozen answer just after it resumes: the view may take a moment to settle.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().when().get("/q/health/ready").then().statusCode(200).body(CHECK + ".data.view", equalTo("fresh"));
            assertThat(value(AGE)).isLessThan(BOUND.toMillis() / 1000.0);
        });
        assertThat(value(CATCH_UPS)).isGreaterThanOrEqualTo(catchUpsBefore + 1);
    }
}
