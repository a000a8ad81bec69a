package io.bankbridge.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Client authentication at the OAuth endpoints: private_key_jwt (RFC 7523, PS256/ES256, aud = issuer, bounded exp,
 * single-use jti) and client_secret_basic; everything else is 401 invalid_client.
 */
@QuarkusTest
class ClientAuthenticationTest {

    /** A client_credentials-free request every authenticated provider may make: introspecting nothing. */
    private static RequestSpecification introspectNothing(RequestSpecification spec) {
        return spec.formParam("token", "nothing");
    }

    @Test
    void validPs256AssertionAuthenticates() {
        TestProvider provider = TestProvider.onboard("pkjwt");
        introspectNothing(provider.withAssertion(provider.assertion()))
                .when().post("/introspect").then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void validEs256AssertionAuthenticates() {
        TestProvider provider = TestProvider.onboard("pkjwt-ec", TestProvider.ecKey());
        introspectNothing(provider.withAssertion(provider.assertion()))
                .when().post("/introspect").then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void assertionForAnotherAudienceIsRefused() {
        TestProvider provider = TestProvider.onboard("pkjwt-aud");
        String assertion = provider.assertion(JWSAlgorithm.PS256, "https://other-bank.example",
                Instant.now().plusSeconds(60), UUID.randomUUID().toString());
        introspectNothing(provider.withAssertion(assertion))
                .when().post("/introspect").then().statusCode(401).body("error", equalTo("invalid_client"))
                .header("Cache-Control", "no-store");
    }

    @Test
    void expiredAssertionIsRefused() {
        TestProvider provider = TestProvider.onboard("pkjwt-exp");
        String assertion = provider.assertion(JWSAlgorithm.PS256, TestProvider.issuer(), Instant.now().minusSeconds(120),
                UUID.randomUUID().toString());
        introspectNothing(provider.withAssertion(assertion))
                .when().post("/introspect").then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void assertionValidForTooLongIsRefused() {
        TestProvider provider = TestProvider.onboard("pkjwt-long");
        String assertion = provider.assertion(JWSAlgorithm.PS256, TestProvider.issuer(), Instant.now().plusSeconds(86400),
                UUID.randomUUID().toString());
        introspectNothing(provider.withAssertion(assertion))
                .when().post("/introspect").then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void replayedAssertionIsRefused() {
        TestProvider provider = TestProvider.onboard("pkjwt-replay");
        String assertion = provider.assertion();
        introspectNothing(provider.withAssertion(assertion)).when().post("/introspect").then().statusCode(200);

        introspectNothing(provider.withAssertion(assertion))
                .when().post("/introspect").then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void rs256AssertionIsRefusedEvenWithTheRegisteredKey() {
        TestProvider provider = TestProvider.onboard("pkjwt-rs256");
        String assertion = provider.assertion(JWSAlgorithm.RS256, TestProvider.issuer(), Instant.now().plusSeconds(60),
                UUID.randomUUID().toString());
        introspectNothing(provider.withAssertion(assertion))
                .when().post("/introspect").then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void assertionSignedWithAnotherKeyIsRefused() {
        TestProvider provider = TestProvider.onboard("pkjwt-key");
        String assertion = TestProvider.sign(TestProvider.rsaKey(), JWSAlgorithm.PS256, new JWTClaimsSet.Builder()
                .issuer(provider.clientId()).subject(provider.clientId()).audience(TestProvider.issuer())
                .expirationTime(Date.from(Instant.now().plusSeconds(60))).jwtID(UUID.randomUUID().toString()).build());
        introspectNothing(provider.withAssertion(assertion))
                .when().post("/introspect").then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void assertionWhoseSubjectDiffersFromIssuerIsRefused() {
        TestProvider provider = TestProvider.onboard("pkjwt-sub");
        String assertion = TestProvider.sign(provider.key(), JWSAlgorithm.PS256, new JWTClaimsSet.Builder()
                .issuer(provider.clientId()).subject("someone-else").audience(TestProvider.issuer())
                .expirationTime(Date.from(Instant.now().plusSeconds(60))).jwtID(UUID.randomUUID().toString()).build());
        introspectNothing(provider.withAssertion(assertion))
                .when().post("/introspect").then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void noClientAuthenticationIsRefused() {
        given().contentType(ContentType.URLENC).formParam("token", "nothing")
                .when().post("/introspect").then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void clientSecretBasicAuthenticatesClientsRegisteredThatWay() {
        TestProvider provider = TestProvider.onboardWithSecret("basic");
        introspectNothing(provider.authenticated()).when().post("/introspect").then().statusCode(200);
    }

    @Test
    void wrongBasicSecretIsRefusedWithAChallenge() {
        TestProvider provider = TestProvider.onboardWithSecret("basic-wrong");
        given().contentType(ContentType.URLENC).header("Authorization", TestProvider.basic(provider.clientId(), "guess"))
                .formParam("token", "nothing")
                .when().post("/introspect").then().statusCode(401).body("error", equalTo("invalid_client"))
                .header("WWW-Authenticate", startsWith("Basic"));
    }

    @Test
    void privateKeyJwtClientCannotUseABasicSecret() {
        TestProvider provider = TestProvider.onboard("pkjwt-basic");
        given().contentType(ContentType.URLENC).header("Authorization", TestProvider.basic(provider.clientId(), "anything"))
                .formParam("token", "nothing")
                .when().post("/introspect").then().statusCode(401).body("error", equalTo("invalid_client"));
    }
}
