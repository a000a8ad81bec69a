package io.bankbridge.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.token.authorize.BankServicesStandIn;
import io.bankbridge.token.grant.authcode.AuthorizationCodeIssuer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A consent token-service ends itself is revoked by consent-service at its request, and nothing is lost while
 * consent-service is away: the grant ends here at once, and the request waits in token-service's database until
 * consent-service answers.
 */
@QuarkusTest
class ConsentRevocationRequestTest {

    private static final String PENDING = "SELECT attempts, last_error FROM consent_revocation_requests "
            + "WHERE consent_id = $1";

    @Inject
    AuthorizationCodeIssuer codes;

    @Inject
    Pool pool;

    /** consent-service's outage counts in its circuit breaker: later tests start with every breaker closed. */
    @AfterEach
    void consentServiceBack() {
        BankServicesStandIn.failing(false);
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Test
    void withConsentServiceDownARevokedRefreshTokenIsRefusedAtOnceAndTheRevocationIsSentWhenItIsBack() {
        TestProvider provider = TestProvider.onboard("revoke-owner-down");
        String consentId = Grants.newConsentId();
        JsonPath tokens = Grants.tokens(codes, provider, consentId);

        BankServicesStandIn.failing(true);
        provider.authenticated().formParam("token", tokens.getString("refresh_token"))
                .formParam("token_type_hint", "refresh_token")
                .when().post("/revoke").then().statusCode(200);

        Grants.refresh(provider, tokens.getString("refresh_token")).statusCode(400).body("error", equalTo("invalid_grant"));
        Grants.introspect(tokens.getString("access_token")).statusCode(200).body("active", equalTo(false));
        // Sent right after the commit and again on the schedule, refused (503) each time: the request stays.
        await().atMost(Duration.ofSeconds(20)).until(() -> BankServicesStandIn.revokeRequests(consentId) >= 2);
        List<Row> pending = pending(consentId);
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).getInteger("attempts")).isGreaterThanOrEqualTo(1);
        assertThat(pending.get(0).getString("last_error")).contains("503");

        BankServicesStandIn.failing(false);

        var event = Grants.revokedByConsentService(pool, consentId);
        assertThat(event.data().actor()).isEqualTo(Actor.PROVIDER);
        assertThat(BankServicesStandIn.revokeRequests(consentId)).isGreaterThanOrEqualTo(3);
        assertThat(pending(consentId)).isEmpty();
    }

    @Test
    void aConsentThatConsentServiceEndedAlreadySettlesTheRequestWithoutASecondRevocation() {
        TestProvider provider = TestProvider.onboard("revoke-owner-ended");
        String consentId = Grants.newConsentId();
        JsonPath tokens = Grants.tokens(codes, provider, consentId);
        // consent-service revoked it, and its event has not reached token-service yet.
        BankServicesStandIn.endConsent(consentId, "REVOKED");

        provider.authenticated().formParam("token", tokens.getString("refresh_token"))
                .when().post("/revoke").then().statusCode(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> pending(consentId).isEmpty());
        assertThat(BankServicesStandIn.revokeRequests(consentId)).as("answered 409 once, not retried").isEqualTo(1);
        assertThat(BankServicesStandIn.consentCalls().stream()
                .filter(call -> call.operation().equals("revoke") && call.consentId().equals(consentId))).isEmpty();
        Grants.refresh(provider, tokens.getString("refresh_token")).statusCode(400).body("error", equalTo("invalid_grant"));
    }

    private List<Row> pending(String consentId) {
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery(PENDING).execute(Tuple.of(consentId)).await().atMost(Duration.ofSeconds(10)).forEach(rows::add);
        return rows;
    }
}
