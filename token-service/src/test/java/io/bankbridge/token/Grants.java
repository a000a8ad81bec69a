package io.bankbridge.token;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.revocation.contract.RevocationEventCodec;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.bankbridge.testsupport.TopicReader;
import io.bankbridge.token.authorize.BankServicesStandIn;
import io.bankbridge.token.grant.authcode.AuthorizationCodeIssuer;
import io.bankbridge.token.grant.authcode.CodeGrant;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;

/** Test steps shared by the grant tests: a code as the pages would issue it, its redemption, refresh, introspection. */
final class Grants {

    static final String TOPIC = "bankbridge.revocations";

    private static final String PENDING_REQUESTS = "SELECT count(*) FROM consent_revocation_requests WHERE consent_id = $1";
    private static final String OWN_EVENTS = "SELECT count(*) FROM revocation_outbox WHERE event_key = $1";

    private Grants() {
    }

    /**
     * Sends {@code requests} together, each from a thread of its own, all released at the same instant, with
     * {@code send}; returns the status codes in the order of the requests.
     */
    static List<Integer> statusesAtOnce(List<RequestSpecification> requests, Function<RequestSpecification, Response> send)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService threads = Executors.newFixedThreadPool(requests.size())) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (RequestSpecification request : requests) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return send.apply(request).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        }
    }

    /** A code for the provider, as the consent page issues it after the customer approved. */
    static String code(AuthorizationCodeIssuer codes, TestProvider provider, String consentId, String verifier,
                       List<String> scopes, String nonce) {
        BankServicesStandIn.granted(consentId, provider.clientId());
        return codes.issue(new CodeGrant(provider.clientId(), TestProvider.REDIRECT_URI, "CUS-C-0001", consentId, scopes,
                TestProvider.challenge(verifier), nonce, Instant.now(), null)).await().atMost(Duration.ofSeconds(10));
    }

    /** A code for a consent that ends at {@code consentExpiresAt}. */
    static String code(AuthorizationCodeIssuer codes, TestProvider provider, String consentId, String verifier,
                       Instant consentExpiresAt) {
        BankServicesStandIn.granted(consentId, provider.clientId());
        return codes.issue(new CodeGrant(provider.clientId(), TestProvider.REDIRECT_URI, "CUS-C-0001", consentId,
                TestProvider.CLUSTERS, TestProvider.challenge(verifier), null, Instant.now(), consentExpiresAt))
                .await().atMost(Duration.ofSeconds(10));
    }

    static ValidatableResponse redeem(TestProvider provider, String code, String verifier) {
        return provider.authenticated()
                .formParam("grant_type", "authorization_code")
                .formParam("code", code)
                .formParam("redirect_uri", TestProvider.REDIRECT_URI)
                .formParam("code_verifier", verifier)
                .when().post("/token").then();
    }

    /** Runs the code flow for a new consent and returns the token response. */
    static JsonPath tokens(AuthorizationCodeIssuer codes, TestProvider provider, String consentId) {
        String verifier = TestProvider.verifier();
        String code = code(codes, provider, consentId, verifier, TestProvider.CLUSTERS, null);
        return redeem(provider, code, verifier).statusCode(200).extract().jsonPath();
    }

    static ValidatableResponse refresh(TestProvider provider, String refreshToken) {
        return provider.authenticated()
                .formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refreshToken)
                .when().post("/token").then();
    }

    /** Introspection as the bank's consent-service (internal clients may introspect any token). */
    static ValidatableResponse introspect(String token) {
        return given().contentType(ContentType.URLENC)
                .header("Authorization", TestProvider.basic("consent-service", CoreTestSecrets.CONSENT_SERVICE))
                .formParam("token", token)
                .when().post("/introspect").then();
    }

    static String newConsentId() {
        return UUID.randomUUID().toString();
    }

    /** Waits (bounded) until an event matching the condition is on the real topic, read by a plain consumer. */
    static Optional<RevocationEvent> published(Predicate<RevocationEvent> condition) {
        return TopicReader.awaitRecords(TOPIC, records -> records.stream().map(r -> decode(r.value()))
                        .anyMatch(e -> e != null && condition.test(e)), Duration.ofSeconds(30))
                .stream().map(r -> decode(r.value())).filter(e -> e != null && condition.test(e)).findFirst();
    }

    /**
     * Asserts that the consent ended as consent-service, its one writer, ends it at token-service's request: the
     * request reached consent-service and is no longer pending here, token-service announced nothing itself, and
     * exactly one {@code consent.revoked} is on the topic, from consent-service. Returns that event.
     */
    static RevocationEvent revokedByConsentService(Pool pool, String consentId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> count(pool, PENDING_REQUESTS, consentId) == 0);
        assertThat(BankServicesStandIn.consentCalls().stream()
                .filter(call -> call.operation().equals("revoke") && call.consentId().equals(consentId)))
                .as("revocations consent-service was asked for").hasSize(1);
        assertThat(count(pool, OWN_EVENTS, consentId)).as("events token-service announced about the consent").isZero();
        Predicate<RevocationEvent> revoked = e -> e.type() == RevocationEventType.CONSENT_REVOKED
                && consentId.equals(e.subject());
        published(revoked);
        List<RevocationEvent> events = TopicReader.readAll(TOPIC, Duration.ofSeconds(30)).stream()
                .map(r -> decode(r.value())).filter(e -> e != null && revoked.test(e)).toList();
        assertThat(events).hasSize(1);
        assertThat(events.get(0).source()).isEqualTo("/bankbridge/consent-service");
        return events.get(0);
    }

    private static long count(Pool pool, String query, String consentId) {
        return pool.preparedQuery(query).execute(Tuple.of(consentId)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    private static RevocationEvent decode(String value) {
        return RevocationEventCodec.decode(value) instanceof RevocationEventCodec.Decoded.Event event ? event.event() : null;
    }
}
