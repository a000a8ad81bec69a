package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.authorized;
import static io.bankbridge.consent.ConsentFixtures.decideToken;
import static io.bankbridge.consent.ConsentFixtures.internalGet;
import static io.bankbridge.consent.ConsentFixtures.issuer;
import static io.bankbridge.consent.ConsentFixtures.newCustomer;
import static io.bankbridge.consent.ConsentFixtures.providerToken;
import static io.bankbridge.consent.ConsentFixtures.readToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.bankbridge.consent.security.Access;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Grant Management for OAuth 2.0 on consent-service: a provider queries and revokes its grants at /grants with a
 * client_credentials token, and token-service merges into or replaces a grant the customer approved again.
 */
@QuarkusTest
class GrantManagementTest {

    private static final String PROVIDER = "budget-app";

    private static String grantToken(String provider, String... scopes) {
        return issuer().grantManagementToken(provider, scopes).sign();
    }

    @Test
    void aProviderQueriesItsGrantsScopesAuthorizationDetailsAndAccounts() {
        String id = authorized(newCustomer(), PROVIDER);
        given().auth().oauth2(grantToken(PROVIDER, Access.GRANTS_QUERY)).when().get("/grants/" + id)
                .then().statusCode(200)
                .body("scopes.scope", contains("ACCOUNT_BASIC TRANSACTIONS"))
                .body("authorization_details[0].type", equalTo("bankbridge_data_access"))
                .body("authorization_details[0].dataClusters", contains("ACCOUNT_BASIC", "TRANSACTIONS"))
                .body("authorization_details[0].accountIds", contains("ACC-1", "ACC-2"))
                .body("status", equalTo("AUTHORIZED"))
                .body("expires_at", notNullValue());
    }

    @Test
    void anotherProvidersGrantIsNotFoundForQueryOrRevocation() {
        String id = authorized(newCustomer(), PROVIDER);
        String intruder = grantToken("lender-app", Access.GRANTS_QUERY, Access.GRANTS_REVOKE);
        given().auth().oauth2(intruder).when().get("/grants/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(intruder).when().delete("/grants/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        assertThat(internalGet(id).getString("status")).isEqualTo("AUTHORIZED");
    }

    @Test
    void aTokenWithoutTheOperationsScopeIsRefusedWithInsufficientScope() {
        String id = authorized(newCustomer(), PROVIDER);
        insufficient(given().auth().oauth2(grantToken(PROVIDER, Access.GRANTS_REVOKE)).when().get("/grants/" + id),
                Access.GRANTS_QUERY);
        insufficient(given().auth().oauth2(grantToken(PROVIDER, Access.GRANTS_QUERY)).when().delete("/grants/" + id),
                Access.GRANTS_REVOKE);
        assertThat(internalGet(id).getString("status")).isEqualTo("AUTHORIZED");
    }

    @Test
    void theProvidersDataTokenAndAnInternalTokenAreTheWrongKindOfCredential() {
        String customer = newCustomer();
        String id = authorized(customer, PROVIDER);
        insufficient(given().auth().oauth2(providerToken(customer, PROVIDER, id)).when().get("/grants/" + id),
                Access.GRANTS_QUERY);
        // A grant management scope counts only in a grant management token.
        String internal = issuer().internalToken("token-service", Access.CONSENTS_DECIDE, Access.GRANTS_REVOKE);
        insufficient(given().auth().oauth2(internal).when().delete("/grants/" + id), Access.GRANTS_REVOKE);
        assertThat(internalGet(id).getString("status")).isEqualTo("AUTHORIZED");
    }

    @Test
    void withoutAValidTokenTheAnswerIs401WithABearerChallenge() {
        String id = authorized(newCustomer(), PROVIDER);
        given().when().get("/grants/" + id)
                .then().statusCode(401).header("WWW-Authenticate", containsString("Bearer"));
        given().auth().oauth2(issuer().grantManagementToken(PROVIDER, Access.GRANTS_REVOKE).audience("another-api").sign())
                .when().delete("/grants/" + id)
                .then().statusCode(401).header("WWW-Authenticate", containsString("invalid_token"));
        assertThat(internalGet(id).getString("status")).isEqualTo("AUTHORIZED");
    }

    @Test
    void revokingAGrantRevokesTheConsentAndAnnouncesItLikeEveryRevocation() {
        String id = authorized(newCustomer(), PROVIDER);
        given().auth().oauth2(grantToken(PROVIDER, Access.GRANTS_REVOKE)).when().delete("/grants/" + id)
                .then().statusCode(204);
        JsonPath consent = internalGet(id);
        assertThat(consent.getString("status")).isEqualTo("REVOKED");
        assertThat(consent.getString("revokedBy")).isEqualTo("PROVIDER");
        List<ConsumerRecord<String, String>> records = RevocationTopic.awaitRecords(id, 1);
        assertThat(RevocationTopic.envelope(records.get(0)).get("type").asText())
                .isEqualTo(RevocationEventType.CONSENT_REVOKED.type());
        // Once revoked, the grant is gone for its provider.
        given().auth().oauth2(grantToken(PROVIDER, Access.GRANTS_QUERY, Access.GRANTS_REVOKE)).when().get("/grants/" + id)
                .then().statusCode(404);
        given().auth().oauth2(grantToken(PROVIDER, Access.GRANTS_REVOKE)).when().delete("/grants/" + id)
                .then().statusCode(404);
    }

    @Test
    void aMergeAddsClustersAndAccountsAndKeepsTheIdExpiryAndHistory() {
        String id = authorized(newCustomer(), PROVIDER);
        String expiry = internalGet(id).getString("expiresAt");
        amend(id, PROVIDER, "MERGE", List.of("ACCOUNT_DETAILED", "ACCOUNT_BASIC"), List.of("ACC-3", "ACC-1"))
                .statusCode(200)
                .body("id", equalTo(id))
                .body("dataClusters", contains("ACCOUNT_BASIC", "TRANSACTIONS", "ACCOUNT_DETAILED"))
                .body("accountIds", contains("ACC-1", "ACC-2", "ACC-3"))
                .body("expiresAt", equalTo(expiry))
                .body("history.event", contains("CREATED", "AUTHORIZED", "MERGED"));
        given().auth().oauth2(grantToken(PROVIDER, Access.GRANTS_QUERY)).when().get("/grants/" + id)
                .then().statusCode(200)
                .body("authorization_details[0].accountIds", contains("ACC-1", "ACC-2", "ACC-3"));
        // What the grant holds now reaches every resource server.
        List<ConsumerRecord<String, String>> records = RevocationTopic.awaitRecords(id, 1);
        assertThat(RevocationTopic.envelope(records.get(0)).get("type").asText())
                .isEqualTo(RevocationEventType.CONSENT_UPDATED.type());
        assertThat(RevocationTopic.envelope(records.get(0)).get("data").get("accountIds").toString())
                .isEqualTo("[\"ACC-1\",\"ACC-2\",\"ACC-3\"]");
    }

    @Test
    void aReplaceGrantsExactlyWhatWasApprovedNow() {
        String id = authorized(newCustomer(), PROVIDER);
        amend(id, PROVIDER, "REPLACE", List.of("ACCOUNT_DETAILED"), List.of("ACC-9"))
                .statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("AUTHORIZED"))
                .body("dataClusters", contains("ACCOUNT_DETAILED"))
                .body("accountIds", contains("ACC-9"))
                .body("history.event", contains("CREATED", "AUTHORIZED", "REPLACED"));
    }

    @Test
    void anAmendmentOfAnotherProvidersOrAnEndedGrantIsRefused() {
        String id = authorized(newCustomer(), PROVIDER);
        amend(id, "lender-app", "MERGE", List.of("ACCOUNT_DETAILED"), List.of("ACC-3"))
                .statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(grantToken(PROVIDER, Access.GRANTS_REVOKE)).when().delete("/grants/" + id)
                .then().statusCode(204);
        amend(id, PROVIDER, "REPLACE", List.of("ACCOUNT_DETAILED"), List.of("ACC-3"))
                .statusCode(409).contentType("application/problem+json");
    }

    @Test
    void anAmendmentWithoutActionClustersOrAccountsIsABadRequest() {
        String id = authorized(newCustomer(), PROVIDER);
        amend(id, PROVIDER, null, List.of("ACCOUNT_DETAILED"), List.of("ACC-3")).statusCode(400);
        amend(id, PROVIDER, "MERGE", List.of("NOT_A_CLUSTER"), List.of("ACC-3")).statusCode(400);
        amend(id, PROVIDER, "MERGE", List.of("ACCOUNT_DETAILED"), List.of()).statusCode(400);
        given().auth().oauth2(decideToken()).contentType(ContentType.JSON).body("{\"action\":\"DELETE\"}")
                .when().post("/internal/consents/" + id + "/amend")
                .then().statusCode(400).contentType("application/problem+json");
        assertThat(internalGet(id).getList("history.event")).containsExactly("CREATED", "AUTHORIZED");
    }

    @Test
    void onlyTheDecideCapabilityAmendsAGrant() {
        String id = authorized(newCustomer(), PROVIDER);
        Map<String, Object> body = Map.of("action", "MERGE", "providerId", PROVIDER, "dataClusters", List.of("ACCOUNT_DETAILED"),
                "accountIds", List.of("ACC-3"));
        given().contentType(ContentType.JSON).body(body).when().post("/internal/consents/" + id + "/amend")
                .then().statusCode(401);
        given().auth().oauth2(readToken()).contentType(ContentType.JSON).body(body)
                .when().post("/internal/consents/" + id + "/amend")
                .then().statusCode(403).header("WWW-Authenticate", containsString("insufficient_scope"));
        given().auth().oauth2(grantToken(PROVIDER, Access.GRANTS_QUERY, Access.GRANTS_REVOKE)).contentType(ContentType.JSON)
                .body(body).when().post("/internal/consents/" + id + "/amend")
                .then().statusCode(403);
        assertThat(internalGet(id).getList("accountIds")).containsExactly("ACC-1", "ACC-2");
    }

    private static ValidatableResponse amend(String id, String provider, String action, List<String> clusters,
                                             List<String> accounts) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("providerId", provider, "dataClusters", clusters,
                "accountIds", accounts));
        body.put("action", action);
        return given().auth().oauth2(decideToken()).contentType(ContentType.JSON).body(body)
                .when().post("/internal/consents/" + id + "/amend").then();
    }

    private static void insufficient(io.restassured.response.Response response, String scope) {
        response.then().statusCode(403).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""))
                .header("WWW-Authenticate", containsString("scope=\"" + scope + "\""));
    }
}
