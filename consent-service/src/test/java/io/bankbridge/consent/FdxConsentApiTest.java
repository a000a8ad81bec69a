package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.authorized;
import static io.bankbridge.consent.ConsentFixtures.authorizedLongAgo;
import static io.bankbridge.consent.ConsentFixtures.decideToken;
import static io.bankbridge.consent.ConsentFixtures.internalGet;
import static io.bankbridge.consent.ConsentFixtures.newCustomer;
import static io.bankbridge.consent.ConsentFixtures.pending;
import static io.bankbridge.consent.ConsentFixtures.providerToken;
import static io.bankbridge.consent.ConsentFixtures.readToken;
import static io.bankbridge.consent.ConsentFixtures.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The provider consent API in FDX 6's shapes: {@code ConsentGrant} for a client that asks for it by media type (and
 * the service's own consent JSON, unchanged, for everyone else), and revocation with a
 * {@code ConsentRevocationRequest} whose reason and initiator the revocation history then shows.
 */
@QuarkusTest
class FdxConsentApiTest {

    private static final String FDX = "application/vnd.fdx.consent-grant.v6+json";

    private static ValidatableResponse read(String token, String id, String accept) {
        return given().auth().oauth2(token).accept(accept).when().get("/consents/" + id).then();
    }

    private static ValidatableResponse revoke(String token, String id, Object body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().put("/consents/" + id + "/revocation").then();
    }

    /** The consent's revocation history, FDX's ConsentRevocationList. */
    private static ValidatableResponse revocations(String token, String id) {
        return given().auth().oauth2(token).when().get("/consents/" + id + "/revocation").then().statusCode(200);
    }

    @Test
    void aClientThatAsksForTheFdxTypeGetsTheConsentGrant() {
        String customer = newCustomer();
        String id = authorized(customer, "budget-app");
        JsonPath consent = internalGet(id);
        read(providerToken(customer, "budget-app", id), id, FDX)
                .statusCode(200)
                .contentType(FDX)
                .header("Vary", containsString("Accept"))
                .body("id", equalTo(id))
                .body("status", equalTo("ACTIVE"))
                .body("parties.type", contains("DATA_RECIPIENT", "DATA_PROVIDER"))
                .body("parties.name", contains("App budget-app", "Bankbridge"))
                .body("createdTime", equalTo(consent.getString("createdAt")))
                .body("updatedTime", equalTo(consent.getString("authorizedAt")))
                .body("expirationTime", equalTo(consent.getString("expiresAt")))
                .body("durationType", equalTo("TIME_BOUND"))
                .body("durationPeriod", equalTo(90))
                .body("$", not(hasKey("lookbackPeriod")))
                .body("$", not(hasKey("customerId")))
                .body("resources", equalTo(List.of(
                        resource("ACCOUNT", "ACC-1", "ACCOUNT_BASIC", "TRANSACTIONS"),
                        resource("ACCOUNT", "ACC-2", "ACCOUNT_BASIC", "TRANSACTIONS"))));
    }

    private static Map<String, Object> resource(String type, String id, String... clusters) {
        return Map.of("resourceType", type, "resourceId", id, "dataClusters", List.of(clusters));
    }

    @Test
    void plainJsonAndNoAcceptKeepTodaysShape() {
        String customer = newCustomer();
        String id = authorized(customer, "budget-app");
        String token = providerToken(customer, "budget-app", id);
        for (String accept : List.of("application/json", "*/*", "application/json, " + FDX + ";q=0.5",
                "application/*", FDX + ";q=0")) {
            read(token, id, accept)
                    .statusCode(200)
                    .contentType(ContentType.JSON)
                    .header("Vary", containsString("Accept"))
                    .body("status", equalTo("AUTHORIZED"))
                    .body("providerId", equalTo("budget-app"))
                    .body("dataClusters", contains("ACCOUNT_BASIC", "TRANSACTIONS"))
                    .body("accountIds", contains("ACC-1", "ACC-2"))
                    .body("expiresAt", notNullValue())
                    .body("history.event", contains("CREATED", "AUTHORIZED"))
                    .body("$", not(hasKey("parties")));
        }
        given().auth().oauth2(token).when().get("/consents/" + id)
                .then().statusCode(200).contentType(ContentType.JSON).body("status", equalTo("AUTHORIZED"));
    }

    @Test
    void theFdxTypeWinsOverAWildcardAndLosesToAPreferredJson() {
        String customer = newCustomer();
        String id = authorized(customer, "budget-app");
        String token = providerToken(customer, "budget-app", id);
        read(token, id, FDX + ", */*;q=0.1").statusCode(200).contentType(FDX).body("status", equalTo("ACTIVE"));
        read(token, id, "application/json;q=0.4, " + FDX).statusCode(200).contentType(FDX);
        read(token, id, FDX + ";q=0.4, application/json").statusCode(200).contentType(ContentType.JSON);
        read(token, id, "text/html").statusCode(406).contentType("application/problem+json");
    }

    @Test
    void fdxStatusesFollowTheConsentsLife() {
        String customer = newCustomer();
        String waiting = pending(customer, "budget-app");
        read(providerToken(customer, "budget-app", waiting), waiting, FDX)
                .statusCode(200).body("status", equalTo("PENDING")).body("resources", empty())
                .body("$", not(hasKey("expirationTime")));

        String due = authorizedLongAgo(customer, "budget-app");
        // Past its expiry the grant is expired for the provider even before the expiry job marks it.
        read(providerToken(customer, "budget-app", due), due, FDX).statusCode(200).body("status", equalTo("EXPIRED"));
        assertThat(status(due)).isEqualTo("AUTHORIZED");

        String revoked = authorized(customer, "budget-app");
        ConsentFixtures.revokedByTheBank(revoked);
        read(providerToken(customer, "budget-app", revoked), revoked, FDX)
                .statusCode(200).body("status", equalTo("REVOKED")).body("resources.resourceId", contains("ACC-1", "ACC-2"));

        String declined = ConsentFixtures.declined(customer, "budget-app");
        read(providerToken(customer, "budget-app", declined), declined, FDX)
                .statusCode(200).body("status", equalTo("REVOKED")).body("resources", empty());
    }

    @Test
    void customerDataIsPermissionedOnTheCustomerResource() {
        String customer = newCustomer();
        Map<String, Object> approval = new HashMap<>(ConsentFixtures.approval(ConsentFixtures.newKey(), customer,
                "lender-app", 30));
        approval.put("dataClusters", List.of("ACCOUNT_DETAILED", "CUSTOMER_CONTACT", "CUSTOMER_PERSONAL"));
        approval.put("accountIds", List.of("ACC-9"));
        String id = ConsentFixtures.decide(approval).statusCode(201).extract().path("id");
        read(providerToken(customer, "lender-app", id), id, FDX)
                .statusCode(200)
                .body("durationPeriod", equalTo(30))
                .body("resources", equalTo(List.of(resource("ACCOUNT", "ACC-9", "ACCOUNT_DETAILED"),
                        resource("CUSTOMER", customer, "CUSTOMER_CONTACT", "CUSTOMER_PERSONAL"))));
    }

    @Test
    void aProviderRevokesWithAConsentRevocationRequestAndTheHistoryShowsItsReasonAndInitiator() {
        String customer = newCustomer();
        String id = authorized(customer, "budget-app");
        String token = providerToken(customer, "budget-app", id);
        revoke(token, id, Map.of("reason", "BUSINESS_RULE", "initiator", "DATA_ACCESS_PLATFORM")).statusCode(204);

        revocations(token, id)
                .body("revocations.status", contains("REVOKED"))
                .body("revocations.reason", contains("BUSINESS_RULE"))
                .body("revocations.initiator", contains("DATA_ACCESS_PLATFORM"))
                .body("revocations[0].updatedTime", equalTo(internalGet(id).getString("revokedAt")));
        read(token, id, FDX).statusCode(200).body("status", equalTo("REVOKED"));
        JsonPath consent = internalGet(id);
        assertThat(consent.getString("revokedBy")).isEqualTo("PROVIDER");
        assertThat(consent.getString("revocationReason")).contains("BUSINESS_RULE").contains("DATA_ACCESS_PLATFORM");
        assertThat(consent.getList("history.event")).containsExactly("CREATED", "AUTHORIZED", "REVOKED");

        // The revocation went out like every other: consent.revoked on the topic, through the outbox.
        JsonNode event = RevocationTopic.envelope(RevocationTopic.awaitRecords(id, 1).getFirst());
        assertThat(event.get("type").asText()).isEqualTo(RevocationEventType.CONSENT_REVOKED.type());
        assertThat(event.get("data").get("actor").asText()).isEqualTo("PROVIDER");

        // A second revocation is not one.
        Map<String, String> byTheCustomer = Map.of("reason", "USER_ACTION", "initiator", "INDIVIDUAL");
        revoke(token, id, byTheCustomer).statusCode(409).contentType("application/problem+json");

        // The customer asking the provider to revoke is a user action of the individual.
        String another = authorized(customer, "budget-app");
        String itsToken = providerToken(customer, "budget-app", another);
        revoke(itsToken, another, byTheCustomer).statusCode(204);
        revocations(itsToken, another).body("revocations.reason", contains("USER_ACTION"))
                .body("revocations.initiator", contains("INDIVIDUAL"));
    }

    @Test
    void aRevocationRequestWithoutAKnownReasonAndInitiatorIsRefusedAndRevokesNothing() {
        String customer = newCustomer();
        String id = authorized(customer, "budget-app");
        String token = providerToken(customer, "budget-app", id);
        Map<Object, String> bodies = Map.of(
                Map.of("reason", "CHANGED_MY_MIND", "initiator", "INDIVIDUAL"), "reason must be one of",
                Map.of("reason", "USER_ACTION", "initiator", "MERCHANT"), "initiator must be one of",
                Map.of("reason", "user_action", "initiator", "INDIVIDUAL"), "reason must be one of",
                Map.of("reason", "USER_ACTION"), "initiator must be one of",
                Map.of("initiator", "INDIVIDUAL"), "reason must be one of",
                Map.of("reason", "Customer closed their account"), "reason must be one of");
        bodies.forEach((body, detail) -> revoke(token, id, body)
                .statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString(detail)));
        for (Object notTheShape : List.of(Map.of("reason", List.of("USER_ACTION"), "initiator", "INDIVIDUAL"),
                "{\"reason\":", "[]")) {
            revoke(token, id, notTheShape).statusCode(400).contentType("application/problem+json");
        }
        given().auth().oauth2(token).contentType(ContentType.JSON).when().put("/consents/" + id + "/revocation")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("reason and initiator"));
        assertThat(status(id)).isEqualTo("AUTHORIZED");
        revocations(token, id).body("revocations", empty());
    }

    @Test
    void onlyTheConsentsOwnProviderRevokesItWithARevocationRequest() {
        String customer = newCustomer();
        String id = authorized(customer, "budget-app");
        Map<String, String> body = Map.of("reason", "USER_ACTION", "initiator", "DATA_RECIPIENT");
        given().contentType(ContentType.JSON).body(body).when().put("/consents/" + id + "/revocation")
                .then().statusCode(401).contentType("application/problem+json");
        revoke(readToken(), id, body).statusCode(403).contentType("application/problem+json");
        revoke(decideToken(), id, body).statusCode(403).contentType("application/problem+json");
        revoke(providerToken(customer, "lender-app", id), id, body).statusCode(404).contentType("application/problem+json");
        assertThat(status(id)).isEqualTo("AUTHORIZED");
    }

    @Test
    void onlyTheConsentsOwnProviderReadsItsConsentGrant() {
        String customer = newCustomer();
        String id = authorized(customer, "budget-app");
        given().accept(FDX).when().get("/consents/" + id)
                .then().statusCode(401).contentType("application/problem+json");
        read(readToken(), id, FDX).statusCode(403).contentType("application/problem+json");
        read(providerToken(customer, "lender-app", id), id, FDX)
                .statusCode(404).contentType("application/problem+json").body("id", nullValue());
    }

    @Test
    void theOpenApiDocumentDescribesBothShapesAndTheRevocationRequest() {
        given().queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("paths.'/consents/{id}'.get.responses.'200'.content", hasKey(FDX))
                .body("paths.'/consents/{id}'.get.responses.'200'.content", hasKey("application/json"))
                .body("components.schemas.ConsentGrant.properties", hasKey("parties"))
                .body("paths.'/consents/{id}/revocation'.put.security[0]", hasKey("bearer"))
                .body("components.schemas.ConsentRevocationRequest.properties.initiator.enum", contains("INDIVIDUAL",
                        "MANAGING_ORGANIZATION", "DATA_ACCESS_PLATFORM", "DATA_RECIPIENT", "DATA_PROVIDER"));
    }
}
