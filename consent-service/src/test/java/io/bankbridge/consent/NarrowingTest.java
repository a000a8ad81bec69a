package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.PROVIDER;
import static io.bankbridge.consent.ConsentFixtures.authorized;
import static io.bankbridge.consent.ConsentFixtures.internalGet;
import static io.bankbridge.consent.ConsentFixtures.issuer;
import static io.bankbridge.consent.ConsentFixtures.newCustomer;
import static io.bankbridge.consent.ConsentFixtures.readToken;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.contains;

import com.fasterxml.jackson.databind.JsonNode;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.bankbridge.testsupport.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Narrowing from the Security Center: the customer stops sharing one account or one kind of data with a connection
 * that stays in force, and {@code consent.updated} tells every service what remains.
 */
@QuarkusTest
class NarrowingTest {

    @TestHTTPResource("/")
    URI base;

    private Browser signedIn(String customer) {
        issuer().signInAs(customer);
        return new Browser(base);
    }

    /** Opens the connection's page and posts its narrowing form with one field set. */
    private static Response stopSharing(Browser browser, String id, String field, String value) {
        Response page = browser.follow("/security-center/connections/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.asString()).contains("action=\"/security-center/connections/" + id + "/narrow\"");
        return browser.post("/security-center/connections/" + id + "/narrow", field, value);
    }

    @Test
    void removingAnAccountKeepsTheConnectionAndAnnouncesWhatRemains() throws Exception {
        String customer = newCustomer();
        String id = authorized(customer, PROVIDER);
        Browser browser = signedIn(customer);

        Response narrowed = stopSharing(browser, id, "account", "ACC-2");
        assertThat(narrowed.statusCode()).isEqualTo(303);
        Response after = browser.follow(narrowed);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.asString()).contains("Account " + AccountDataStandIn.SAVINGS + " removed by the customer")
                .contains("value=\"ACC-1\"")
                .doesNotContain("value=\"ACC-2\"");

        JsonPath consent = internalGet(id);
        assertThat(consent.getString("status")).isEqualTo("AUTHORIZED");
        assertThat(consent.getList("accountIds")).containsExactly("ACC-1");
        assertThat(consent.getList("dataClusters")).containsExactly("ACCOUNT_BASIC", "TRANSACTIONS");
        assertThat(consent.getList("history.event")).containsExactly("CREATED", "AUTHORIZED", "NARROWED");

        List<ConsumerRecord<String, String>> records = RevocationTopic.awaitRecords(id, 1);
        assertThat(records).hasSize(1);
        JsonNode event = RevocationTopic.envelope(records.get(0));
        assertThat(event.get("type").asText()).isEqualTo(RevocationEventType.CONSENT_UPDATED.type());
        assertThat(event.get("data").get("accountIds").toString()).isEqualTo("[\"ACC-1\"]");
        assertThat(event.get("data").get("dataClusters").toString()).isEqualTo("[\"ACCOUNT_BASIC\",\"TRANSACTIONS\"]");
        assertThat(event.get("data").get("actor").asText()).isEqualTo("CUSTOMER");
        // The stale-view fallback of the resource servers reads the narrowed state too.
        given().auth().oauth2(readToken()).when().get("/internal/consents/" + id + "/state")
                .then().statusCode(200).body("accountIds", contains("ACC-1"))
                .body("dataClusters", contains("ACCOUNT_BASIC", "TRANSACTIONS"));
    }

    @Test
    void removingADataClusterKeepsTheAccounts() {
        String customer = newCustomer();
        String id = authorized(customer, PROVIDER);
        Browser browser = signedIn(customer);

        Response narrowed = stopSharing(browser, id, "cluster", "TRANSACTIONS");
        assertThat(narrowed.statusCode()).isEqualTo(303);
        // the history line names the data in the customer's words, not by its code
        assertThat(browser.follow(narrowed).asString()).contains("Transactions removed by the customer")
                .doesNotContain("TRANSACTIONS").doesNotContain("Data cluster");
        JsonPath consent = internalGet(id);
        assertThat(consent.getList("dataClusters")).containsExactly("ACCOUNT_BASIC");
        assertThat(consent.getList("accountIds")).containsExactly("ACC-1", "ACC-2");
        JsonNode event = RevocationTopic.envelope(RevocationTopic.awaitRecords(id, 1).get(0));
        assertThat(event.get("data").get("dataClusters").toString()).isEqualTo("[\"ACCOUNT_BASIC\"]");
    }

    @Test
    void eachChangeRaisesTheGrantVersionAndItsEventCarriesIt() throws Exception {
        String customer = newCustomer();
        String id = authorized(customer, PROVIDER);
        assertThat(internalGet(id).getLong("grantVersion")).isEqualTo(1L);
        Browser browser = signedIn(customer);

        assertThat(stopSharing(browser, id, "account", "ACC-2").statusCode()).isEqualTo(303);
        assertThat(stopSharing(browser, id, "cluster", "TRANSACTIONS").statusCode()).isEqualTo(303);
        // a refused change leaves the version as it is
        assertThat(stopSharing(browser, id, "account", "ACC-1").statusCode()).isEqualTo(400);

        assertThat(internalGet(id).getLong("grantVersion")).isEqualTo(3L);
        List<ConsumerRecord<String, String>> records = RevocationTopic.awaitRecords(id, 2);
        assertThat(records).extracting(r -> RevocationTopic.envelope(r).get("data"))
                .extracting(data -> data.get("grantVersion").asLong(), data -> data.get("dataClusters").toString())
                .containsExactly(tuple(2L, "[\"ACCOUNT_BASIC\",\"TRANSACTIONS\"]"), tuple(3L, "[\"ACCOUNT_BASIC\"]"));
    }

    @Test
    void theLastAccountAnUnsharedOneOrAForgedFormIsRefusedAndChangesNothing() {
        String customer = newCustomer();
        String id = authorized(customer, PROVIDER);
        Browser browser = signedIn(customer);
        assertThat(stopSharing(browser, id, "account", "ACC-2").statusCode()).isEqualTo(303);

        Response last = stopSharing(browser, id, "account", "ACC-1");
        assertThat(last.statusCode()).isEqualTo(400);
        assertThat(last.header("Content-Type")).startsWith("text/html");
        assertThat(last.asString()).contains("revoke it to end it");
        assertThat(stopSharing(browser, id, "account", "ACC-9").statusCode()).isEqualTo(400);
        assertThat(stopSharing(browser, id, "cluster", "NOT_A_CLUSTER").statusCode()).isEqualTo(400);
        Response forged = browser.postRaw("/security-center/connections/" + id + "/narrow", "csrf", "forged", "account", "ACC-1");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(internalGet(id).getList("accountIds")).containsExactly("ACC-1");
    }

    @Test
    void aCustomerCannotNarrowAnotherCustomersConnection() {
        String theirs = authorized(newCustomer(), PROVIDER);
        String mine = authorized(newCustomer(), PROVIDER);
        Browser browser = signedIn(internalGet(mine).getString("customerId"));
        Response page = browser.follow("/security-center/connections/" + mine);
        Response attempt = browser.post("/security-center/connections/" + theirs + "/narrow", "account", "ACC-2");
        assertThat(attempt.statusCode()).isEqualTo(404);
        assertThat(internalGet(theirs).getList("accountIds")).containsExactly("ACC-1", "ACC-2");
    }
}
