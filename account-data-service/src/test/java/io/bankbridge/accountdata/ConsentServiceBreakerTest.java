package io.bankbridge.accountdata;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker on consent-service's consent read (a consent's first sight): once consent-service has failed
 * often enough, providers get the same 503 as for an unreachable consent-service without it being asked, until the
 * breaker lets a call through again. A consent-service refusing unknown consents (404) is not failing.
 */
@QuarkusTest
class ConsentServiceBreakerTest {

    private static final String PATH = "/fdx/v6/accounts/ACC-C-0001-1/transactions";
    private static final List<String> CLUSTERS = List.of("TRANSACTIONS");
    /** The breaker's window: this many failed calls in a row open it. */
    private static final int WINDOW = 10;

    @BeforeEach
    @AfterEach
    void closedBreakersAndConsentServiceUp() {
        ConsentServiceStandIn.unavailable(false);
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Test
    void afterConsentServiceFailedOftenEnoughRequestsGet503WithoutAskingItAndAreServedOnceItIsBack() {
        StaleViewTest.awaitView("fresh", Duration.ofSeconds(30));
        Grants grant = Grants.of(CLUSTERS, "ACC-C-0001-1");
        ConsentServiceStandIn.unavailable(true);
        for (int i = 0; i < WINDOW; i++) {
            unavailable(grant);
        }

        int asked = ConsentServiceStandIn.requests();
        for (int i = 0; i < 3; i++) {
            unavailable(grant);
        }
        assertThat(ConsentServiceStandIn.requests()).as("consent-service is not asked while the breaker is open")
                .isEqualTo(asked);
        assertThat(openBreakerSeries()).as("the open breaker in /q/metrics").anyMatch(l -> l.endsWith(" 1.0"));

        ConsentServiceStandIn.unavailable(false);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> StaleViewTest.code(grant) == 200);
        assertThat(ConsentServiceStandIn.reads(grant.consentId())).as("asked again once the breaker let a call through")
                .isPositive();
        StaleViewTest.status(grant, 200);
    }

    @Test
    void unknownConsentsAnsweredWith404DoNotOpenTheBreaker() {
        StaleViewTest.awaitView("fresh", Duration.ofSeconds(30));
        for (int i = 0; i < WINDOW + 2; i++) {
            String unknown = Grants.issuer().providerToken("CUS-C-0001", Grants.PROVIDER,
                    UUID.randomUUID().toString(), "TRANSACTIONS").sign();
            given().auth().oauth2(unknown).when().get(PATH).then().statusCode(401)
                    .body("detail", equalTo("The consent of this access token is unknown."));
        }
        Grants grant = Grants.of(CLUSTERS, "ACC-C-0001-1");
        StaleViewTest.status(grant, 200);
        assertThat(ConsentServiceStandIn.reads(grant.consentId())).isEqualTo(1);
    }

    private static void unavailable(Grants grant) {
        given().auth().oauth2(grant.token()).when().get(PATH).then().statusCode(503)
                .contentType("application/problem+json")
                .header("Retry-After", "1")
                .body("status", equalTo(503))
                .body("detail", containsString("cannot be checked"));
    }

    /** The series of the breaker on consent-service's consent read that stand for its open state. */
    private static List<String> openBreakerSeries() {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith("ft_circuitbreaker_state_current{"))
                .filter(l -> l.contains("ConsentServiceClient") && l.contains(".get\"") && l.contains("state=\"open\""))
                .toList();
    }
}
