package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.authorized;
import static io.bankbridge.consent.ConsentFixtures.authorizedLongAgo;
import static io.bankbridge.consent.ConsentFixtures.internalGet;
import static io.bankbridge.consent.ConsentFixtures.newCustomer;
import static io.bankbridge.consent.ConsentFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bankbridge.consent.service.ExpiryJob;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Consents past their expiry become EXPIRED with a consent.expired event, once, however many instances run the job. */
@QuarkusTest
class ExpiryTest {

    @Inject
    Pool pool;
    @Inject
    ExpiryJob expiry;

    @Test
    void aConsentPastItsExpiryBecomesExpiredAndItsEventIsPublished() {
        String customer = newCustomer();
        String due = authorizedLongAgo(customer, "budget-app");
        String notDue = authorized(customer, "budget-app");

        expiry.expireAllDue().await().atMost(Duration.ofSeconds(30));

        JsonPath consent = internalGet(due);
        assertThat(consent.getString("status")).isEqualTo("EXPIRED");
        assertThat(consent.getList("history.event")).containsExactly("CREATED", "AUTHORIZED", "EXPIRED");
        assertThat(consent.getString("history[2].actor")).isEqualTo("SYSTEM");
        assertThat(status(notDue)).isEqualTo("AUTHORIZED");

        List<ConsumerRecord<String, String>> records = RevocationTopic.awaitRecords(due, 1);
        assertThat(records).hasSize(1);
        JsonNode envelope = RevocationTopic.envelope(records.get(0));
        assertThat(envelope.get("type").asText()).isEqualTo(RevocationEventType.CONSENT_EXPIRED.type());
        assertThat(envelope.get("subject").asText()).isEqualTo(due);
        assertThat(envelope.get("data").get("actor").asText()).isEqualTo("SYSTEM");
        assertThat(envelope.get("data").get("customerId").asText()).isEqualTo(customer);
        assertThat(RevocationTopic.rows(pool, notDue)).isZero();
    }

    @Test
    void twoInstancesRunningTheJobTogetherExpireEachConsentExactlyOnce() {
        List<String> due = IntStream.range(0, 12).mapToObj(i -> authorizedLongAgo(newCustomer(), "budget-app")).toList();

        Uni.join().all(expiry.expireAllDue(), expiry.expireAllDue()).andFailFast().await().atMost(Duration.ofSeconds(60));

        for (String id : due) {
            JsonPath consent = internalGet(id);
            assertThat(consent.getString("status")).isEqualTo("EXPIRED");
            assertThat(consent.getList("history.event")).containsExactly("CREATED", "AUTHORIZED", "EXPIRED");
            assertThat(RevocationTopic.rows(pool, id)).as("outbox rows for " + id).isEqualTo(1);
        }
    }
}
