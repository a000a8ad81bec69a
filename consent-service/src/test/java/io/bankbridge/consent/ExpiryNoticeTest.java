package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.authorized;
import static io.bankbridge.consent.ConsentFixtures.internalGet;
import static io.bankbridge.consent.ConsentFixtures.newCustomer;
import static io.bankbridge.consent.ConsentFixtures.revokedByTheBank;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.bankbridge.consent.service.ExpiryJob;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.bankbridge.testsupport.TestClock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * consent.expiring goes out on the topic at each lead time before a consent's expiry (30 and 7 days), once per
 * consent and lead time however many instances look, driven by the application's clock.
 */
@QuarkusTest
class ExpiryNoticeTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Pool pool;
    @Inject
    ExpiryJob notices;
    @Inject
    TestClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** Two instances' runs at once, then one more: what several replicas do. */
    private void runTheJobOnSeveralInstances() {
        Uni.join().all(notices.announceAllDue(), notices.announceAllDue()).andFailFast().await().atMost(WAIT);
        notices.announceAllDue().await().atMost(WAIT);
    }

    /** The consent.expiring events on the topic for the consent, once the outbox has published everything for it. */
    private List<JsonNode> noticesOnTheTopic(String consentId, int expected) {
        await().atMost(WAIT).until(() -> RevocationTopic.unsentRows(pool, consentId) == 0);
        return RevocationTopic.awaitRecords(consentId, expected).stream().map(RevocationTopic::envelope).toList();
    }

    private List<String> reasonsOnTheTopic(String consentId, int expected) {
        return noticesOnTheTopic(consentId, expected).stream().map(e -> e.get("data").get("reason").asText()).toList();
    }

    @Test
    void aConsentIsAnnouncedOnceThirtyAndOnceSevenDaysBeforeItsExpiryHoweverManyInstancesLook() {
        String customer = newCustomer();
        String id = authorized(customer, "budget-app");
        String expiresAt = internalGet(id).getString("expiresAt");

        clock.advanceTo(Duration.ofDays(59));
        runTheJobOnSeveralInstances();
        assertThat(RevocationTopic.rows(pool, id)).as("nothing 30 days and more before the expiry").isZero();

        clock.advanceTo(Duration.ofDays(61));
        runTheJobOnSeveralInstances();
        clock.advanceTo(Duration.ofDays(70));
        runTheJobOnSeveralInstances();
        clock.advanceTo(Duration.ofDays(84));
        runTheJobOnSeveralInstances();
        clock.advanceTo(Duration.ofDays(89));
        runTheJobOnSeveralInstances();

        List<JsonNode> events = noticesOnTheTopic(id, 2);
        assertThat(events).hasSize(2);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("type").asText()).isEqualTo(RevocationEventType.CONSENT_EXPIRING.type());
            assertThat(e.get("subject").asText()).isEqualTo(id);
            assertThat(e.get("data").get("customerId").asText()).isEqualTo(customer);
            assertThat(e.get("data").get("actor").asText()).isEqualTo("SYSTEM");
            assertThat(java.time.Instant.parse(e.get("data").get("effectiveAt").asText()))
                    .isEqualTo(java.time.Instant.parse(expiresAt));
        });
        assertThat(events.stream().map(e -> e.get("data").get("reason").asText()))
                .containsExactly("Expires in 30 days unless renewed", "Expires in 7 days unless renewed");
        assertThat(internalGet(id).getString("status")).as("a notice ends nothing").isEqualTo("AUTHORIZED");
    }

    @Test
    void aScanThatComesLateAnnouncesOnlyTheNearestLeadTime() {
        String id = authorized(newCustomer(), "budget-app");

        clock.advanceTo(Duration.ofDays(85));
        runTheJobOnSeveralInstances();

        assertThat(reasonsOnTheTopic(id, 1)).containsExactly("Expires in 7 days unless renewed");
    }

    @Test
    void aConsentAuthorizedForLessThanALeadTimeIsAnnouncedOnlyAtTheLeadTimesItLives() {
        String id = authorized(newCustomer(), "budget-app", 20);

        clock.advanceTo(Duration.ofDays(1));
        runTheJobOnSeveralInstances();
        assertThat(RevocationTopic.rows(pool, id)).as("no 30-day notice for a 20-day consent").isZero();

        clock.advanceTo(Duration.ofDays(14));
        runTheJobOnSeveralInstances();
        assertThat(reasonsOnTheTopic(id, 1)).containsExactly("Expires in 7 days unless renewed");
    }

    @Test
    void aRevokedConsentIsNotAnnounced() {
        String id = authorized(newCustomer(), "budget-app");
        revokedByTheBank(id);

        clock.advanceTo(Duration.ofDays(85));
        runTheJobOnSeveralInstances();

        assertThat(noticesOnTheTopic(id, 1).stream().map(e -> e.get("type").asText()))
                .containsExactly(RevocationEventType.CONSENT_REVOKED.type());
    }
}
