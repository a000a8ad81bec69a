package io.bankbridge.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.bankbridge.token.generator.JwtTokenGenerator;
import io.bankbridge.token.keys.SigningAlgorithm;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /internal/receipts}: consent-service's internal token with {@code internal.receipts.sign} gets a
 * receipt signed with the bank's key, verifiable against {@code /jwks}; nothing else gets anything signed, and a
 * receipt never passes for an access token.
 */
@QuarkusTest
class ReceiptSigningTest {

    @Inject
    JwtTokenGenerator generator;

    private static String consentServiceToken() {
        return given().contentType(ContentType.URLENC)
                .header("Authorization", TestProvider.basic("consent-service", CoreTestSecrets.CONSENT_SERVICE))
                .formParam("grant_type", "client_credentials")
                .when().post("/token").then().statusCode(200).extract().path("access_token");
    }

    private static Map<String, Object> receipt() {
        Map<String, Object> body = new HashMap<>();
        body.put("grantId", UUID.randomUUID().toString());
        body.put("entry", 2);
        body.put("action", "AUTHORIZED");
        body.put("actor", "CUSTOMER");
        body.put("actionAt", "2026-03-01T10:15:30.123Z");
        body.put("status", "AUTHORIZED");
        body.put("providerId", "demo-budget-app");
        body.put("providerName", "Demo Budget App");
        body.put("accounts", List.of("Everyday Card ••••1234", "Rainy Day Savings ••••5678"));
        body.put("dataClusters", List.of("ACCOUNT_BASIC", "TRANSACTIONS"));
        body.put("grantedAt", "2026-03-01T10:15:30.123Z");
        body.put("expiresAt", "2026-05-30T10:15:30.123Z");
        return body;
    }

    private static RequestSpecification signing(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private static String signed(Map<String, Object> body) {
        return signing(consentServiceToken()).body(body).when().post("/internal/receipts").then()
                .statusCode(200).contentType("application/jwt").extract().asString();
    }

    /** Verifies against the keys the server publishes, fetched over HTTP as any relying party would. */
    private static boolean verifiesWithPublishedKeys(String jws) throws Exception {
        JWKSet published = JWKSet.parse(given().when().get("/jwks").then().statusCode(200).extract().asString());
        SignedJWT jwt = SignedJWT.parse(jws);
        JWK key = published.getKeyByKeyId(jwt.getHeader().getKeyID());
        return key != null && jwt.verify(SigningAlgorithm.of(key).orElseThrow().verifier(key));
    }

    @Test
    void theReceiptIsSignedWithThePublishedKeyAndStatesWhatWasAsked() throws Exception {
        Map<String, Object> body = receipt();
        String jws = signed(body);

        assertTrue(verifiesWithPublishedKeys(jws));
        SignedJWT jwt = SignedJWT.parse(jws);
        assertEquals("consent-receipt+jwt", jwt.getHeader().getType().getType());
        assertNotNull(jwt.getHeader().getKeyID());
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertEquals(TestProvider.issuer(), claims.getIssuer());
        assertNotNull(claims.getIssueTime());
        assertNotNull(claims.getJWTID());
        assertEquals(body.get("grantId"), claims.getStringClaim("grant_id"));
        assertEquals(2L, claims.getLongClaim("entry"));
        assertEquals("AUTHORIZED", claims.getStringClaim("action"));
        assertEquals("CUSTOMER", claims.getStringClaim("actor"));
        assertEquals("2026-03-01T10:15:30.123Z", claims.getStringClaim("action_at"));
        assertEquals("AUTHORIZED", claims.getStringClaim("status"));
        assertEquals(Map.of("client_id", "demo-budget-app", "name", "Demo Budget App"), claims.getJSONObjectClaim("provider"));
        assertEquals(List.of("Everyday Card ••••1234", "Rainy Day Savings ••••5678"), claims.getStringListClaim("accounts"));
        assertEquals(List.of("ACCOUNT_BASIC", "TRANSACTIONS"), claims.getStringListClaim("data_clusters"));
        assertEquals("2026-03-01T10:15:30.123Z", claims.getStringClaim("granted_at"));
        assertEquals("2026-05-30T10:15:30.123Z", claims.getStringClaim("expires_at"));
    }

    @Test
    void changingOneByteOfTheClaimsBreaksTheSignature() throws Exception {
        String jws = signed(receipt());
        String[] parts = jws.split("\\.");
        String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8);
        String forged = payload.replace("\"AUTHORIZED\"", "\"AUTHORIZEE\"");
        assertFalse(forged.equals(payload));
        String tampered = parts[0] + "." + Base64URL.encode(forged.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        assertTrue(verifiesWithPublishedKeys(jws));
        assertFalse(verifiesWithPublishedKeys(tampered));
    }

    @Test
    void withoutATokenItIs401WithABearerChallenge() {
        given().contentType(ContentType.JSON).body(receipt()).when().post("/internal/receipts").then()
                .statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
    }

    @Test
    void aProvidersAccessTokenIs403() {
        String provider = generator.customerAccessToken("demo-budget-app", "CUS-1", UUID.randomUUID().toString(),
                List.of("ACCOUNT_BASIC")).value();
        signing(provider).body(receipt()).when().post("/internal/receipts").then()
                .statusCode(403).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("insufficient_scope"));
    }

    @Test
    void anInternalTokenWithoutTheScopeIs403() {
        String other = given().contentType(ContentType.URLENC)
                .header("Authorization", TestProvider.basic("consent-service", CoreTestSecrets.CONSENT_SERVICE))
                .formParam("grant_type", "client_credentials").formParam("scope", "internal.accounts.list internal.access-log.read")
                .when().post("/token").then().statusCode(200).extract().path("access_token");
        signing(other).body(receipt()).when().post("/internal/receipts").then()
                .statusCode(403).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("scope=\"internal.receipts.sign\""));
    }

    @Test
    void adminCredentialsAreNoInternalToken() {
        given().header("Authorization", TestProvider.adminAuthorization()).contentType(ContentType.JSON).body(receipt())
                .when().post("/internal/receipts").then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = {"grantId", "entry", "action", "actor", "actionAt", "status", "providerId", "providerName",
            "accounts", "dataClusters"})
    void aMissingFieldIs400(String field) {
        Map<String, Object> body = receipt();
        body.remove(field);
        signing(consentServiceToken()).body(body).when().post("/internal/receipts").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"iss", "aud", "exp", "scope", "sub"})
    void aFieldThatIsNoReceiptFieldIs400(String field) {
        Map<String, Object> body = receipt();
        body.put(field, "bankbridge-internal");
        signing(consentServiceToken()).body(body).when().post("/internal/receipts").then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void wrongTypesAre400() {
        String token = consentServiceToken();
        for (Map.Entry<String, Object> wrong : List.<Map.Entry<String, Object>>of(Map.entry("entry", "two"),
                Map.entry("entry", 0), Map.entry("accounts", "ACC-1"), Map.entry("dataClusters", List.of(List.of("A"))),
                Map.entry("dataClusters", List.of("NO_SUCH_CLUSTER")),
                Map.entry("actionAt", "yesterday"), Map.entry("grantId", "not-a-uuid"), Map.entry("actor", "SOMEONE"),
                Map.entry("status", 7))) {
            Map<String, Object> body = receipt();
            body.put(wrong.getKey(), wrong.getValue());
            signing(token).body(body).when().post("/internal/receipts").then()
                    .statusCode(400).contentType("application/problem+json");
        }
        signing(token).body("[1,2]").when().post("/internal/receipts").then().statusCode(400);
        signing(token).body("{").when().post("/internal/receipts").then().statusCode(400);
        signing(token).body("").when().post("/internal/receipts").then().statusCode(400);
    }

    @Test
    void aRequestBreakingItsConstraintsIsAProblemNamingEachFieldAtFault() {
        Map<String, Object> body = receipt();
        body.put("providerName", "x".repeat(201));
        body.put("entry", 0);
        body.put("dataClusters", List.of("TRANSACTIONS", "NO_SUCH_CLUSTER"));
        signing(consentServiceToken()).body(body).when().post("/internal/receipts").then()
                .statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Bad Request"))
                .body("errors.field", contains("dataClusters[1]", "entry", "providerName"))
                .body("detail", containsString("providerName must be text of 1 to 200 characters"))
                .body("detail", containsString("entry must be a history entry number from 1"));
    }

    @Test
    void oversizeIs400() {
        String token = consentServiceToken();
        Map<String, Object> longName = receipt();
        longName.put("providerName", "x".repeat(201));
        signing(token).body(longName).when().post("/internal/receipts").then().statusCode(400);
        Map<String, Object> manyAccounts = receipt();
        manyAccounts.put("accounts", java.util.Collections.nCopies(51, "Card ••••1234"));
        signing(token).body(manyAccounts).when().post("/internal/receipts").then().statusCode(400);
        Map<String, Object> bigBody = receipt();
        bigBody.put("accounts", java.util.Collections.nCopies(50, "A".repeat(190)));
        signing(token).body(bigBody).when().post("/internal/receipts").then()
                .statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("8192 bytes"));
    }

    @Test
    void aReceiptIsRefusedAsABearerToken() {
        String receipt = signed(receipt());
        signing(receipt).body(receipt()).when().post("/internal/receipts").then()
                .statusCode(401).header("WWW-Authenticate", containsString("invalid_token"));
        given().auth().oauth2(receipt).when().get("/userinfo").then().statusCode(401);
    }
}
