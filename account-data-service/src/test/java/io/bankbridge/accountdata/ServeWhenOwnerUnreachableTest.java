package io.bankbridge.accountdata;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.bankbridge.testsupport.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A bank that chose availability ({@code bankbridge.freshness.when-owner-unreachable=serve}): with the broker frozen
 * and consent-service unable to answer, requests are decided on the local view alone. What the view knew before the
 * outage is still refused; a revocation it cannot know about is served, which is the documented cost of the choice.
 */
@QuarkusTest
@TestProfile(ServeWhenOwnerUnreachableTest.Serve.class)
class ServeWhenOwnerUnreachableTest {

    private static final String CHECK = "checks.find { it.name == 'revocation-events' }";
    private static final String UNREACHABLE = "bankbridge_freshness_owner_unreachable_total";
    /** The bound minus the owner time-out: no owner answer is remembered longer. */
    private static final Duration TRUSTED = Duration.ofMillis(1000);

    /** Availability over the revocation bound. */
    public static class Serve implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bankbridge.freshness.when-owner-unreachable", "serve");
        }
    }

    @Test
    void withTheViewStaleAndConsentServiceUnreachableRequestsAreDecidedOnTheLocalViewAlone() throws Exception {
        List<Grants> grants = StaleViewTest.servedWhileFresh(3);
        Grants valid = grants.get(0);
        Grants revokedBefore = grants.get(1);
        Grants revokedDuring = grants.get(2);
        RevocationTest.publish(RevocationEvent.aboutConsent("/bankbridge/consent-service",
                RevocationEventType.CONSENT_REVOKED, RevocationTest.data(revokedBefore, null)));
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .until(() -> StaleViewTest.code(revokedBefore) == 401);

        KafkaBrokerResource.broker().freeze();
        ConsentServiceStandIn.unavailable(true);
        try {
            ConsentServiceStandIn.setStatus(revokedDuring.consentId(), "REVOKED");
            StaleViewTest.awaitView("stale", Duration.ofSeconds(10));
            // No owner answer is remembered from before consent-service went away once the trusted time has passed.
            Thread.sleep(TRUSTED.toMillis());
            double unreachableBefore = Metrics.sum(UNREACHABLE);

            StaleViewTest.status(valid, 200);
            StaleViewTest.status(revokedDuring, 200);
            StaleViewTest.status(revokedBefore, 401);
            assertThat(Metrics.sum(UNREACHABLE)).as("requests decided without the owner")
                    .isGreaterThanOrEqualTo(unreachableBefore + 3);
            given().when().get("/q/health/ready").then().statusCode(200).body(CHECK + ".data.view", equalTo("stale"));
        } finally {
            ConsentServiceStandIn.unavailable(false);
            KafkaBrokerResource.broker().thaw();
        }

        // With the owner back, the revocation it holds is refused even before the view is fresh again.
        await().atMost(TRUSTED.multipliedBy(3)).pollInterval(Duration.ofMillis(50))
                .until(() -> StaleViewTest.code(revokedDuring) == 401);
        StaleViewTest.awaitView("fresh", Duration.ofSeconds(30));
        StaleViewTest.status(valid, 200);
    }
}
