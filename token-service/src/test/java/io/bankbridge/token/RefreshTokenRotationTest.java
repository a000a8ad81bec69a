package io.bankbridge.token;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.bankbridge.revocation.consume.ViewFreshness;
import io.bankbridge.testsupport.TestClock;
import io.bankbridge.token.grant.authcode.AuthorizationCodeIssuer;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A deployment that turns refresh-token rotation on: a retry with the previous token within the grace window
 * succeeds for the same client; reuse after it is refused and recorded, and the consent stays.
 */
@QuarkusTest
@TestProfile(RefreshTokenRotationTest.Rotation.class)
class RefreshTokenRotationTest {

    /** Rotation on, with the default grace window. */
    public static class Rotation implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bankbridge.refresh.rotation", "true");
        }
    }

    @Inject
    AuthorizationCodeIssuer codes;

    @Inject
    TestClock clock;

    @Inject
    MeterRegistry metrics;

    @Inject
    ViewFreshness freshness;

    /** The client assertions the tests sign carry real time: moved time must not add up across tests. */
    @AfterEach
    void backToRealTime() {
        clock.reset();
    }

    @Test
    void eachRefreshReplacesTheRefreshToken() {
        TestProvider provider = TestProvider.onboard("rotate");
        String first = Grants.tokens(codes, provider, Grants.newConsentId()).getString("refresh_token");

        String second = Grants.refresh(provider, first).statusCode(200)
                .body("refresh_token", notNullValue()).body("refresh_token", not(equalTo(first)))
                .extract().path("refresh_token");

        Grants.refresh(provider, second).statusCode(200).body("refresh_token", not(equalTo(second)));
    }

    @Test
    void retryWithThePreviousTokenWithinTheGraceWindowSucceedsForTheSameClientOnly() {
        TestProvider provider = TestProvider.onboard("rotate-retry");
        TestProvider other = TestProvider.onboard("rotate-other");
        String first = Grants.tokens(codes, provider, Grants.newConsentId()).getString("refresh_token");
        String lost = Grants.refresh(provider, first).statusCode(200).extract().path("refresh_token");
        advance(Duration.ofSeconds(30));

        Grants.refresh(other, first).statusCode(400).body("error", equalTo("invalid_grant"));
        JsonPath retried = Grants.refresh(provider, first).statusCode(200)
                .body("refresh_token", not(equalTo(lost))).extract().jsonPath();

        Grants.introspect(retried.getString("access_token")).statusCode(200).body("active", equalTo(true));
        // the retry superseded the successor the lost answer carried; its own successor carries on
        Grants.refresh(provider, lost).statusCode(400).body("error", equalTo("invalid_grant"));
        Grants.refresh(provider, retried.getString("refresh_token")).statusCode(200);
    }

    @Test
    void reuseAfterTheGraceWindowIsRefusedRecordedAndLeavesTheConsentActive() {
        TestProvider provider = TestProvider.onboard("rotate-reuse");
        String first = Grants.tokens(codes, provider, Grants.newConsentId()).getString("refresh_token");
        JsonPath second = Grants.refresh(provider, first).statusCode(200).extract().jsonPath();
        double before = reuseRefused();
        advance(Duration.ofSeconds(61));

        Grants.refresh(provider, first).statusCode(400).body("error", equalTo("invalid_grant"));

        assertEquals(before + 1, reuseRefused());
        Grants.introspect(second.getString("access_token")).statusCode(200).body("active", equalTo(true));
        Grants.refresh(provider, second.getString("refresh_token")).statusCode(200);
    }

    /**
     * Moves time, then waits for the revocation view to be proved fresh at the new time (its proofs are timed by the
     * same clock): until then a grant asks consent-service, which these tests do not run.
     */
    private void advance(Duration by) {
        clock.advance(by);
        await().atMost(Duration.ofSeconds(10)).until(freshness::fresh);
    }

    private double reuseRefused() {
        return metrics.counter("bankbridge.refresh.reuse.refused").count();
    }
}
