package io.bankbridge.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import io.bankbridge.token.generator.OpaqueValues;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Client authentication at the OAuth endpoints: private_key_jwt (RFC 7523, PS256/ES256, aud = exactly the issuer as
 * one string per FAPI 2.0 Final, bounded exp, single-use jti) for providers, client_secret_basic for the bank's own
 * clients only; everything else is 401 invalid_client.
 */
@QuarkusTest
class ClientAuthenticationTest {

    @Inject
    Pool pool;

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
    void oneAssertionSentManyTimesAtOnceIsAdmittedOnce() throws Exception {
        TestProvider provider = TestProvider.onboard("pkjwt-replay-race");
        String assertion = provider.assertion();

        List<Integer> statuses = atOnce(Collections.nCopies(12, assertion), provider);

        assertEquals(1, statuses.stream().filter(status -> status == 200).count(), "statuses " + statuses);
        assertEquals(11, statuses.stream().filter(status -> status == 401).count(), "statuses " + statuses);
    }

    @Test
    void manyAssertionsAtOnceAreEachAdmittedAndRecorded() throws Exception {
        TestProvider provider = TestProvider.onboard("pkjwt-many");
        List<String> jtis = new ArrayList<>();
        List<String> assertions = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String jti = UUID.randomUUID().toString();
            jtis.add(jti);
            assertions.add(provider.assertion(JWSAlgorithm.PS256, TestProvider.issuer(), Instant.now().plusSeconds(60), jti));
        }

        List<Integer> statuses = atOnce(assertions, provider);

        assertEquals(Collections.nCopies(assertions.size(), 200), statuses);
        long recorded = pool.preparedQuery("SELECT count(*) FROM used_client_assertion_jtis WHERE client_id = $1 "
                        + "AND jti = ANY($2::text[])")
                .execute(Tuple.of(provider.clientId(), jtis.toArray(String[]::new)))
                .await().indefinitely().iterator().next().getLong(0);
        assertEquals(jtis.size(), recorded);
        for (String assertion : assertions) {
            introspectNothing(provider.withAssertion(assertion))
                    .when().post("/introspect").then().statusCode(401).body("error", equalTo("invalid_client"));
        }
    }

    /** Sends each assertion in its own request, all released together; the statuses in the order given. */
    private static List<Integer> atOnce(List<String> assertions, TestProvider provider) throws Exception {
        return Grants.statusesAtOnce(assertions.stream().map(a -> introspectNothing(provider.withAssertion(a))).toList(),
                request -> request.when().post("/introspect"));
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

    /** The token endpoint's URL, the PAR endpoint's URL, the issuer with a trailing slash: each refused everywhere. */
    @ParameterizedTest
    @ValueSource(strings = {"/token", "/par", "/"})
    void assertionWithAnAudienceOtherThanTheIssuerStringIsRefusedAtTokenAndPar(String suffix) {
        TestProvider provider = TestProvider.onboard("aud-string");
        assertRefusedAtTokenAndPar(provider, () -> provider.assertion(JWSAlgorithm.PS256, TestProvider.issuer() + suffix,
                Instant.now().plusSeconds(60), UUID.randomUUID().toString()));
    }

    @Test
    void assertionWithAnAudienceArrayHoldingTheIssuerIsRefusedAtTokenAndPar() {
        TestProvider provider = TestProvider.onboard("aud-array");
        assertRefusedAtTokenAndPar(provider, () -> TestProvider.sign(provider.key(), JWSAlgorithm.PS256,
                new JWTClaimsSet.Builder().issuer(provider.clientId()).subject(provider.clientId())
                        .audience(List.of("https://x.example", TestProvider.issuer()))
                        .expirationTime(Date.from(Instant.now().plusSeconds(60))).jwtID(UUID.randomUUID().toString())
                        .build()));
    }

    @Test
    void assertionWithAOneElementAudienceArrayIsRefused() {
        TestProvider provider = TestProvider.onboard("aud-one");
        // Nimbus writes a one-element audience list as a string: build the array payload by hand.
        assertRefusedAtTokenAndPar(provider, () -> TestProvider.signPayload(provider.key(), JWSAlgorithm.PS256, Map.of(
                "iss", provider.clientId(), "sub", provider.clientId(), "aud", List.of(TestProvider.issuer()),
                "exp", Instant.now().plusSeconds(60).getEpochSecond(), "jti", UUID.randomUUID().toString())));
    }

    @Test
    void assertionWithTheIssuerAsAudienceIsAcceptedAtTokenAndPar() {
        TestProvider provider = TestProvider.onboard("aud-issuer");
        push(provider, provider.assertion()).when().post("/par").then().statusCode(201);
        provider.withAssertion(provider.assertion()).formParam("grant_type", "authorization_code")
                .formParam("code", "unknown").formParam("redirect_uri", TestProvider.REDIRECT_URI)
                .formParam("code_verifier", TestProvider.verifier())
                .when().post("/token").then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void assertionWithoutExpIsRefused() {
        TestProvider provider = TestProvider.onboard("pkjwt-noexp");
        String assertion = TestProvider.sign(provider.key(), JWSAlgorithm.PS256, new JWTClaimsSet.Builder()
                .issuer(provider.clientId()).subject(provider.clientId()).audience(TestProvider.issuer())
                .jwtID(UUID.randomUUID().toString()).build());
        introspectNothing(provider.withAssertion(assertion))
                .when().post("/introspect").then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void assertionIssuedInTheFutureIsRefused() {
        TestProvider provider = TestProvider.onboard("pkjwt-iat");
        refusedAtIntrospection(provider, provider.assertionIssuedAt(Instant.now().plusSeconds(120)))
                .body("error_description", equalTo("the client assertion is not valid yet"));
    }

    @Test
    void assertionNotValidBeforeALaterTimeIsRefused() {
        TestProvider provider = TestProvider.onboard("pkjwt-nbf");
        refusedAtIntrospection(provider, signed(provider, claimsOf(provider)
                .notBeforeTime(Date.from(Instant.now().plusSeconds(120)))
                .expirationTime(Date.from(Instant.now().plusSeconds(180))).jwtID(UUID.randomUUID().toString())));
    }

    @Test
    void assertionWithoutJtiIsRefused() {
        TestProvider provider = TestProvider.onboard("pkjwt-nojti");
        refusedAtIntrospection(provider, signed(provider, claimsOf(provider)
                .expirationTime(Date.from(Instant.now().plusSeconds(60)))))
                .body("error_description", containsString("jti"));
    }

    /** iss and sub the provider's client id, aud the issuer. */
    private static JWTClaimsSet.Builder claimsOf(TestProvider provider) {
        return new JWTClaimsSet.Builder().issuer(provider.clientId()).subject(provider.clientId())
                .audience(TestProvider.issuer());
    }

    private static String signed(TestProvider provider, JWTClaimsSet.Builder claims) {
        return TestProvider.sign(provider.key(), JWSAlgorithm.PS256, claims.build());
    }

    private static ValidatableResponse refusedAtIntrospection(TestProvider provider, String assertion) {
        return introspectNothing(provider.withAssertion(assertion))
                .when().post("/introspect").then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    private static void assertRefusedAtTokenAndPar(TestProvider provider, Supplier<String> assertion) {
        provider.withAssertion(assertion.get()).formParam("grant_type", "authorization_code")
                .formParam("code", "unknown").formParam("redirect_uri", TestProvider.REDIRECT_URI)
                .formParam("code_verifier", TestProvider.verifier())
                .when().post("/token").then().statusCode(401).body("error", equalTo("invalid_client"))
                .body("error_description", containsString("aud"));
        push(provider, assertion.get()).when().post("/par").then().statusCode(401).body("error", equalTo("invalid_client"));
        introspectNothing(provider.withAssertion(assertion.get()))
                .when().post("/revoke").then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    private static RequestSpecification push(TestProvider provider, String assertion) {
        String verifier = TestProvider.verifier();
        return provider.withAssertion(assertion).formParam("response_type", "code")
                .formParam("client_id", provider.clientId()).formParam("redirect_uri", TestProvider.REDIRECT_URI)
                .formParam("scope", "ACCOUNT_BASIC").formParam("code_challenge", TestProvider.challenge(verifier))
                .formParam("code_challenge_method", "S256");
    }

    @Test
    void internalClientsAuthenticateWithClientSecretBasic() {
        given().contentType(ContentType.URLENC)
                .header("Authorization", TestProvider.basic("consent-service", CoreTestSecrets.CONSENT_SERVICE))
                .formParam("token", "nothing")
                .when().post("/introspect").then().statusCode(200).body("active", equalTo(false));
    }

    @Test
    void wrongBasicSecretIsRefusedWithAChallenge() {
        given().contentType(ContentType.URLENC).header("Authorization", TestProvider.basic("consent-service", "guess"))
                .formParam("token", "nothing")
                .when().post("/introspect").then().statusCode(401).body("error", equalTo("invalid_client"))
                .header("WWW-Authenticate", startsWith("Basic"));
    }

    @Test
    void providerStillRegisteredWithASecretIsRefused() {
        // A row onboarded before providers were limited to private_key_jwt: its secret no longer authenticates it.
        String clientId = "legacy-secret-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "legacy-" + UUID.randomUUID();
        pool.preparedQuery("INSERT INTO clients (client_id, name, redirect_uris, allowed_clusters, auth_method, "
                        + "secret_hash) VALUES ($1, 'Legacy', $2, $3, 'client_secret_basic', $4)")
                .execute(Tuple.of(clientId, new String[] {TestProvider.REDIRECT_URI}, new String[] {"ACCOUNT_BASIC"},
                        OpaqueValues.hash(secret)))
                .await().atMost(Duration.ofSeconds(10));

        given().contentType(ContentType.URLENC).header("Authorization", TestProvider.basic(clientId, secret))
                .formParam("token", "nothing")
                .when().post("/introspect").then().statusCode(401).body("error", equalTo("invalid_client"));
    }

    @Test
    void privateKeyJwtClientCannotUseABasicSecret() {
        TestProvider provider = TestProvider.onboard("pkjwt-basic");
        given().contentType(ContentType.URLENC).header("Authorization", TestProvider.basic(provider.clientId(), "anything"))
                .formParam("token", "nothing")
                .when().post("/introspect").then().statusCode(401).body("error", equalTo("invalid_client"));
    }
}
