package io.bankbridge.consent;

import static io.restassured.RestAssured.given;

import io.bankbridge.consent.security.Access;
import io.bankbridge.consent.service.ExpiryJob;
import io.bankbridge.contract.token.InternalScope;
import io.bankbridge.testsupport.TestClock;
import io.bankbridge.testsupport.TestIssuer;
import io.bankbridge.testsupport.TestIssuerResource;
import io.quarkus.arc.Arc;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
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

    /**
     * A consent still awaiting the customer's decision, as consents were recorded before the decision came in one
     * call: no API makes one any more, so it is written straight to the database.
     */
    static String pending(String customerId, String providerId) {
        UUID id = UUID.randomUUID();
        String[] clusters = {"ACCOUNT_BASIC", "TRANSACTIONS"};
        Pool pool = Arc.container().instance(Pool.class).get();
        pool.withTransaction(sql -> sql.preparedQuery("INSERT INTO consent (id, customer_id, provider_id, provider_name, "
                                + "data_clusters, status, duration_days, created_at) "
                                + "VALUES ($1, $2, $3, $4, $5, 'AWAITING_AUTHORIZATION', 90, now())")
                        .execute(Tuple.of(id, customerId, providerId, providerName(providerId), clusters))
                        .chain(() -> sql.preparedQuery("INSERT INTO consent_history (consent_id, at, event, actor, detail, "
                                        + "state_status, state_account_ids, state_data_clusters) VALUES ($1, now(), "
                                        + "'CREATED', 'PROVIDER', 'Requested ACCOUNT_BASIC, TRANSACTIONS for 90 days', "
                                        + "'AWAITING_AUTHORIZATION', '{}', $2)")
                                .execute(Tuple.of(id, clusters))))
                .await().atMost(Duration.ofSeconds(10));
        return id.toString();
    }

    static String authorized(String customerId, String providerId) {
        return authorized(customerId, providerId, 90);
    }

    /** A consent the customer authorized for ACC-1 and ACC-2 for {@code days} days. */
    static String authorized(String customerId, String providerId, int days) {
        return decide(approval(newKey(), customerId, providerId, days)).statusCode(201).extract().path("id");
    }

    /** A consent the customer declined. */
    static String declined(String customerId, String providerId) {
        return decide(refusal(newKey(), customerId, providerId)).statusCode(201).extract().path("id");
    }

    /** token-service's approval of a request for ACCOUNT_BASIC and TRANSACTIONS (90 days): ACC-1 and ACC-2 for {@code days}. */
    static Map<String, Object> approval(String key, String customerId, String providerId, int days) {
        Map<String, Object> body = new HashMap<>(refusal(key, customerId, providerId));
        body.put("decision", "APPROVED");
        body.put("accountIds", List.of("ACC-1", "ACC-2"));
        body.put("durationDays", days);
        return body;
    }

    /** token-service's refusal of a request for ACCOUNT_BASIC and TRANSACTIONS for 90 days. */
    static Map<String, Object> refusal(String key, String customerId, String providerId) {
        return Map.of("idempotencyKey", key, "decision", "DECLINED", "customerId", customerId, "providerId", providerId,
                "providerName", providerName(providerId), "dataClusters", List.of("ACCOUNT_BASIC", "TRANSACTIONS"),
                "requestedDurationDays", 90);
    }

    /** Records a decision with token-service's internal token. */
    static ValidatableResponse decide(Object body) {
        return given().auth().oauth2(decideToken()).contentType(ContentType.JSON).body(body)
                .when().post("/internal/consents/decisions").then();
    }

    /** An idempotency key as token-service sends one: unique per authorization request. */
    static String newKey() {
        return "session-" + UUID.randomUUID();
    }

    private static String providerName(String providerId) {
        return providerId.equals(PROVIDER) ? PROVIDER_NAME : "App " + providerId;
    }

    /** The bank revokes the consent through the internal API. */
    static void revokedByTheBank(String id) {
        given().auth().oauth2(decideToken()).contentType(ContentType.JSON)
                .body(Map.of("actor", "BANK", "reason", "Fraud suspected"))
                .when().post("/internal/consents/" + id + "/revoke")
                .then().statusCode(200);
    }

    /** An authorized consent past its expiry, expired by the expiry job. */
    static String expired(String customerId, String providerId) {
        String id = authorizedLongAgo(customerId, providerId);
        Arc.container().instance(ExpiryJob.class).get().expireAllDue().await().atMost(Duration.ofSeconds(30));
        return id;
    }

    /**
     * A consent the customer authorized for 90 days, 91 days ago: the clock is set back while it is granted, so its
     * expiry has passed at the real time and nothing else is moved.
     */
    static String authorizedLongAgo(String customerId, String providerId) {
        TestClock clock = Arc.container().instance(TestClock.class).get();
        Duration ago = Duration.ofDays(91);
        clock.advance(ago.negated());
        try {
            return authorized(customerId, providerId, 90);
        } finally {
            clock.advance(ago);
        }
    }

    static JsonPath internalGet(String id) {
        return given().auth().oauth2(readToken()).when().get("/internal/consents/" + id)
                .then().statusCode(200).extract().jsonPath();
    }

    static String status(String id) {
        return internalGet(id).getString("status");
    }
}
