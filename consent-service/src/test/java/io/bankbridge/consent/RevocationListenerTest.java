package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.authorized;
import static io.bankbridge.consent.ConsentFixtures.internalGet;
import static io.bankbridge.consent.ConsentFixtures.newCustomer;
import static io.bankbridge.consent.ConsentFixtures.pending;
import static io.bankbridge.consent.ConsentFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.bankbridge.consent.service.ConsentRevocationListener;
import io.bankbridge.revocation.contract.Actor;
import io.bankbridge.revocation.contract.RevocationData;
import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** What token-service announces about providers reaches consents here through the topic; nothing else does. */
@QuarkusTest
class RevocationListenerTest {

    private static final String TOKEN_SERVICE = "/bankbridge/token-service";

    @Inject
    Pool pool;
    @Inject
    ConsentRevocationListener listener;

    @Test
    void aProviderSuspensionRevokesEveryAuthorizedConsentOfThatProviderWithOneEventEach() throws Exception {
        String provider = "suspended-" + UUID.randomUUID().toString().substring(0, 8);
        String first = authorized(newCustomer(), provider);
        String second = authorized(newCustomer(), provider);
        String stillPending = pending(newCustomer(), provider);
        String otherProvider = authorized(newCustomer(), "budget-app");

        RevocationTopic.publish(RevocationEvent.aboutProvider(TOKEN_SERVICE, RevocationEventType.PROVIDER_SUSPENDED,
                new RevocationData(null, provider, null, null, Actor.BANK, "Provider suspended", Instant.now())));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(status(first)).isEqualTo("REVOKED");
            assertThat(status(second)).isEqualTo("REVOKED");
        });
        JsonPath revoked = internalGet(first);
        assertThat(revoked.getString("revokedBy")).isEqualTo("BANK");
        assertThat(revoked.getString("history[2].event")).isEqualTo("REVOKED");
        assertThat(status(stillPending)).isEqualTo("AWAITING_AUTHORIZATION");
        assertThat(status(otherProvider)).isEqualTo("AUTHORIZED");

        for (String id : List.of(first, second)) {
            List<ConsumerRecord<String, String>> records = RevocationTopic.awaitRecords(id, 1);
            assertThat(records).as("events for " + id).hasSize(1);
            JsonNode envelope = RevocationTopic.envelope(records.get(0));
            assertThat(envelope.get("type").asText()).isEqualTo(RevocationEventType.CONSENT_REVOKED.type());
            assertThat(envelope.get("source").asText()).isEqualTo("/bankbridge/consent-service");
            assertThat(envelope.get("data").get("actor").asText()).isEqualTo("BANK");
            assertThat(envelope.get("data").get("providerId").asText()).isEqualTo(provider);
        }
    }

    @Test
    void aConsentRevokedEventFromAnotherServiceLeavesTheConsentAsItIs() {
        String customer = newCustomer();
        String id = authorized(customer, "budget-app");

        // consent-service alone writes consent state: token-service asks it to revoke, it does not announce it.
        listener.onRevocation(RevocationEvent.aboutConsent(TOKEN_SERVICE, RevocationEventType.CONSENT_REVOKED,
                new RevocationData(id, "budget-app", customer, null, Actor.SYSTEM, "Refresh token reuse", Instant.now())));

        assertThat(status(id)).isEqualTo("AUTHORIZED");
        assertThat(internalGet(id).getList("history.event")).containsExactly("CREATED", "AUTHORIZED");
        assertThat(RevocationTopic.rows(pool, id)).isZero();
    }

    @Test
    void aReplayedSuspensionLeavesConsentsAuthorizedAfterItAlone() {
        String provider = "reinstated-" + UUID.randomUUID().toString().substring(0, 8);
        Instant suspendedAt = Instant.now().minusSeconds(60);
        String authorizedLater = authorized(newCustomer(), provider);

        listener.onRevocation(RevocationEvent.aboutProvider(TOKEN_SERVICE, RevocationEventType.PROVIDER_SUSPENDED,
                new RevocationData(null, provider, null, null, Actor.BANK, "Provider suspended", suspendedAt)));

        assertThat(status(authorizedLater)).isEqualTo("AUTHORIZED");
        assertThat(RevocationTopic.rows(pool, authorizedLater)).isZero();
    }
}
