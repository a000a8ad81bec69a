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

/** client_credentials: internal tokens for the bank's own services only. */
@QuarkusTest
class ClientCredentialsGrantTest {

    @Inject
    InternalTokenSource internalTokens;

    private static RequestSpecification asConsentService() {
        return given().contentType(ContentType.URLENC)
                .header("Authorization", TestProvider.basic("consent-service", CoreTestSecrets.CONSENT_SERVICE))
                .formParam("grant_type", "client_credentials");
    }

    @Test
    void internalClientGetsAnInternalToken() throws Exception {
        String token = asConsentService().when().post("/token").then()
                .statusCode(200)
                .header("Cache-Control", "no-store")
                .body("token_type", equalTo("Bearer"))
                .body("scope", equalTo("internal"))
                .body("refresh_token", nullValue())
                .extract().path("access_token");

        var claims = SignedJWT.parse(token).getJWTClaimsSet();
        assertEquals("consent-service", claims.getSubject());
        assertEquals("consent-service", claims.getStringClaim("client_id"));
        assertEquals(List.of("bankbridge-internal"), claims.getAudience());
        assertEquals("internal", claims.getStringClaim("scope"));
    }

    @Test
    void accountDataServiceIsAnInternalClientToo() {
        given().contentType(ContentType.URLENC)
                .header("Authorization", TestProvider.basic("account-data-service", CoreTestSecrets.ACCOUNT_DATA_SERVICE))
                .formParam("grant_type", "client_credentials").formParam("scope", "internal")
                .when().post("/token").then().statusCode(200).body("scope", equalTo("internal"));
    }

    @Test
    void otherScopeIsInvalidScope() {
        asConsentService().formParam("scope", "ACCOUNT_BASIC").when().post("/token").then()
                .statusCode(400).body("error", equalTo("invalid_scope"));
    }

    @Test
    void wrongInternalSecretIsInvalidClientWithAChallenge() {
        given().contentType(ContentType.URLENC).header("Authorization", TestProvider.basic("consent-service", "wrong"))
                .formParam("grant_type", "client_credentials")
                .when().post("/token").then().statusCode(401).body("error", equalTo("invalid_client"))
                .header("WWW-Authenticate", startsWith("Basic"));
    }

    @Test
    void providerCannotUseClientCredentials() {
        TestProvider provider = TestProvider.onboard("cc-provider");
        provider.authenticated().formParam("grant_type", "client_credentials")
                .when().post("/token").then().statusCode(400).body("error", equalTo("unauthorized_client"));
    }

    @Test
    void tokenServiceMintsItsOwnInternalTokensVerifiableWithTheJwks() throws Exception {
        String token = internalTokens.internalToken().await().atMost(Duration.ofSeconds(10));
        var jwt = SignedJWT.parse(token);

        assertEquals("token-service", jwt.getJWTClaimsSet().getSubject());
        assertEquals(List.of("bankbridge-internal"), jwt.getJWTClaimsSet().getAudience());
        String kid = jwt.getHeader().getKeyID();
        given().when().get("/jwks").then().statusCode(200)
                .body("keys.find { it.kid == '" + kid + "' }.kty", equalTo("RSA"));
        Grants.introspect(token).statusCode(200).body("active", equalTo(true)).body("sub", equalTo("token-service"));
    }
}
