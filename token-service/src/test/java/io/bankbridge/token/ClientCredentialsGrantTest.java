package io.bankbridge.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.nimbusds.jwt.SignedJWT;
import io.bankbridge.token.generator.InternalTokenSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** client_credentials: internal tokens for the bank's own services only, each with its own capabilities only. */
@QuarkusTest
class ClientCredentialsGrantTest {

    @Inject
    InternalTokenSource internalTokens;

    private static RequestSpecification as(String clientId) {
        String secret = switch (clientId) {
            case "consent-service" -> CoreTestSecrets.CONSENT_SERVICE;
            case "account-data-service" -> CoreTestSecrets.ACCOUNT_DATA_SERVICE;
            case "core-banking" -> CoreTestSecrets.CORE_BANKING;
            default -> throw new IllegalArgumentException(clientId);
        };
        return given().contentType(ContentType.URLENC).header("Authorization", TestProvider.basic(clientId, secret))
                .formParam("grant_type", "client_credentials");
    }

    @ParameterizedTest
    @CsvSource({
            "consent-service, internal.accounts.list internal.access-log.read internal.receipts.sign",
            "account-data-service, internal.consents.read",
            "core-banking, internal.ingest"})
    void internalClientWithoutScopeParameterGetsExactlyItsScopes(String clientId, String scopes) throws Exception {
        String token = as(clientId).when().post("/token").then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("scope", equalTo(scopes))
                .body("refresh_token", nullValue())
                .extract().path("access_token");

        var claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals(clientId, claims.getSubject());
        assertEquals(clientId, claims.getStringClaim("client_id"));
        assertEquals(List.of("bankbridge-internal"), claims.getAudience());
        assertEquals(scopes, claims.getStringClaim("scope"));
    }

    @ParameterizedTest
    @CsvSource({
            "consent-service, internal.access-log.read",
            "consent-service, internal.accounts.list",
            "account-data-service, internal.consents.read",
            "core-banking, internal.ingest"})
    void internalClientAskingForItsOwnScopeGetsIt(String clientId, String scope) throws Exception {
        String token = as(clientId).formParam("scope", scope).when().post("/token").then()
                .statusCode(200).body("scope", equalTo(scope)).extract().path("access_token");

        assertEquals(scope, SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("scope"));
    }

    @ParameterizedTest
    @CsvSource({
            "consent-service, internal.consents.read",
            "consent-service, internal.consents.decide",
            "consent-service, internal.ingest",
            "account-data-service, internal.access-log.read",
            "account-data-service, internal.consents.decide",
            "account-data-service, internal.ingest",
            "core-banking, internal.accounts.list",
            "core-banking, internal.consents.read",
            "core-banking, internal.access-log.read",
            "consent-service, internal",
            "account-data-service, internal",
            "consent-service, internal.access-log.read internal.ingest",
            "consent-service, ACCOUNT_BASIC"})
    void internalClientAskingForAnotherCapabilityIsInvalidScope(String clientId, String scope) {
        as(clientId).formParam("scope", scope).when().post("/token").then()
                .statusCode(400)
                .header("Cache-Control", "no-store")
                .body("error", equalTo("invalid_scope"))
                .body("access_token", nullValue());
    }

    @Test
    void wrongInternalSecretIsInvalidClientWithAChallenge() {
        given().contentType(ContentType.URLENC).header("Authorization", TestProvider.basic("consent-service", "wrong"))
                .formParam("grant_type", "client_credentials")
                .when().post("/token").then().statusCode(401).body("error", equalTo("invalid_client"))
                .header("WWW-Authenticate", startsWith("Basic"));
    }

    @Test
    void aProviderGetsAGrantManagementTokenAndNothingElseWithClientCredentials() throws Exception {
        TestProvider provider = TestProvider.onboard("cc-provider");
        String token = provider.authenticated().formParam("grant_type", "client_credentials")
                .when().post("/token").then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("scope", equalTo("grant_management_query grant_management_revoke"))
                .body("refresh_token", nullValue())
                .body("grant_id", nullValue())
                .extract().path("access_token");

        var claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals(provider.clientId(), claims.getSubject());
        assertEquals(provider.clientId(), claims.getStringClaim("client_id"));
        assertEquals(List.of("bankbridge-grants"), claims.getAudience());
        provider.authenticated().formParam("grant_type", "client_credentials").formParam("scope", "grant_management_query")
                .when().post("/token").then().statusCode(200).body("scope", equalTo("grant_management_query"));
    }

    @ParameterizedTest
    @CsvSource({"ACCOUNT_BASIC", "grant_management_query ACCOUNT_BASIC", "internal.consents.read", "openid",
            "grant_management_revoke internal.consents.decide"})
    void aProviderAskingClientCredentialsForAnyOtherScopeGetsInvalidScope(String scope) {
        TestProvider provider = TestProvider.onboard("cc-provider-scope");
        provider.authenticated().formParam("grant_type", "client_credentials").formParam("scope", scope)
                .when().post("/token").then().statusCode(400).body("error", equalTo("invalid_scope"));
    }

    @Test
    void anInternalClientCannotAskForAGrantManagementScope() {
        as("consent-service").formParam("scope", "grant_management_query")
                .when().post("/token").then().statusCode(400).body("error", equalTo("invalid_scope"));
    }

    @Test
    void firstPartyClientCannotUseClientCredentials() {
        given().contentType(ContentType.URLENC)
                .header("Authorization", TestProvider.basic("security-center", CoreTestSecrets.SECURITY_CENTER))
                .formParam("grant_type", "client_credentials")
                .when().post("/token").then().statusCode(400).body("error", equalTo("unauthorized_client"));
    }

    @Test
    void tokenServiceMintsItsOwnInternalTokensVerifiableWithTheJwks() throws Exception {
        String token = internalTokens.internalToken().await().atMost(Duration.ofSeconds(10));
        var jwt = SignedJWT.parse(token);

        assertEquals("token-service", jwt.getJWTClaimsSet().getSubject());
        assertEquals(List.of("bankbridge-internal"), jwt.getJWTClaimsSet().getAudience());
        assertEquals("internal.accounts.list internal.consents.decide internal.consents.read",
                jwt.getJWTClaimsSet().getStringClaim("scope"));
        String kid = jwt.getHeader().getKeyID();
        given().when().get("/jwks").then().statusCode(200)
                .body("keys.find { it.kid == '" + kid + "' }.alg", equalTo(jwt.getHeader().getAlgorithm().getName()));
        Grants.introspect(token).statusCode(200).body("active", equalTo(true)).body("sub", equalTo("token-service"));
    }
}
