package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.PROVIDER;
import static io.bankbridge.consent.ConsentFixtures.authorized;
import static io.bankbridge.consent.ConsentFixtures.issuer;
import static io.bankbridge.consent.ConsentFixtures.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;

import io.bankbridge.revocation.contract.RevocationEventType;
import io.bankbridge.testsupport.Browser;
import io.bankbridge.testsupport.KafkaBrokerResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Kafka being down delays a revocation's event; it never fails the customer's revocation or loses the event. */
@QuarkusTest
class BrokerOutageTest {

    @TestHTTPResource("/")
    URI base;
    @Inject
    Pool pool;

    @Test
    void aCustomerRevokesWhileTheBrokerIsDownAndTheEventIsDeliveredOnceItIsBack() {
        String customer = newCustomer();
        String viaPage = authorized(customer, PROVIDER);
        String viaJson = authorized(customer, "lender-app");
        issuer().signInAs(customer);
        Browser browser = new Browser(base);
        Response confirm = browser.follow("/security-center/connections/" + viaPage + "/revoke");
        assertThat(confirm.statusCode()).isEqualTo(200);

        KafkaBrokerResource.broker().stop();
        try {
            Response page = browser.post("/security-center/connections/" + viaPage + "/revoke");
            assertThat(page.statusCode()).isEqualTo(303);
            Response json = browser.postJson("/me/consents/" + viaJson + "/revocation", "{}");
            assertThat(json.statusCode()).isEqualTo(200);
            assertThat(json.asString()).contains("\"status\":\"REVOKED\"");
            // Committed with the revocation, waiting for the broker.
            assertThat(RevocationTopic.unsentRows(pool, viaPage)).isEqualTo(1);
            assertThat(RevocationTopic.unsentRows(pool, viaJson)).isEqualTo(1);
        } finally {
            KafkaBrokerResource.broker().start();
        }

        for (String id : List.of(viaPage, viaJson)) {
            List<ConsumerRecord<String, String>> records = RevocationTopic.awaitRecords(id, 1);
            assertThat(records).as("events for " + id).isNotEmpty();
            assertThat(RevocationTopic.envelope(records.get(0)).get("type").asText()).isEqualTo(RevocationEventType.CONSENT_REVOKED.type());
        }
    }
}
