package io.bankbridge.accountdata;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.nimbusds.jwt.SignedJWT;
import io.bankbridge.testsupport.KafkaBrokerResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With the broker frozen (no revocation event can arrive) a grant revoked at its owner is refused within the freshness
 * bound: consent-service for the consent, token-service (introspection) for a revoked token. With the owners unable to
 * answer too, a request is refused with 503 rather than served. Once the broker answers, the fast path returns.
 */
@QuarkusTest
class StaleViewTest {

    private static final String PATH = "/fdx/v6/accounts/ACC-C-0001-1/transactions";
    private static final List<String> CLUSTERS = List.of("TRANSACTIONS");
    private static final String CHECK = "checks.find { it.name == 'revocation-events' }";
    private static final Duration BOUND = Duration.ofMillis(1500);
    private static final Duration MARGIN = Duration.ofSeconds(1);

    /** The owners' failures here may have opened a circuit breaker: later tests start with every breaker closed. */
    @AfterEach
    void closeBreakers() {
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Test
    void duringABrokerOutageRevocationsAtTheOwnersAreRefusedWithinTheBoundAndAnUnansweredCheckRefusesWith503() {
        List<Grants> grants = servedWhileFresh(3);
        Grants revokedConsent = grants.get(0);
        Grants revokedToken = grants.get(1);
        Grants valid = grants.get(2);
        int introspections = Grants.issuer().introspections();
        int stateReads = ConsentServiceStandIn.stateReads(valid.consentId());
        status(valid, 200);
        assertThat(Grants.issuer().introspections()).as("the fast path asks nobody").isEqualTo(introspections);
        assertThat(ConsentServiceStandIn.stateReads(valid.consentId())).isEqualTo(stateReads);

        KafkaBrokerResource.broker().freeze();
        try {
            awaitView("stale", BOUND.plus(MARGIN));
            status(valid, 200);
            assertThat(Grants.issuer().introspections()).as("a stale view asks the owners").isGreaterThan(introspections);
            assertThat(ConsentServiceStandIn.stateReads(valid.consentId())).isPositive();

            long revokedAt = System.nanoTime();
            ConsentServiceStandIn.setStatus(revokedConsent.consentId(), "REVOKED");
            Grants.issuer().deactivate(SignedJWT.parse(revokedToken.token()).getJWTClaimsSet().getJWTID());
            await().atMost(BOUND.plus(MARGIN)).pollInterval(Duration.ofMillis(50))
                    .until(() -> code(revokedConsent) == 401 && code(revokedToken) == 401);
            assertThat(Duration.ofNanos(System.nanoTime() - revokedAt)).isLessThanOrEqualTo(BOUND.plus(MARGIN));
            refused(revokedConsent, "The consent is revoked.");
            refused(revokedToken, "The access token has been revoked.");
            status(valid, 200);

            ConsentServiceStandIn.unavailable(true);
            try {
                await().atMost(BOUND.plus(MARGIN)).pollInterval(Duration.ofMillis(50)).until(() -> code(valid) == 503);
                given().auth().oauth2(valid.token()).when().get(PATH).then().statusCode(503)
                        .contentType("application/problem+json")
                        .header("Retry-After", "1")
                        .body("status", equalTo(503))
                        .body("detail", containsString("cannot be confirmed"));
                // Its owner's last answer may still be remembered (for at most the bound minus the owner time-out):
                // refused as revoked until then.
                await().atMost(BOUND.plus(MARGIN)).pollInterval(Duration.ofMillis(50))
                        .until(() -> code(revokedConsent) == 503);
            } finally {
                ConsentServiceStandIn.unavailable(false);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            KafkaBrokerResource.broker().thaw();
        }

        awaitView("fresh", Duration.ofSeconds(30));
        // Proofs sent while the broker was frozen may still answer just after: the view can stay unsettled for a
        // moment before the fast path.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            int before = Grants.issuer().introspections();
            status(valid, 200);
            return Grants.issuer().introspections() == before;
        });
        // No event about either ever reached the broker (an owner's outbox may publish only after the view is fresh
        // again): what the owners said while the view was stale still holds on the fast path.
        for (Grants revoked : List.of(revokedConsent, revokedToken)) {
            given().auth().oauth2(revoked.token()).when().get(PATH).then().statusCode(401)
                    .header("WWW-Authenticate", containsString("error=\"invalid_token\""));
        }
    }

    /** New grants to the same account, each served once with the revocation view fresh. */
    static List<Grants> servedWhileFresh(int count) {
        List<Grants> grants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            grants.add(Grants.of(CLUSTERS, "ACC-C-0001-1"));
        }
        awaitView("fresh", Duration.ofSeconds(30));
        grants.forEach(grant -> status(grant, 200));
        return grants;
    }

    static void awaitView(String view, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> given().when().get("/q/health/ready").then()
                .statusCode(200).body(CHECK + ".data.view", equalTo(view)));
    }

    static int code(Grants grant) {
        return given().auth().oauth2(grant.token()).when().get(PATH).then().extract().statusCode();
    }

    static void status(Grants grant, int expected) {
        given().auth().oauth2(grant.token()).when().get(PATH).then().statusCode(expected);
    }

    private static void refused(Grants grant, String detail) {
        given().auth().oauth2(grant.token()).when().get(PATH).then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("error=\"invalid_token\""))
                .body("detail", equalTo(detail));
    }
}
