package io.bankbridge.consent;

import static io.restassured.RestAssured.given;

import io.bankbridge.consent.security.Access;
import io.bankbridge.consent.service.ExpiryJob;
import io.bankbridge.contract.token.InternalScope;
import io.bankbridge.testsupport.TestIssuer;
import io.bankbridge.testsupport.TestIssuerResource;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Consents in a chosen state, made through the internal API the way token-service makes them. */
final class ConsentFixtures {

    static final String PROVIDER = "demo-budget-app";
    static final String PROVIDER_NAME = "Demo Budget App";
    /** Every internal capability token-service can grant a client, whether or not this service checks it. */
    static final List<String> INTERNAL_SCOPES = Arrays.stream(InternalScope.values())
            .map(InternalScope::value).toList();

    private ConsentFixtures() {
    }

    static TestIssuer issuer() {
        return TestIssuerResource.issuer();
    }

    /** token-service's internal token: it decides consents. */
    static String decideToken() {
        return issuer().internalToken("token-service", Access.CONSENTS_DECIDE);
    }

    /** account-data-service's internal token: it reads consents. */
    static String readToken() {
        return issuer().internalToken("account-data-service", Access.CONSENTS_READ);
    }

    static String providerToken(String customerId, String providerId, String consentId) {
        return issuer().providerToken(customerId, providerId, consentId, "ACCOUNT_BASIC", "TRANSACTIONS").sign();
    }

    static String newCustomer() {
        return "CUS-T-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String pending(String customerId, String providerId) {
        return given().auth().oauth2(decideToken()).contentType(ContentType.JSON)
                .body(Map.of("customerId", customerId, "providerId", providerId, "providerName",
                        providerId.equals(PROVIDER) ? PROVIDER_NAME : "App " + providerId,
                        "dataClusters", List.of("ACCOUNT_BASIC", "TRANSACTIONS"), "durationDays", 90))
                .when().post("/internal/consents")
                .then().statusCode(201).extract().path("id");
    }

    static String authorized(String customerId, String providerId) {
        return authorized(customerId, providerId, 90);
    }

    /** A consent the customer authorized for ACC-1 and ACC-2 for {@code days} days. */
    static String authorized(String customerId, String providerId, int days) {
        String id = pending(customerId, providerId);
        given().auth().oauth2(decideToken()).contentType(ContentType.JSON)
                .body(Map.of("accountIds", List.of("ACC-1", "ACC-2"), "durationDays", days))
                .when().post("/internal/consents/" + id + "/authorize")
                .then().statusCode(200);
        return id;
    }

    /** The bank revokes the consent through the internal API. */
    static void revokedByTheBank(String id) {
        given().auth().oauth2(decideToken()).contentType(ContentType.JSON)
                .body(Map.of("actor", "BANK", "reason", "Fraud suspected"))
                .when().post("/internal/consents/" + id + "/revoke")
                .then().statusCode(200);
    }

    /** An authorized consent moved past its expiry and expired by the expiry job. */
    static String expired(String customerId, String providerId, Pool pool, ExpiryJob expiry) {
        String id = authorized(customerId, providerId);
        makeDue(pool, id);
        expiry.expireAllDue().await().atMost(Duration.ofSeconds(30));
        return id;
    }

    /** Moves an authorized consent's dates back so that its expiry has passed. */
    static void makeDue(Pool pool, String id) {
        pool.preparedQuery("UPDATE consent SET authorized_at = now() - INTERVAL '91 days', "
                        + "expires_at = now() - INTERVAL '1 day' WHERE id = $1")
                .execute(Tuple.of(UUID.fromString(id))).await().atMost(Duration.ofSeconds(10));
    }

    static JsonPath internalGet(String id) {
        return given().auth().oauth2(readToken()).when().get("/internal/consents/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    static String status(String id) {
        return internalGet(id).getString("status");
    }
}
