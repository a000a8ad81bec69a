package io.bankbridge.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.bankbridge.testsupport.KafkaBrokerResource;
import io.bankbridge.token.authorize.BankServicesStandIn;
import io.bankbridge.token.grant.authcode.AuthorizationCodeIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * With the broker frozen (no revocation event can arrive), no grant mints tokens for a consent consent-service has
 * ended: once the view is stale, refresh and code grants ask consent-service, and refuse with 503
 * {@code temporarily_unavailable} if it cannot answer. With the broker back, grants ask nobody again.
 */
@QuarkusTest
class StaleViewGrantTest {

    private static final String CHECK = "checks.find { it.name == 'revocation-events' }";
    private static final Duration BOUND_AND_MARGIN = Duration.ofMillis(2500);

    /** consent-service's failure here counts in its circuit breaker: later tests start with every breaker closed. */
    @AfterEach
    void closeBreakers() {
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Inject
    AuthorizationCodeIssuer codes;

    @Test
    void duringABrokerOutageGrantsAskConsentServiceAndMintNothingForAnEndedConsent() {
        TestProvider provider = TestProvider.onboard("stale-view");
        String revoked = Grants.newConsentId();
        JsonPath revokedTokens = Grants.tokens(codes, provider, revoked);
        JsonPath validTokens = Grants.tokens(codes, provider, Grants.newConsentId());
        awaitView("fresh", Duration.ofSeconds(30));
        int asked = BankServicesStandIn.stateReads();
        // Providers' refresh tokens are not rotated: the same one serves every refresh below.
        String validRefresh = validTokens.getString("refresh_token");
        Grants.refresh(provider, validRefresh).statusCode(200);
        assertThat(BankServicesStandIn.stateReads()).as("a fresh view asks nobody").isEqualTo(asked);

        KafkaBrokerResource.broker().freeze();
        try {
            awaitView("stale", BOUND_AND_MARGIN);
            BankServicesStandIn.endConsent(revoked, "REVOKED");
            Grants.refresh(provider, revokedTokens.getString("refresh_token")).statusCode(400)
                    .body("error", equalTo("invalid_grant"))
                    .body("error_description", equalTo("the consent is no longer active"));

            String endedBeforeRedeeming = Grants.newConsentId();
            String verifier = TestProvider.verifier();
            String code = Grants.code(codes, provider, endedBeforeRedeeming, verifier, TestProvider.CLUSTERS, null);
            BankServicesStandIn.endConsent(endedBeforeRedeeming, "REVOKED");
            Grants.redeem(provider, code, verifier).statusCode(400).body("error", equalTo("invalid_grant"));

            Grants.refresh(provider, validRefresh).statusCode(200);
            assertThat(BankServicesStandIn.stateReads()).isGreaterThanOrEqualTo(asked + 3);

            BankServicesStandIn.failing(true);
            try {
                Grants.refresh(provider, validRefresh).statusCode(503)
                        .contentType("application/json")
                        .header("Retry-After", "1")
                        .header("Cache-Control", "no-store")
                        .body("error", equalTo("temporarily_unavailable"));
            } finally {
                BankServicesStandIn.failing(false);
            }
        } finally {
            KafkaBrokerResource.broker().thaw();
        }

        awaitView("fresh", Duration.ofSeconds(30));
        // The refresh token refused with 503 still works. Proofs sent while the broker was frozen may still answer
        // just after: the view can stay unsettled for a moment before the fast path.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            int before = BankServicesStandIn.stateReads();
            Grants.refresh(provider, validRefresh).statusCode(200);
            return BankServicesStandIn.stateReads() == before;
        });
        // No event about the ended consent ever reached the broker (consent-service's outbox may publish only after
        // this view is fresh again): what consent-service said while the view was stale still holds on the fast path.
        Grants.refresh(provider, revokedTokens.getString("refresh_token")).statusCode(400)
                .body("error", equalTo("invalid_grant"));
    }

    private static void awaitView(String view, Duration within) {
        await().atMost(within).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> given().when()
                .get("/q/health/ready").then().statusCode(200).body(CHECK + ".data.view", equalTo(view)));
    }
}
