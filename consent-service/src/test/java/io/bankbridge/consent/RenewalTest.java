package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.authorized;
import static io.bankbridge.consent.ConsentFixtures.decideToken;
import static io.bankbridge.consent.ConsentFixtures.internalGet;
import static io.bankbridge.consent.ConsentFixtures.issuer;
import static io.bankbridge.consent.ConsentFixtures.newCustomer;
import static io.bankbridge.consent.ConsentFixtures.revokedByTheBank;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.bankbridge.consent.security.Access;
import io.bankbridge.consent.service.ExpiryJob;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.bankbridge.testsupport.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Renewal: the customer approves a provider's replace (or merge) of a grant again, for a duration; the consent keeps
 * its id and history and expires that long after the approval. A grant that has ended cannot be renewed.
 */
@QuarkusTest
class RenewalTest {

    private static final String PROVIDER = "budget-app";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Pool pool;
    @Inject
    ExpiryJob expiry;
    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static ValidatableResponse renew(String id, String action, Integer durationDays) {
        Map<String, Object> body = new HashMap<>(Map.of("action", action, "providerId", PROVIDER,
                "dataClusters", List.of("ACCOUNT_BASIC"), "accountIds", List.of("ACC-1")));
        body.put("durationDays", durationDays);
        return given().auth().oauth2(decideToken()).contentType(ContentType.JSON).body(body)
                .when().post("/internal/consents/" + id + "/amend").then();
    }

    @Test
    void anApprovedReplaceWithADurationRenewsTheConsentFromTheApprovalAndItOutlivesItsOldExpiry() {
        String id = authorized(newCustomer(), PROVIDER);
        Instant oldExpiry = Instant.parse(internalGet(id).getString("expiresAt"));

        clock.advanceTo(Duration.ofDays(80));
        Instant approvedAfter = clock.instant().minusMillis(1);
        JsonPath renewed = renew(id, "REPLACE", 365).statusCode(200).extract().jsonPath();

        assertThat(renewed.getString("id")).isEqualTo(id);
        assertThat(renewed.getString("status")).isEqualTo("AUTHORIZED");
        Instant authorizedAt = Instant.parse(renewed.getString("authorizedAt"));
        assertThat(authorizedAt).isAfter(approvedAfter).isBefore(clock.instant().plusMillis(1));
        assertThat(Instant.parse(renewed.getString("expiresAt"))).isEqualTo(authorizedAt.plus(Duration.ofDays(365)));
        assertThat(renewed.getList("history.event")).containsExactly("CREATED", "AUTHORIZED", "REPLACED", "RENEWED");
        assertThat(renewed.getString("history[3].detail")).contains("365 days");
        given().auth().oauth2(issuer().grantManagementToken(PROVIDER, Access.GRANTS_QUERY).sign())
                .when().get("/grants/" + id)
                .then().statusCode(200)
                .body("expires_at", org.hamcrest.Matchers.equalTo(renewed.getString("expiresAt")));
        // Resource servers learn the new expiry with what the grant holds now.
        await().atMost(WAIT).until(() -> RevocationTopic.unsentRows(pool, id) == 0);
        JsonNode update = RevocationTopic.envelope(RevocationTopic.awaitRecords(id, 1).get(0));
        assertThat(update.get("type").asText()).isEqualTo(RevocationEventType.CONSENT_UPDATED.type());
        assertThat(Instant.parse(update.get("data").get("expiresAt").asText()))
                .isEqualTo(Instant.parse(renewed.getString("expiresAt")));

        clock.advanceTo(Duration.ofDays(100));
        assertThat(clock.instant()).isAfter(oldExpiry);
        expiry.expireAllDue().await().atMost(WAIT);
        assertThat(internalGet(id).getString("status")).as("past the old expiry").isEqualTo("AUTHORIZED");
    }

    @Test
    void aMergeApprovedWithADurationRenewsToo() {
        String id = authorized(newCustomer(), PROVIDER);
        clock.advanceTo(Duration.ofDays(10));
        JsonPath renewed = renew(id, "MERGE", 30).statusCode(200).extract().jsonPath();
        assertThat(renewed.getList("history.event")).containsExactly("CREATED", "AUTHORIZED", "MERGED", "RENEWED");
        assertThat(Instant.parse(renewed.getString("expiresAt")))
                .isEqualTo(Instant.parse(renewed.getString("authorizedAt")).plus(Duration.ofDays(30)));
    }

    @Test
    void theRenewedExpiryIsAnnouncedAgainAtItsOwnLeadTimes() {
        String id = authorized(newCustomer(), PROVIDER);
        clock.advanceTo(Duration.ofDays(61));
        expiry.announceAllDue().await().atMost(WAIT);

        clock.advanceTo(Duration.ofDays(80));
        String newExpiry = renew(id, "REPLACE", 60).statusCode(200).extract().path("expiresAt");
        clock.advanceTo(Duration.ofDays(80 + 31));
        expiry.announceAllDue().await().atMost(WAIT);

        await().atMost(WAIT).until(() -> RevocationTopic.unsentRows(pool, id) == 0);
        List<Instant> announcedExpiries = RevocationTopic.awaitRecords(id, 3).stream().map(RevocationTopic::envelope)
                .filter(e -> e.get("type").asText().equals(RevocationEventType.CONSENT_EXPIRING.type()))
                .map(e -> Instant.parse(e.get("data").get("effectiveAt").asText())).toList();
        assertThat(announcedExpiries).hasSize(2);
        assertThat(announcedExpiries.get(1)).isEqualTo(Instant.parse(newExpiry)).isAfter(announcedExpiries.get(0));
    }

    @Test
    void anExpiredOrRevokedConsentCannotBeRenewed() {
        String expiring = authorized(newCustomer(), PROVIDER);
        clock.advanceTo(Duration.ofDays(91));
        renew(expiring, "REPLACE", 90).statusCode(409).contentType("application/problem+json");
        expiry.expireAllDue().await().atMost(WAIT);
        renew(expiring, "REPLACE", 90).statusCode(409).contentType("application/problem+json");
        assertThat(internalGet(expiring).getList("history.event")).containsExactly("CREATED", "AUTHORIZED", "EXPIRED");
        clock.reset();

        String revoked = authorized(newCustomer(), PROVIDER);
        revokedByTheBank(revoked);
        renew(revoked, "MERGE", 90).statusCode(409).contentType("application/problem+json");
        assertThat(internalGet(revoked).getString("status")).isEqualTo("REVOKED");
    }

    @Test
    void aRenewalForMoreThanAYearOrNoTimeIsABadRequest() {
        String id = authorized(newCustomer(), PROVIDER);
        String expiresAt = internalGet(id).getString("expiresAt");
        renew(id, "REPLACE", 366).statusCode(400).contentType("application/problem+json");
        renew(id, "REPLACE", 0).statusCode(400).contentType("application/problem+json");
        assertThat(internalGet(id).getString("expiresAt")).isEqualTo(expiresAt);
        assertThat(internalGet(id).getList("history.event")).containsExactly("CREATED", "AUTHORIZED");
    }
}
