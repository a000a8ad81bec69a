package io.bankbridge.accountdata;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.matchesPattern;

import io.bankbridge.accountdata.security.Permissions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every provider request lands in the access log the Security Center reads; a provider over its rate gets 429. */
@QuarkusTest
class AuditAndRateLimitTest {

    private static JsonPath awaitAccessLog(String param, String value, int atLeast) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        JsonPath log;
        do {
            log = given().auth().oauth2(Grants.internalToken(Permissions.ACCESS_LOG_READ)).queryParam(param, value)
                    .when().get("/internal/access-log").then().statusCode(200).extract().jsonPath();
            if (log.getList("$").size() >= atLeast) {
                return log;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        return log;
    }

    @Test
    void providerRequestsAreRecordedAndVisibleNewestFirst() throws InterruptedException {
        Grants grant = Grants.of("CUS-C-0002", Grants.PROVIDER, List.of("TRANSACTIONS", "ACCOUNT_BASIC"), "ACC-C-0002-1");
        given().auth().oauth2(grant.token()).when().get("/fdx/v6/accounts").then().statusCode(200);
        given().auth().oauth2(grant.token()).when().get("/fdx/v6/accounts/ACC-C-0002-2").then().statusCode(404);
        given().auth().oauth2(grant.token()).when().get("/fdx/v6/accounts/ACC-C-0002-1/transactions").then().statusCode(200);

        JsonPath log = awaitAccessLog("consentId", grant.consentId(), 3);
        org.junit.jupiter.api.Assertions.assertEquals(3, log.getList("$").size());
        org.junit.jupiter.api.Assertions.assertEquals(
                List.of("GET /fdx/v6/accounts/ACC-C-0002-1/transactions", "GET /fdx/v6/accounts/ACC-C-0002-2",
                        "GET /fdx/v6/accounts"), log.getList("endpoint"));
        org.junit.jupiter.api.Assertions.assertEquals(List.of(200, 404, 200), log.getList("status"));
        org.junit.jupiter.api.Assertions.assertEquals("ACC-C-0002-1", log.getString("[0].accountId"));
        org.junit.jupiter.api.Assertions.assertEquals(Grants.PROVIDER, log.getString("[0].providerId"));
        org.junit.jupiter.api.Assertions.assertEquals("CUS-C-0002", log.getString("[0].customerId"));

        given().auth().oauth2(Grants.internalToken(Permissions.ACCESS_LOG_READ)).queryParam("customerId", "CUS-C-0002").queryParam("limit", 2)
                .when().get("/internal/access-log")
                .then().statusCode(200)
                .body("size()", equalTo(2))
                .body("[0].at", matchesPattern("\\d{4}-\\d{2}-\\d{2}T.*Z"))
                .body("[0].consentId", equalTo(grant.consentId()));
    }

    @Test
    void theAccessLogNeedsExactlyOneFilterAndABoundedLimit() {
        given().auth().oauth2(Grants.internalToken(Permissions.ACCESS_LOG_READ)).when().get("/internal/access-log")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(Grants.internalToken(Permissions.ACCESS_LOG_READ)).queryParam("customerId", "X").queryParam("limit", 1001)
                .when().get("/internal/access-log").then().statusCode(400);
    }

    @Test
    void aProviderOverItsRateLimitGetsTooManyRequestsWithRetryAfter() throws InterruptedException {
        Grants grant = Grants.of("CUS-C-0001", "throttled-app", List.of("ACCOUNT_BASIC"), "ACC-C-0001-1");
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(grant.token()).when().get("/fdx/v6/accounts").then().statusCode(200);
        }
        given().auth().oauth2(grant.token()).when().get("/fdx/v6/accounts")
                .then().statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", matchesPattern("\\d+"))
                .header("Retry-After", org.hamcrest.Matchers.not("0"))
                .body("status", equalTo(429))
                .body("detail", containsString("rate limit"));
        // Another provider is not affected.
        Grants other = Grants.of(List.of("ACCOUNT_BASIC"), "ACC-C-0001-1");
        given().auth().oauth2(other.token()).when().get("/fdx/v6/accounts").then().statusCode(200);
        JsonPath log = awaitAccessLog("consentId", grant.consentId(), 4);
        org.junit.jupiter.api.Assertions.assertEquals(429, log.getInt("[0].status"));
        org.hamcrest.MatcherAssert.assertThat(log.getList("$").size(), greaterThanOrEqualTo(4));
    }
}
