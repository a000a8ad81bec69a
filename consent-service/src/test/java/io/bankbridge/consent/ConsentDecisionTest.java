package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.approval;
import static io.bankbridge.consent.ConsentFixtures.decide;
import static io.bankbridge.consent.ConsentFixtures.internalGet;
import static io.bankbridge.consent.ConsentFixtures.issuer;
import static io.bankbridge.consent.ConsentFixtures.newCustomer;
import static io.bankbridge.consent.ConsentFixtures.newKey;
import static io.bankbridge.consent.ConsentFixtures.refusal;
import static io.bankbridge.consent.ConsentFixtures.revokedByTheBank;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.bankbridge.consent.security.Access;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The customer's decision in one idempotent call ({@code POST /internal/consents/decisions}): what it records, what a
 * repeated call answers, and who may make it.
 */
@QuarkusTest
class ConsentDecisionTest {

    @Inject
    Pool pool;

    @Test
    void anApprovalRecordsAnAuthorizedConsentWithItsHistoryAndTheGrantStateOfEachLineInOneCall() {
        String customer = newCustomer();
        String id = decide(approval(newKey(), customer, "demo-budget-app", 30)).statusCode(201)
                .contentType(ContentType.JSON)
                .body("status", equalTo("AUTHORIZED"))
                .body("accountIds", contains("ACC-1", "ACC-2"))
                .body("history.event", contains("CREATED", "AUTHORIZED"))
                .body("history.actor", contains("PROVIDER", "CUSTOMER"))
                .extract().path("id");

        // the same consent for every reader, and each history line keeps what its receipt states
        assertThat(internalGet(id).getString("status")).isEqualTo("AUTHORIZED");
        List<Row> lines = historyStates(id);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).getString("state_status")).isEqualTo("AWAITING_AUTHORIZATION");
        assertThat(lines.get(0).getArrayOfStrings("state_account_ids")).isEmpty();
        assertThat(lines.get(1).getString("state_status")).isEqualTo("AUTHORIZED");
        assertThat(lines.get(1).getArrayOfStrings("state_account_ids")).containsExactly("ACC-1", "ACC-2");
        assertThat(lines.get(1).getOffsetDateTime("state_expires_at")).isNotNull();
        // nothing was in force before: like an authorization always did, the approval announces nothing
        assertThat(RevocationTopic.rows(pool, id)).isZero();

        // the consent is one like any other: revoking it announces consent.revoked on the topic
        revokedByTheBank(id);
        assertThat(RevocationTopic.awaitRecords(id, 1)).singleElement()
                .satisfies(r -> assertThat(RevocationTopic.envelope(r).path("type").asText())
                        .isEqualTo(RevocationEventType.CONSENT_REVOKED.type()));
    }

    @Test
    void aRepeatedApprovalAnswersTheSameConsentAndRecordsNothing() {
        String customer = newCustomer();
        Map<String, Object> approval = approval(newKey(), customer, "demo-budget-app", 30);
        String id = decide(approval).statusCode(201).extract().path("id");

        decide(approval).statusCode(200)
                .body("id", equalTo(id))
                .body("status", equalTo("AUTHORIZED"))
                .body("history.event", contains("CREATED", "AUTHORIZED"));

        assertThat(consentsOf(customer)).containsExactly(UUID.fromString(id));
        assertThat(historyStates(id)).hasSize(2);
        assertThat(RevocationTopic.rows(pool, id)).isZero();
    }

    @Test
    void theSameKeyWithAnotherDecisionIsAConflictAndChangesNothing() {
        String customer = newCustomer();
        String key = newKey();
        Map<String, Object> approval = approval(key, customer, "demo-budget-app", 30);
        String id = decide(approval).statusCode(201).extract().path("id");

        Map<String, Object> otherAccounts = new HashMap<>(approval);
        otherAccounts.put("accountIds", List.of("ACC-1"));
        Map<String, Object> shorter = new HashMap<>(approval);
        shorter.put("durationDays", 7);
        for (Map<String, Object> other : List.of(otherAccounts, shorter, refusal(key, customer, "demo-budget-app"))) {
            decide(other).statusCode(409).contentType("application/problem+json")
                    .body("status", equalTo(409))
                    .body("detail", containsString("idempotencyKey"));
        }
        assertThat(consentsOf(customer)).containsExactly(UUID.fromString(id));
        assertThat(internalGet(id).getList("accountIds")).containsExactly("ACC-1", "ACC-2");
        assertThat(historyStates(id)).hasSize(2);
    }

    @Test
    void concurrentCallsWithOneKeyRecordOneConsent() throws Exception {
        String customer = newCustomer();
        Map<String, Object> approval = approval(newKey(), customer, "demo-budget-app", 30);
        int calls = 6;
        List<Callable<ExtractableResponse<Response>>> tasks = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            tasks.add(() -> decide(approval).extract());
        }
        ExecutorService threads = Executors.newFixedThreadPool(calls);
        List<ExtractableResponse<Response>> answers = new ArrayList<>();
        try {
            for (Future<ExtractableResponse<Response>> answer : threads.invokeAll(tasks)) {
                answers.add(answer.get());
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(answers).extracting(ExtractableResponse::statusCode).containsOnly(200, 201)
                .filteredOn(status -> status == 201).hasSize(1);
        assertThat(answers).extracting(a -> a.<String>path("id")).containsOnly(answers.get(0).<String>path("id"));
        assertThat(consentsOf(customer)).hasSize(1);
    }

    @Test
    void aDeclineRecordsARejectedConsentAndARepeatedDeclineTheSameOne() {
        String customer = newCustomer();
        Map<String, Object> refusal = refusal(newKey(), customer, "demo-budget-app");
        String id = decide(refusal).statusCode(201)
                .body("status", equalTo("REJECTED"))
                .body("history.event", contains("CREATED", "REJECTED"))
                .extract().path("id");
        decide(refusal).statusCode(200).body("id", equalTo(id));

        assertThat(consentsOf(customer)).containsExactly(UUID.fromString(id));
        List<Row> lines = historyStates(id);
        assertThat(lines.get(1).getString("state_status")).isEqualTo("REJECTED");
        assertThat(RevocationTopic.rows(pool, id)).isZero();
    }

    @Test
    void aBadBodyIsABadRequestAndRecordsNothing() {
        List<Consumer<Map<String, Object>>> spoilers = List.of(
                body -> body.remove("idempotencyKey"),
                body -> body.put("idempotencyKey", ""),
                body -> body.put("idempotencyKey", "k".repeat(129)),
                body -> body.put("idempotencyKey", "a key with spaces"),
                body -> body.remove("decision"),
                body -> body.put("decision", "MAYBE"),
                body -> body.put("decision", 1),
                body -> body.remove("customerId"),
                body -> body.put("customerId", " "),
                body -> body.put("customerId", "C".repeat(129)),
                body -> body.remove("providerId"),
                body -> body.put("providerName", "N".repeat(201)),
                body -> body.remove("dataClusters"),
                body -> body.put("dataClusters", List.of()),
                body -> body.put("dataClusters", "ACCOUNT_BASIC"),
                body -> body.put("dataClusters", List.of("EVERYTHING")),
                body -> body.remove("requestedDurationDays"),
                body -> body.put("requestedDurationDays", 0),
                body -> body.put("requestedDurationDays", "ninety"),
                body -> body.remove("accountIds"),
                body -> body.put("accountIds", List.of("")),
                body -> body.put("accountIds", List.of("A".repeat(129))),
                body -> body.put("accountIds", java.util.stream.IntStream.range(0, 101).mapToObj(i -> "ACC-" + i).toList()),
                body -> body.put("accountIds", Map.of("id", "ACC-1")),
                body -> body.remove("durationDays"),
                body -> body.put("durationDays", 366),
                body -> body.put("durationDays", "soon"));
        String customer = newCustomer();
        for (int i = 0; i < spoilers.size(); i++) {
            Map<String, Object> body = new HashMap<>(approval(newKey(), customer, "demo-budget-app", 30));
            spoilers.get(i).accept(body);
            decide(body).statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        }
        Map<String, Object> declineWithAccounts = new HashMap<>(refusal(newKey(), customer, "demo-budget-app"));
        declineWithAccounts.put("accountIds", List.of("ACC-1"));
        decide(declineWithAccounts).statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("declined"));
        given().auth().oauth2(ConsentFixtures.decideToken()).contentType(ContentType.JSON)
                .when().post("/internal/consents/decisions")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(ConsentFixtures.decideToken()).contentType(ContentType.JSON).body("[]")
                .when().post("/internal/consents/decisions")
                .then().statusCode(400).contentType("application/problem+json");
        assertThat(consentsOf(customer)).isEmpty();
    }

    @Test
    void aBodyBreakingItsConstraintsIsAProblemNamingEachFieldAtFault() {
        String customer = newCustomer();
        Map<String, Object> body = new HashMap<>(approval(newKey(), customer, "demo-budget-app", 30));
        body.put("customerId", " ");
        body.put("dataClusters", List.of("ACCOUNT_BASIC", "EVERYTHING"));
        body.put("accountIds", List.of("ACC-1", ""));
        body.put("durationDays", 0);
        decide(body).statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Bad Request"))
                .body("status", equalTo(400))
                .body("errors.field", contains("accountIds[1]", "customerId", "dataClusters[1]", "durationDays"))
                .body("errors.find { it.field == 'durationDays' }.message", equalTo("must be between 1 and 365"))
                .body("detail", containsString("customerId must not be blank"))
                .body("detail", containsString("dataClusters[1] must be one of [ACCOUNT_BASIC"))
                .body("detail", containsString(", not EVERYTHING"));
        given().auth().oauth2(ConsentFixtures.decideToken()).contentType(ContentType.JSON)
                .when().post("/internal/consents/decisions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("A JSON request body is required."))
                .body("errors[0].field", nullValue());
        assertThat(consentsOf(customer)).isEmpty();
    }

    @Test
    void onlyAnInternalTokenWithTheDecideScopeMayRecordADecision() {
        String customer = newCustomer();
        Map<String, Object> approval = approval(newKey(), customer, "demo-budget-app", 30);
        given().contentType(ContentType.JSON).body(approval).when().post("/internal/consents/decisions")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", equalTo("Bearer realm=\"bankbridge\""));
        String provider = issuer().providerToken(customer, "demo-budget-app", UUID.randomUUID().toString(),
                "ACCOUNT_BASIC").sign();
        String reader = issuer().internalToken("account-data-service", Access.CONSENTS_READ);
        for (String wrongKind : List.of(provider, reader)) {
            given().auth().oauth2(wrongKind).contentType(ContentType.JSON).body(approval)
                    .when().post("/internal/consents/decisions")
                    .then().statusCode(403).contentType("application/problem+json")
                    .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""));
        }
        assertThat(consentsOf(customer)).isEmpty();
    }

    private List<UUID> consentsOf(String customer) {
        List<UUID> ids = new ArrayList<>();
        pool.preparedQuery("SELECT id FROM consent WHERE customer_id = $1").execute(Tuple.of(customer))
                .await().atMost(Duration.ofSeconds(10)).forEach(r -> ids.add(r.getUUID("id")));
        return ids;
    }

    private List<Row> historyStates(String id) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("SELECT state_status, state_account_ids, state_expires_at FROM consent_history "
                        + "WHERE consent_id = $1 ORDER BY id")
                .execute(Tuple.of(UUID.fromString(id))).await().atMost(Duration.ofSeconds(10)).forEach(rows::add);
        return rows;
    }
}
