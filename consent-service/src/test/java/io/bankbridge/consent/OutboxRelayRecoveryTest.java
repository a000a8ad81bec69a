package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.authorized;
import static io.bankbridge.consent.ConsentFixtures.decideToken;
import static io.bankbridge.consent.ConsentFixtures.newCustomer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.bankbridge.revocation.outbox.OutboxRelay;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The outbox when no relay is running (one was killed after the revocation committed and before it published)
 * and when several relays drain the same backlog. The application runs with its background relay switched off;
 * the tests drive {@link OutboxRelay#relayOnce()} themselves, as a restarted or a competing instance would.
 */
@QuarkusTest
@TestProfile(OutboxRelayRecoveryTest.RelayStopped.class)
class OutboxRelayRecoveryTest {

    /** No background relay; small batches so that competing relays interleave. */
    public static class RelayStopped implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bankbridge.revocations.relay.enabled", "false",
                    "bankbridge.revocations.relay.batch-size", "4");
        }
    }

    @Inject
    Pool pool;
    @Inject
    OutboxRelay relay;

    @Test
    void aRevocationCommittedBeforeTheRelayDiedIsPublishedWhenARelayRunsAgain() {
        String id = revokedWithoutRelay();
        assertThat(RevocationTopic.unsentRows(pool, id)).isEqualTo(1);
        assertThat(RevocationTopic.records(id)).as("nothing published while no relay runs").isEmpty();

        drain();

        List<ConsumerRecord<String, String>> records = RevocationTopic.awaitRecords(id, 1);
        assertThat(records).hasSize(1);
        assertThat(RevocationTopic.envelope(records.get(0)).get("data").get("consentId").asText()).isEqualTo(id);
        assertThat(RevocationTopic.unsentRows(pool, id)).isZero();
    }

    @Test
    void twoRelaysDrainingTheSameBacklogPublishEveryEventWithoutSkippingOrRepeatingAny() throws Exception {
        List<String> backlog = IntStream.range(0, 24).mapToObj(i -> revokedWithoutRelay()).toList();

        ExecutorService relays = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> drainer = this::drain;
            List<Future<Integer>> runs = relays.invokeAll(List.of(drainer, drainer), 120, TimeUnit.SECONDS);
            for (Future<Integer> run : runs) {
                run.get();
            }
        } finally {
            relays.shutdownNow();
        }
        drain(); // rows one relay skipped while the other held them locked, if it stopped early

        for (String id : backlog) {
            assertThat(RevocationTopic.unsentRows(pool, id)).as("unsent rows of " + id).isZero();
        }
        Map<String, Long> published = RevocationTopic.awaitKeys(backlog);
        assertThat(published.entrySet().stream().filter(e -> e.getValue() == 0).map(Map.Entry::getKey))
                .as("events never published").isEmpty();
        assertThat(published.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey))
                .as("events published twice").isEmpty();
    }

    /** Revokes through the internal API: committed, with its outbox row, while no relay runs. */
    private static String revokedWithoutRelay() {
        String id = authorized(newCustomer(), "budget-app");
        given().auth().oauth2(decideToken()).contentType(ContentType.JSON).body(Map.of("actor", "CUSTOMER", "reason", "test"))
                .when().post("/internal/consents/" + id + "/revoke")
                .then().statusCode(200);
        return id;
    }

    /** Relays until the outbox is empty for this relay; returns how many rows it published. */
    private int drain() {
        int total = 0;
        for (int sent = relay.relayOnce(); sent > 0; sent = relay.relayOnce()) {
            total += sent;
        }
        return total;
    }
}
