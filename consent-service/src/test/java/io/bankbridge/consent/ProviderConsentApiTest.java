package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.authorized;
import static io.bankbridge.consent.ConsentFixtures.internalGet;
import static io.bankbridge.consent.ConsentFixtures.newCustomer;
import static io.bankbridge.consent.ConsentFixtures.providerToken;
import static io.bankbridge.consent.ConsentFixtures.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The FDX-style consent API for providers: read and revoke their own consents, and nobody else's. */
@QuarkusTest
class ProviderConsentApiTest {

    @Test
    void aProviderReadsItsOwnConsentWithStatusClustersAccountsExpiryAndHistory() {
        String customer = newCustomer();
        String id = authorized(customer, "budget-app");
        given().auth().oauth2(providerToken(customer, "budget-app", id)).when().get("/consents/" + id)
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("AUTHORIZED"))
                .body("dataClusters", contains("ACCOUNT_BASIC", "TRANSACTIONS"))
                .body("accountIds", contains("ACC-1", "ACC-2"))
                .body("expiresAt", notNullValue())
                .body("history.event", contains("CREATED", "AUTHORIZED"));
    }

    @Test
    void aProviderCannotReadAnotherProvidersConsent() {
        String customer = newCustomer();
        String id = authorized(customer, "budget-app");
        given().auth().oauth2(providerToken(customer, "lender-app", id)).when().get("/consents/" + id)
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aProviderCannotRevokeAnotherProvidersConsentEitherWay() {
        String customer = newCustomer();
        String id = authorized(customer, "budget-app");
        String intruder = providerToken(customer, "lender-app", id);
        given().auth().oauth2(intruder).when().delete("/consents/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(intruder).contentType(ContentType.JSON)
                .body(Map.of("reason", "USER_ACTION", "initiator", "DATA_RECIPIENT"))
                .when().put("/consents/" + id + "/revocation")
                .then().statusCode(404).contentType("application/problem+json");
        assertThat(status(id)).isEqualTo("AUTHORIZED");
    }

    @Test
    void aProviderRevokesItsConsentWithDelete() {
        String customer = newCustomer();
        String id = authorized(customer, "budget-app");
        given().auth().oauth2(providerToken(customer, "budget-app", id)).when().delete("/consents/" + id)
                .then().statusCode(204);
        JsonPath consent = internalGet(id);
        assertThat(consent.getString("status")).isEqualTo("REVOKED");
        assertThat(consent.getString("revokedBy")).isEqualTo("PROVIDER");
    }

    @Test
    void aProviderRevokesItsConsentWithAReasonThroughTheRevocationResource() {
        String customer = newCustomer();
        String id = authorized(customer, "budget-app");
        String token = providerToken(customer, "budget-app", id);
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("reason", "USER_ACTION", "initiator", "INDIVIDUAL"))
                .when().put("/consents/" + id + "/revocation")
                .then().statusCode(204);
        given().auth().oauth2(token).when().get("/consents/" + id)
                .then().statusCode(200)
                .body("status", equalTo("REVOKED"))
                .body("revokedBy", equalTo("PROVIDER"))
                .body("revocationReason", equalTo("Revoked by the provider (reason USER_ACTION, initiated by INDIVIDUAL)"))
                .body("history[2].event", equalTo("REVOKED"));
        // Revoking twice is not a second revocation.
        given().auth().oauth2(token).when().delete("/consents/" + id)
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void aProviderReadsTheRevocationHistoryOfItsConsentWhoRevokedAndWhen() {
        String customer = newCustomer();
        String id = authorized(customer, "budget-app");
        String token = providerToken(customer, "budget-app", id);
        given().auth().oauth2(token).when().get("/consents/" + id + "/revocation")
                .then().statusCode(200).body("revocations", org.hamcrest.Matchers.empty());

        given().auth().oauth2(token).when().delete("/consents/" + id).then().statusCode(204);
        String revokedAt = internalGet(id).getString("revokedAt");
        given().auth().oauth2(token).when().get("/consents/" + id + "/revocation")
                .then().statusCode(200)
                .body("revocations.status", contains("REVOKED"))
                .body("revocations.initiator", contains("DATA_RECIPIENT"))
                .body("revocations.reason", contains("USER_ACTION"))
                .body("revocations[0].updatedTime", equalTo(revokedAt));

        String byTheBank = authorized(customer, "budget-app");
        ConsentFixtures.revokedByTheBank(byTheBank);
        given().auth().oauth2(providerToken(customer, "budget-app", byTheBank))
                .when().get("/consents/" + byTheBank + "/revocation")
                .then().statusCode(200)
                .body("revocations.initiator", contains("DATA_PROVIDER"))
                .body("revocations.reason", contains("BUSINESS_RULE"));
    }

    @Test
    void theRevocationHistoryIsAnotherProvidersBusinessOnlyWithItsToken() {
        String customer = newCustomer();
        String id = authorized(customer, "budget-app");
        given().auth().oauth2(providerToken(customer, "lender-app", id)).when().get("/consents/" + id + "/revocation")
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/consents/" + id + "/revocation").then().statusCode(401);
        given().auth().oauth2(ConsentFixtures.readToken()).when().get("/consents/" + id + "/revocation")
                .then().statusCode(403);
    }
}
