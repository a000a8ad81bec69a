package io.bankbridge.token;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bankbridge.testsupport.TestClock;
import io.bankbridge.token.par.PushedRequest;
import io.bankbridge.token.par.PushedRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Pushed authorization requests (RFC 9126): validation at push; at the authorization endpoint a request opens for its
 * client only, until it expires (its single use is the customer's decision: see RequestUriBindingTest).
 */
@QuarkusTest
class PushedAuthorizationTest {

    @Inject
    PushedRequests pushedRequests;

    @Inject
    TestClock clock;

    @Inject
    TokenSettings settings;

    private static RequestSpecification push(TestProvider provider, String verifier) {
        return push(provider, verifier, "ACCOUNT_BASIC");
    }

    private static RequestSpecification push(TestProvider provider, String verifier, String scope) {
        return push(provider.authenticated(), provider, verifier, scope);
    }

    private static RequestSpecification push(RequestSpecification authenticated, TestProvider provider, String verifier,
                                             String scope) {
        return authenticated
                .formParam("response_type", "code")
                .formParam("client_id", provider.clientId())
                .formParam("redirect_uri", TestProvider.REDIRECT_URI)
                .formParam("scope", scope)
                .formParam("state", "af0ifjsldkj")
                .formParam("code_challenge", TestProvider.challenge(verifier))
                .formParam("code_challenge_method", "S256");
    }

    private Optional<PushedRequest> open(String requestUri, String clientId) {
        return pushedRequests.open(requestUri, clientId).await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void pushReturnsARequestUriThatCarriesTheRequest() {
        TestProvider provider = TestProvider.onboard("par");
        String verifier = TestProvider.verifier();
        String requestUri = push(provider, verifier)
                .formParam("authorization_details",
                        "[{\"type\":\"bankbridge_data_access\",\"dataClusters\":[\"TRANSACTIONS\"],\"durationDays\":90}]")
                .when().post("/par").then()
                .statusCode(201)
                .header("Cache-Control", "no-store")
                .body("request_uri", startsWith("urn:ietf:params:oauth:request_uri:"))
                .body("expires_in", lessThanOrEqualTo(60))
                .body("expires_in", greaterThan(0))
                .extract().path("request_uri");

        PushedRequest request = open(requestUri, provider.clientId()).orElseThrow();
        assertEquals(TestProvider.REDIRECT_URI, request.redirectUri());
        assertEquals("af0ifjsldkj", request.state());
        assertEquals(TestProvider.challenge(verifier), request.codeChallenge());
        assertEquals(List.of("ACCOUNT_BASIC", "TRANSACTIONS"), request.dataClusters());
        assertEquals(90, request.durationDays());
        assertTrue(open(requestUri, provider.clientId()).isPresent(), "opening a request_uri does not use it up");
    }

    @Test
    void durationDefaultsTo365Days() {
        TestProvider provider = TestProvider.onboard("par-duration");
        String requestUri = push(provider, TestProvider.verifier()).when().post("/par").then().statusCode(201)
                .extract().path("request_uri");
        assertEquals(365, open(requestUri, provider.clientId()).orElseThrow().durationDays());
    }

    @Test
    void requestUriOfAnotherClientIsNotHandedOut() {
        TestProvider owner = TestProvider.onboard("par-owner");
        TestProvider other = TestProvider.onboard("par-other");
        String requestUri = push(owner, TestProvider.verifier()).when().post("/par").then().statusCode(201)
                .extract().path("request_uri");

        assertTrue(open(requestUri, other.clientId()).isEmpty());
        assertTrue(open(requestUri, owner.clientId()).isPresent(), "the owner can still use it");
    }

    @Test
    void expiredRequestUriIsNotHandedOut() {
        TestProvider provider = TestProvider.onboard("par-expired");
        // Pushed just over its lifetime ago, by a provider whose clock agreed with the service's. The clock goes back
        // rather than forward, so that it cannot pin the revocation view's freshness ahead.
        clock.advance(settings.pushedRequestLifetime().plusSeconds(1).negated());
        String requestUri;
        try {
            requestUri = push(provider.withAssertion(provider.assertionIssuedAt(clock.instant())), provider,
                    TestProvider.verifier(), "ACCOUNT_BASIC").when().post("/par").then().statusCode(201)
                    .extract().path("request_uri");
            assertTrue(open(requestUri, provider.clientId()).isPresent(), "open within its lifetime");
        } finally {
            clock.reset();
        }

        assertTrue(open(requestUri, provider.clientId()).isEmpty());
    }

    @Test
    void unknownRequestUriIsNotHandedOut() {
        assertTrue(open("urn:ietf:params:oauth:request_uri:nothing-here", "par").isEmpty());
        assertTrue(open("https://elsewhere.example/request", "par").isEmpty());
    }

    @Test
    void missingPkceChallengeIsRefused() {
        TestProvider provider = TestProvider.onboard("par-nopkce");
        provider.authenticated().formParam("response_type", "code").formParam("redirect_uri", TestProvider.REDIRECT_URI)
                .formParam("scope", "ACCOUNT_BASIC")
                .when().post("/par").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void plainPkceIsRefused() {
        TestProvider provider = TestProvider.onboard("par-plain");
        String verifier = TestProvider.verifier();
        provider.authenticated().formParam("response_type", "code").formParam("redirect_uri", TestProvider.REDIRECT_URI)
                .formParam("scope", "ACCOUNT_BASIC").formParam("code_challenge", verifier)
                .formParam("code_challenge_method", "plain")
                .when().post("/par").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void pkceWithoutMethodIsRefused() {
        TestProvider provider = TestProvider.onboard("par-nomethod");
        provider.authenticated().formParam("response_type", "code").formParam("redirect_uri", TestProvider.REDIRECT_URI)
                .formParam("scope", "ACCOUNT_BASIC").formParam("code_challenge", TestProvider.challenge(TestProvider.verifier()))
                .when().post("/par").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void unregisteredRedirectUriIsRefused() {
        TestProvider provider = TestProvider.onboard("par-redirect");
        provider.authenticated().formParam("response_type", "code")
                .formParam("redirect_uri", "https://provider.example/callback/../evil")
                .formParam("scope", "ACCOUNT_BASIC").formParam("code_challenge", TestProvider.challenge(TestProvider.verifier()))
                .formParam("code_challenge_method", "S256")
                .when().post("/par").then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", equalTo("redirect_uri is not registered for this client"));
    }

    @Test
    void requestUriInsideAPushIsRefused() {
        TestProvider provider = TestProvider.onboard("par-nested");
        push(provider, TestProvider.verifier()).formParam("request_uri", "urn:ietf:params:oauth:request_uri:x")
                .when().post("/par").then().statusCode(400).body("error", equalTo("invalid_request"));
    }

    @Test
    void responseTypeOtherThanCodeIsRefused() {
        TestProvider provider = TestProvider.onboard("par-token");
        provider.authenticated().formParam("response_type", "token").formParam("redirect_uri", TestProvider.REDIRECT_URI)
                .formParam("scope", "ACCOUNT_BASIC").formParam("code_challenge", TestProvider.challenge(TestProvider.verifier()))
                .formParam("code_challenge_method", "S256")
                .when().post("/par").then().statusCode(400).body("error", equalTo("unsupported_response_type"));
    }

    @Test
    void clusterNotAllowedForTheClientIsInvalidScope() {
        TestProvider provider = TestProvider.onboard("par-scope");
        push(provider, TestProvider.verifier(), "ACCOUNT_BASIC CUSTOMER_PERSONAL")
                .when().post("/par").then().statusCode(400).body("error", equalTo("invalid_scope"));
    }

    @Test
    void repeatedParameterIsInvalidRequest() {
        TestProvider provider = TestProvider.onboard("par-repeated");
        push(provider, TestProvider.verifier()).formParam("scope", "TRANSACTIONS")
                .when().post("/par").then().statusCode(400).body("error", equalTo("invalid_request"))
                .body("error_description", equalTo("scope is repeated"));
    }

    @Test
    void unknownAuthorizationDetailsTypeIsRefused() {
        TestProvider provider = TestProvider.onboard("par-details");
        push(provider, TestProvider.verifier()).formParam("authorization_details", "[{\"type\":\"payment_initiation\"}]")
                .when().post("/par").then().statusCode(400).body("error", equalTo("invalid_authorization_details"));
    }

    @Test
    void durationBeyond365DaysIsRefused() {
        TestProvider provider = TestProvider.onboard("par-long");
        push(provider, TestProvider.verifier())
                .formParam("authorization_details",
                        "[{\"type\":\"bankbridge_data_access\",\"dataClusters\":[\"ACCOUNT_BASIC\"],\"durationDays\":366}]")
                .when().post("/par").then().statusCode(400).body("error", equalTo("invalid_authorization_details"));
    }

    @Test
    void unauthenticatedPushIsInvalidClient() {
        io.restassured.RestAssured.given().contentType(io.restassured.http.ContentType.URLENC)
                .formParam("client_id", "demo-budget-app").formParam("response_type", "code")
                .when().post("/par").then().statusCode(401).body("error", equalTo("invalid_client"));
    }
}
