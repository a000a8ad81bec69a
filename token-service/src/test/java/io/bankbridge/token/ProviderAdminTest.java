package io.bankbridge.token;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.jwk.JWKSet;
import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.bankbridge.token.client.ProviderDirectory;
import io.bankbridge.token.grant.authcode.AuthorizationCodeIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The provider onboarding API: admin credential, validation, suspension and what suspension revokes. */
@QuarkusTest
class ProviderAdminTest {

    @Inject
    AuthorizationCodeIssuer codes;

    @Inject
    ProviderDirectory directory;

    private static RequestSpecification admin() {
        return given().header("Authorization", TestProvider.adminAuthorization()).contentType(ContentType.JSON);
    }

    private static Map<String, Object> registration(String clientId) {
        return Map.of("clientId", clientId, "name", "Budget Pal", "logoUri", "https://budgetpal.example/logo.png",
                "redirectUris", List.of("https://budgetpal.example/cb"), "allowedClusters", List.of("ACCOUNT_BASIC"),
                "jwks", new JWKSet(TestProvider.rsaKey().toPublicJWK()).toJSONObject(true));
    }

    @Test
    void adminApiWithoutCredentialIsUnauthorizedProblem() {
        given().when().get("/admin/providers").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401))
                .header("WWW-Authenticate", startsWith("Basic"));
    }

    @Test
    void adminApiWithWrongCredentialIsUnauthorizedProblem() {
        given().header("Authorization", TestProvider.basic("admin", "not-the-secret"))
                .when().get("/admin/providers").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void adminApiWithAnotherUserAndTheAdminSecretIsUnauthorizedProblem() {
        given().header("Authorization", TestProvider.basic("root", CoreTestSecrets.ADMIN))
                .when().get("/admin/providers").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Basic"));
    }

    @Test
    @TestSecurity(user = "auditor", roles = "auditor", authMechanism = "basic")
    void identityWithoutTheAdminRoleIsForbiddenProblem() {
        given().when().get("/admin/providers").then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
        given().when().post("/admin/signing-keys/rotate").then().statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void onboardedProviderCanBeReadListedAndFoundByThePages() {
        String clientId = "budget-pal-" + UUID.randomUUID().toString().substring(0, 8);
        admin().body(registration(clientId)).when().post("/admin/providers").then()
                .statusCode(201)
                .header("Location", startsWith("http"))
                .body("clientId", equalTo(clientId))
                .body("status", equalTo("ACTIVE"))
                .body("tokenEndpointAuthMethod", equalTo("private_key_jwt"))
                .body("jwks.keys[0].kty", equalTo("RSA"))
                .body("clientSecret", nullValue());

        admin().when().get("/admin/providers/" + clientId).then().statusCode(200).body("name", equalTo("Budget Pal"))
                .body("logoUri", equalTo("https://budgetpal.example/logo.png"));
        admin().when().get("/admin/providers").then().statusCode(200).body("clientId", hasItem(clientId));
        var provider = directory.find(clientId).await().atMost(Duration.ofSeconds(10)).orElseThrow();
        assertEquals(List.of("https://budgetpal.example/cb"), provider.redirectUris());
        assertTrue(provider.active());
    }

    @Test
    void providerRegistrationWithASharedSecretIsABadRequestProblem() {
        String clientId = "secret-pal-" + UUID.randomUUID().toString().substring(0, 8);
        for (String method : List.of("client_secret_basic", "client_secret_post", "none", "tls_client_auth")) {
            admin().body(Map.of("clientId", clientId, "name", "Secret Pal", "redirectUris", List.of("https://sp.example/cb"),
                            "allowedClusters", List.of("ACCOUNT_BASIC"), "tokenEndpointAuthMethod", method))
                    .when().post("/admin/providers").then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("private_key_jwt"));
        }

        admin().when().get("/admin/providers/" + clientId).then().statusCode(404);
    }

    @Test
    void invalidRegistrationsAreBadRequestProblems() {
        String id = "bad-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> unknownCluster = new java.util.HashMap<>(registration(id));
        unknownCluster.put("allowedClusters", List.of("EVERYTHING"));
        Map<String, Object> plainHttp = new java.util.HashMap<>(registration(id));
        plainHttp.put("redirectUris", List.of("http://budgetpal.example/cb"));
        Map<String, Object> privateKey = new java.util.HashMap<>(registration(id));
        privateKey.put("jwks", new JWKSet(TestProvider.rsaKey()).toJSONObject(false));
        Map<String, Object> noKeys = new java.util.HashMap<>(registration(id));
        noKeys.remove("jwks");

        for (Map<String, Object> body : List.of(unknownCluster, plainHttp, privateKey, noKeys)) {
            admin().body(body).when().post("/admin/providers").then().statusCode(400)
                    .contentType("application/problem+json").body("detail", notNullValue());
        }
        admin().body("{not json").when().post("/admin/providers").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void aRegistrationBreakingItsConstraintsIsAProblemNamingEachFieldAtFault() {
        String id = "fields-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new java.util.HashMap<>(registration(id));
        body.put("name", " ");
        body.put("redirectUris", List.of("https://budgetpal.example/cb", "http://budgetpal.example/cb"));
        body.put("allowedClusters", List.of("EVERYTHING"));
        admin().body(body).when().post("/admin/providers").then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Bad Request"))
                .body("errors.field", contains("allowedClusters[0]", "name", "redirectUris[1]"))
                .body("errors.find { it.field == 'redirectUris[1]' }.message", containsString("https"))
                .body("detail", containsString("name must not be blank"))
                .body("detail", not(containsString("EVERYTHING")));
        admin().when().post("/admin/providers").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("a provider registration is required"));
        admin().when().get("/admin/providers/" + id).then().statusCode(404);
    }

    @Test
    void duplicateAndReservedClientIdsConflict() {
        String clientId = "dup-" + UUID.randomUUID().toString().substring(0, 8);
        admin().body(registration(clientId)).when().post("/admin/providers").then().statusCode(201);
        admin().body(registration(clientId)).when().post("/admin/providers").then().statusCode(409)
                .contentType("application/problem+json");
        admin().body(registration("consent-service")).when().post("/admin/providers").then().statusCode(409);
    }

    @Test
    void unknownProviderIsNotFoundProblem() {
        admin().when().get("/admin/providers/nobody-here").then().statusCode(404).contentType("application/problem+json");
        admin().when().post("/admin/providers/nobody-here/suspend").then().statusCode(404);
    }

    @Test
    void suspensionRevokesTheProvidersGrantsAndIsPublished() {
        TestProvider provider = TestProvider.onboard("suspended");
        JsonPath tokens = Grants.tokens(codes, provider, Grants.newConsentId());

        admin().body(Map.of("reason", "fraud investigation")).when().post("/admin/providers/" + provider.clientId() + "/suspend")
                .then().statusCode(200).body("status", equalTo("SUSPENDED")).body("suspendedAt", notNullValue());

        var event = Grants.published(e -> e.type() == RevocationEventType.PROVIDER_SUSPENDED
                && provider.clientId().equals(e.subject()));
        assertTrue(event.isPresent(), "provider.suspended published for " + provider.clientId());
        assertEquals(Actor.BANK, event.get().data().actor());
        assertEquals("fraud investigation", event.get().data().reason());
        Grants.introspect(tokens.getString("access_token")).statusCode(200).body("active", equalTo(false));
        Grants.refresh(provider, tokens.getString("refresh_token")).statusCode(401).body("error", equalTo("invalid_client"));
        assertTrue(!directory.find(provider.clientId()).await().atMost(Duration.ofSeconds(10)).orElseThrow().active());
    }

    @Test
    void reactivatedProviderAuthenticatesAgainButOldGrantsStayRevoked() {
        TestProvider provider = TestProvider.onboard("reactivated");
        JsonPath tokens = Grants.tokens(codes, provider, Grants.newConsentId());
        admin().when().post("/admin/providers/" + provider.clientId() + "/suspend").then().statusCode(200);

        admin().when().post("/admin/providers/" + provider.clientId() + "/reactivate").then().statusCode(200)
                .body("status", equalTo("ACTIVE"));

        Grants.refresh(provider, tokens.getString("refresh_token")).statusCode(400).body("error", equalTo("invalid_grant"));
        Grants.introspect(tokens.getString("access_token")).statusCode(200).body("active", equalTo(false));
    }

    @Test
    void aGrantMadeRightAfterReactivationIsValidThoughTheSuspensionWasInTheSameSecond() throws InterruptedException {
        TestProvider provider = TestProvider.onboard("reactivated-at-once");
        // Just after a whole second begins, so that suspension, reactivation and the new grant would all fall in it.
        Thread.sleep(1000 - Instant.now().getNano() / 1_000_000 + 10);
        admin().when().post("/admin/providers/" + provider.clientId() + "/suspend").then().statusCode(200);
        admin().when().post("/admin/providers/" + provider.clientId() + "/reactivate").then().statusCode(200);

        JsonPath tokens = Grants.tokens(codes, provider, Grants.newConsentId());

        Grants.introspect(tokens.getString("access_token")).statusCode(200).body("active", equalTo(true));
        Grants.refresh(provider, tokens.getString("refresh_token")).statusCode(200);
    }
}
