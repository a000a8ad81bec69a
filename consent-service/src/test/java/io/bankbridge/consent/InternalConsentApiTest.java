package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.authorized;
import static io.bankbridge.consent.ConsentFixtures.decide;
import static io.bankbridge.consent.ConsentFixtures.decideToken;
import static io.bankbridge.consent.ConsentFixtures.expired;
import static io.bankbridge.consent.ConsentFixtures.internalGet;
import static io.bankbridge.consent.ConsentFixtures.newCustomer;
import static io.bankbridge.consent.ConsentFixtures.newKey;
import static io.bankbridge.consent.ConsentFixtures.pending;
import static io.bankbridge.consent.ConsentFixtures.readToken;
import static io.bankbridge.consent.ConsentFixtures.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.bankbridge.revocation.contract.RevocationEventType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The internal consent API as token-service uses it: every legal transition, and a 409 for every illegal one. */
@QuarkusTest
class InternalConsentApiTest {

    @Inject
    Pool pool;

    @Test
    void anApprovalRecordsTheChosenAccountsAndAnExpiryDurationDaysAfterAuthorization() {
        String customer = newCustomer();
        Map<String, Object> approval = new HashMap<>(ConsentFixtures.approval(newKey(), customer, "demo-budget-app", 365));
        approval.put("accountIds", List.of("ACC-C-0001-1"));
        JsonPath consent = decide(approval).statusCode(201)
                .header("Location", containsString("/internal/consents/"))
                .body("id", notNullValue())
                .body("customerId", equalTo(customer))
                .body("providerId", equalTo("demo-budget-app"))
                .body("providerName", equalTo("Demo Budget App"))
                .body("dataClusters", contains("ACCOUNT_BASIC", "TRANSACTIONS"))
                .body("status", equalTo("AUTHORIZED"))
                .body("accountIds", contains("ACC-C-0001-1"))
                .body("createdAt", notNullValue())
                .body("history.event", contains("CREATED", "AUTHORIZED"))
                .body("history[0].detail", equalTo("Requested ACCOUNT_BASIC, TRANSACTIONS for 90 days"))
                .body("history[1].detail", containsString("ACC-C-0001-1"))
                .extract().jsonPath();
        Instant authorizedAt = Instant.parse(consent.getString("authorizedAt"));
        Instant expiresAt = Instant.parse(consent.getString("expiresAt"));
        assertThat(Duration.between(authorizedAt, expiresAt)).isEqualTo(Duration.ofDays(365));
    }

    @Test
    void aDurationBeyondAYearIsRefusedAsRequestedAndAsApproved() {
        String key = newKey();
        Map<String, Object> approval = new HashMap<>(ConsentFixtures.approval(key, newCustomer(), "p", 30));
        approval.put("requestedDurationDays", 366);
        decide(approval).statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("requestedDurationDays"));
        approval.put("requestedDurationDays", 90);
        approval.put("durationDays", 400);
        decide(approval).statusCode(400).contentType("application/problem+json").body("detail", containsString("durationDays"));
        // nothing was recorded under the key: the corrected decision is the first one
        approval.put("durationDays", 30);
        decide(approval).statusCode(201);
    }

    @Test
    void anUnknownDataClusterIsABadRequest() {
        Map<String, Object> approval = new HashMap<>(ConsentFixtures.approval(newKey(), newCustomer(), "p", 30));
        approval.put("dataClusters", List.of("EVERYTHING"));
        decide(approval).statusCode(400).contentType("application/problem+json").body("detail", containsString("EVERYTHING"));
    }

    @Test
    void malformedJsonIsABadRequestNotAServerError() {
        given().auth().oauth2(decideToken()).contentType(ContentType.JSON).body("{\"customerId\": ")
                .when().post("/internal/consents/decisions")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(decideToken()).contentType(ContentType.JSON)
                .body(Map.of("actor", "SOMEONE", "reason", "x"))
                .when().post("/internal/consents/" + authorized(newCustomer(), "p") + "/revoke")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void anUnknownConsentIsNotFound() {
        given().auth().oauth2(readToken()).when().get("/internal/consents/" + UUID.randomUUID())
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        given().auth().oauth2(readToken()).when().get("/internal/consents/not-a-uuid")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void theStateIsTheConsentsStatusAsItIsNowWithoutHistoryAndOnlyForAnInternalReader() {
        String id = authorized(newCustomer(), "demo-budget-app");
        given().auth().oauth2(readToken()).when().get("/internal/consents/" + id + "/state")
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("providerId", equalTo("demo-budget-app"))
                .body("status", equalTo("AUTHORIZED"))
                .body("expiresAt", notNullValue())
                .body("history", nullValue());
        given().auth().oauth2(decideToken()).contentType(ContentType.JSON).body(Map.of("actor", "CUSTOMER", "reason", "done"))
                .when().post("/internal/consents/" + id + "/revoke").then().statusCode(200);
        given().auth().oauth2(readToken()).when().get("/internal/consents/" + id + "/state")
                .then().statusCode(200).body("status", equalTo("REVOKED"));

        given().auth().oauth2(readToken()).when().get("/internal/consents/" + UUID.randomUUID() + "/state")
                .then().statusCode(404).contentType("application/problem+json");
        given().when().get("/internal/consents/" + id + "/state")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(ConsentFixtures.providerToken("CUS-C-0001", "demo-budget-app", id))
                .when().get("/internal/consents/" + id + "/state")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void aDeclineRecordsARejectedConsentWithItsReason() {
        decide(ConsentFixtures.refusal(newKey(), newCustomer(), "demo-budget-app"))
                .statusCode(201)
                .body("status", equalTo("REJECTED"))
                .body("accountIds", equalTo(List.of()))
                .body("authorizedAt", nullValue())
                .body("expiresAt", nullValue())
                .body("revocationReason", equalTo("declined by the customer"))
                .body("history.event", contains("CREATED", "REJECTED"))
                .body("history[1].actor", equalTo("CUSTOMER"))
                .body("history[1].detail", equalTo("declined by the customer"));
    }

    @Test
    void revokingAnAuthorizedConsentRecordsWhoAndWhy() {
        String id = authorized(newCustomer(), "demo-budget-app");
        given().auth().oauth2(decideToken()).contentType(ContentType.JSON)
                .body(Map.of("actor", "BANK", "reason", "Fraud suspected"))
                .when().post("/internal/consents/" + id + "/revoke")
                .then().statusCode(200)
                .body("status", equalTo("REVOKED"))
                .body("revokedBy", equalTo("BANK"))
                .body("revocationReason", equalTo("Fraud suspected"))
                .body("revokedAt", notNullValue())
                .body("history.event", contains("CREATED", "AUTHORIZED", "REVOKED"))
                .body("history[2].actor", equalTo("BANK"));
    }

    @Test
    void aRevocationTokenServiceAsksForIsAnnouncedOnceByThisServiceAndARepeatedRequestChangesNothing() {
        String id = authorized(newCustomer(), "demo-budget-app");
        Map<String, String> codeReuse = Map.of("actor", "SYSTEM", "reason", "authorization code presented twice");
        given().auth().oauth2(decideToken()).contentType(ContentType.JSON).body(codeReuse)
                .when().post("/internal/consents/" + id + "/revoke")
                .then().statusCode(200)
                .body("status", equalTo("REVOKED"))
                .body("revokedBy", equalTo("SYSTEM"))
                .body("revocationReason", equalTo("authorization code presented twice"));

        var records = RevocationTopic.awaitRecords(id, 1);
        assertThat(records).hasSize(1);
        var envelope = RevocationTopic.envelope(records.get(0));
        assertThat(envelope.get("type").asText()).isEqualTo(RevocationEventType.CONSENT_REVOKED.type());
        assertThat(envelope.get("source").asText()).isEqualTo("/bankbridge/consent-service");
        assertThat(envelope.get("data").get("actor").asText()).isEqualTo("SYSTEM");

        // token-service retries until it hears an answer: a repeated request is a conflict that announces nothing.
        given().auth().oauth2(decideToken()).contentType(ContentType.JSON).body(codeReuse)
                .when().post("/internal/consents/" + id + "/revoke")
                .then().statusCode(409).contentType("application/problem+json");
        assertThat(RevocationTopic.rows(pool, id)).isEqualTo(1);
        assertThat(internalGet(id).getList("history.event")).containsExactly("CREATED", "AUTHORIZED", "REVOKED");
    }

    @Test
    void revokingNeedsAnInternalTokenThatMayDecideConsents() {
        String id = authorized(newCustomer(), "demo-budget-app");
        Map<String, String> body = Map.of("actor", "SYSTEM", "reason", "x");
        given().contentType(ContentType.JSON).body(body).when().post("/internal/consents/" + id + "/revoke")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(readToken()).contentType(ContentType.JSON).body(body)
                .when().post("/internal/consents/" + id + "/revoke")
                .then().statusCode(403).contentType("application/problem+json");
        assertThat(status(id)).isEqualTo("AUTHORIZED");
    }

    /** Every (state, action) pair the transition table does not allow. */
    static Stream<Arguments> illegalTransitions() {
        return Stream.of(
                Arguments.of("AWAITING_AUTHORIZATION", "revoke"),
                Arguments.of("AWAITING_AUTHORIZATION", "amend"),
                Arguments.of("REJECTED", "revoke"),
                Arguments.of("REJECTED", "amend"),
                Arguments.of("REVOKED", "revoke"),
                Arguments.of("REVOKED", "amend"),
                Arguments.of("EXPIRED", "revoke"),
                Arguments.of("EXPIRED", "amend"));
    }

    @ParameterizedTest(name = "{1} on a {0} consent is a conflict")
    @MethodSource("illegalTransitions")
    void anIllegalTransitionIsAConflictAndChangesNothing(String state, String action) {
        String id = consentIn(state);
        int historyBefore = ConsentFixtures.internalGet(id).getList("history").size();
        Object body = switch (action) {
            case "amend" -> Map.of("action", "MERGE", "providerId", "demo-budget-app",
                    "dataClusters", List.of("ACCOUNT_BASIC"), "accountIds", List.of("ACC-3"));
            default -> Map.of("actor", "CUSTOMER", "reason", "no");
        };
        given().auth().oauth2(decideToken()).contentType(ContentType.JSON).body(body)
                .when().post("/internal/consents/" + id + "/" + action)
                .then().statusCode(409)
                .contentType("application/problem+json")
                .body("status", equalTo(409))
                .body("detail", containsString(state));
        JsonPath after = ConsentFixtures.internalGet(id);
        assertThat(after.getString("status")).isEqualTo(state);
        assertThat(after.getList("history")).hasSize(historyBefore);
    }

    private String consentIn(String state) {
        String customer = newCustomer();
        return switch (state) {
            case "AWAITING_AUTHORIZATION" -> pending(customer, "demo-budget-app");
            case "AUTHORIZED" -> authorized(customer, "demo-budget-app");
            case "REJECTED" -> ConsentFixtures.declined(customer, "demo-budget-app");
            case "REVOKED" -> {
                String id = authorized(customer, "demo-budget-app");
                given().auth().oauth2(decideToken()).contentType(ContentType.JSON)
                        .body(Map.of("actor", "CUSTOMER", "reason", "done"))
                        .when().post("/internal/consents/" + id + "/revoke").then().statusCode(200);
                yield id;
            }
            case "EXPIRED" -> {
                String id = expired(customer, "demo-budget-app");
                assertThat(status(id)).isEqualTo("EXPIRED");
                yield id;
            }
            default -> throw new IllegalArgumentException(state);
        };
    }
}
