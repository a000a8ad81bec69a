package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.PROVIDER;
import static io.bankbridge.consent.ConsentFixtures.PROVIDER_NAME;
import static io.bankbridge.consent.ConsentFixtures.authorized;
import static io.bankbridge.consent.ConsentFixtures.internalGet;
import static io.bankbridge.consent.ConsentFixtures.issuer;
import static io.bankbridge.consent.ConsentFixtures.newCustomer;
import static io.bankbridge.consent.ConsentFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.bankbridge.testsupport.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The customer's Security Center over HTTP, signed in through the issuer's real authorization-code flow: list,
 * detail, revoke with confirmation, and the one event that revocation publishes.
 */
@QuarkusTest
class SecurityCenterJourneyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;
    @Inject
    Pool pool;

    /** A browser for {@code customer}; the first page it opens runs the sign-in. */
    private Browser signedIn(String customer) {
        issuer().signInAs(customer);
        return new Browser(base);
    }

    @Test
    void aCustomerSignsInSeesTheirConnectionsRevokesOneAfterConfirmingAndFindsItUnderRevoked() throws Exception {
        String customer = newCustomer();
        String active = authorized(customer, PROVIDER);
        String someoneElses = authorized(newCustomer(), "lender-app");
        Browser browser = signedIn(customer);

        Response list = browser.follow("/security-center");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(browser.url().getPath()).isEqualTo("/security-center");
        assertThat(list.header("Content-Type")).startsWith("text/html");
        assertThat(list.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(list.asString())
                .contains("name=\"viewport\"")
                .contains(PROVIDER_NAME)
                .contains("Transactions")
                .contains(AccountDataStandIn.CARD + ", " + AccountDataStandIn.SAVINGS)
                .contains("/security-center/connections/" + active + "/revoke")
                .doesNotContain("App lender-app")
                .doesNotContain("<script>")
                .contains("<script src=\"/assets/local-time.js\" defer></script>")
                .doesNotContain("src=\"http");
        assertThat(section(list.asString(), "active")).contains(PROVIDER_NAME);

        Response detail = browser.follow("/security-center/connections/" + active);
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.asString()).contains(PROVIDER_NAME).contains("Access history is unavailable").contains("authorized by customer");

        Response confirm = browser.follow("/security-center/connections/" + active + "/revoke");
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.asString()).contains("Revoke access for " + PROVIDER_NAME + "?").contains("Yes, revoke access");
        assertThat(status(active)).as("showing the confirmation revokes nothing").isEqualTo("AUTHORIZED");

        Response forged = browser.postRaw("/security-center/connections/" + active + "/revoke", "csrf", "forged");
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(status(active)).isEqualTo("AUTHORIZED");

        String token = Browser.hiddenField(confirm.asString(), "csrf");
        Response revoked = browser.postRaw("/security-center/connections/" + active + "/revoke", "csrf", token);
        assertThat(revoked.statusCode()).isEqualTo(303);
        Response after = browser.follow(revoked);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.asString()).contains(PROVIDER_NAME + " can no longer access your data.");
        assertThat(section(after.asString(), "active")).doesNotContain(PROVIDER_NAME);
        assertThat(section(after.asString(), "revoked")).contains(PROVIDER_NAME).contains("by customer");

        JsonPath consent = internalGet(active);
        assertThat(consent.getString("status")).isEqualTo("REVOKED");
        assertThat(consent.getString("revokedBy")).isEqualTo("CUSTOMER");

        assertExactlyOneRevokedEvent(active, customer);
        assertThat(status(someoneElses)).isEqualTo("AUTHORIZED");
    }

    @Test
    void accountsAreShownByTheirNicknameAndLastFourDigitsNeverByTheirIds() {
        String customer = newCustomer();
        String active = authorized(customer, PROVIDER);
        Browser browser = signedIn(customer);

        for (String page : List.of("/security-center", "/security-center/connections/" + active,
                "/security-center/connections/" + active + "/revoke")) {
            Response shown = browser.follow(page);
            assertThat(shown.statusCode()).as(page).isEqualTo(200);
            assertThat(visibleText(shown.asString())).as(page)
                    .contains(AccountDataStandIn.CARD).contains(AccountDataStandIn.SAVINGS).doesNotContain("ACC-");
        }
    }

    @Test
    void anAccountTheBankDoesNotListIsShownWithANeutralNameNotItsId() {
        String customer = AccountDataStandIn.UNLISTED + UUID.randomUUID().toString().substring(0, 8);
        String active = authorized(customer, PROVIDER);
        Browser browser = signedIn(customer);

        Response list = browser.follow("/security-center");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(visibleText(list.asString())).contains("An account (details unavailable), An account (details unavailable)")
                .doesNotContain("ACC-");
        assertThat(visibleText(browser.follow("/security-center/connections/" + active).asString()))
                .contains("An account (details unavailable)").doesNotContain("ACC-");
    }

    /** What a page says to the reader: the HTML without its tags (so without form values). */
    private static String visibleText(String html) {
        return html.replaceAll("<[^>]*>", "");
    }

    @Test
    void aCustomerCannotSeeOrRevokeAnotherCustomersConsent() {
        String theirs = authorized(newCustomer(), PROVIDER);
        Browser browser = signedIn(newCustomer());
        assertThat(browser.follow("/security-center/connections/" + theirs).statusCode()).isEqualTo(404);
        assertThat(browser.follow("/me/consents/" + theirs).statusCode()).isEqualTo(404);
        assertThat(browser.postJson("/me/consents/" + theirs + "/revocation", "{}").statusCode()).isEqualTo(404);
        assertThat(status(theirs)).isEqualTo("AUTHORIZED");
    }

    @Test
    void aLoginLinkedToAnotherSeesAndRevokesThatLoginsConnectionsButNoOneElses() throws Exception {
        String cardLogin = newCustomer();
        String savingsLogin = newCustomer();
        String viaCard = authorized(cardLogin, PROVIDER);
        String viaSavings = authorized(savingsLogin, "lender-app");
        String stranger = authorized(newCustomer(), PROVIDER);
        issuer().signInAs(savingsLogin, List.of(cardLogin));
        Browser browser = new Browser(base);

        Response list = browser.follow("/me/consents");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(list.asString()).get("active").findValuesAsText("id")).containsExactlyInAnyOrder(viaCard, viaSavings);
        assertThat(browser.follow("/security-center").asString()).contains("/security-center/connections/" + viaCard + "/revoke");
        assertThat(browser.follow("/me/consents/" + stranger).statusCode()).isEqualTo(404);

        assertThat(browser.postJson("/me/consents/" + viaCard + "/revocation", "{}").statusCode()).isEqualTo(200);
        assertThat(status(viaCard)).isEqualTo("REVOKED");
        assertThat(browser.postJson("/me/consents/" + stranger + "/revocation", "{}").statusCode()).isEqualTo(404);
        assertThat(status(stranger)).isEqualTo("AUTHORIZED");
        assertThat(status(viaSavings)).isEqualTo("AUTHORIZED");
    }

    @Test
    void theSameConnectionsAreAvailableAsJsonAndRevocableThere() throws Exception {
        String customer = newCustomer();
        String active = authorized(customer, PROVIDER);
        String revokedEarlier = authorized(customer, "lender-app");
        Browser browser = signedIn(customer);
        assertThat(browser.follow("/me/consents").statusCode()).as("signed in").isEqualTo(200);
        assertThat(browser.postJson("/me/consents/" + revokedEarlier + "/revocation", "{\"reason\":\"No longer used\"}")
                .statusCode()).isEqualTo(200);

        Response list = browser.follow("/me/consents");
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode connections = JSON.readTree(list.asString());
        assertThat(connections.get("active").findValuesAsText("id")).containsExactly(active);
        assertThat(connections.get("revoked").findValuesAsText("id")).containsExactly(revokedEarlier);
        assertThat(connections.get("expired").size()).isZero();
        assertThat(connections.get("accessHistoryAvailable").asBoolean()).isFalse();
        JsonNode first = connections.get("active").get(0);
        assertThat(first.get("providerName").asText()).isEqualTo(PROVIDER_NAME);
        assertThat(first.get("since").isNull()).isFalse();
        assertThat(Instant.parse(first.get("until").asText())).isAfter(Instant.parse(first.get("since").asText()));

        Response detail = browser.follow("/me/consents/" + active);
        assertThat(detail.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(detail.asString());
        assertThat(body.get("consent").get("history").findValuesAsText("event")).containsExactly("CREATED", "AUTHORIZED");
        assertThat(body.get("accessHistoryAvailable").asBoolean()).isFalse();

        Response revoked = browser.postJson("/me/consents/" + active + "/revocation", "{}");
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(revoked.asString()).get("status").asText()).isEqualTo("REVOKED");
        Response again = browser.postJson("/me/consents/" + active + "/revocation", "{}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
    }

    @Test
    void aConnectionExpiringWithinThirtyDaysSaysHowManyDaysItHasLeftAndALongerOneDoesNot() throws Exception {
        String customer = newCustomer();
        String soon = ConsentFixtures.authorized(customer, PROVIDER, 20);
        String later = ConsentFixtures.authorized(customer, "lender-app", 31);
        Browser browser = signedIn(customer);

        String page = browser.follow("/security-center").asString();
        assertThat(page.split("Expires in ", -1)).as("one connection expiring soon").hasSize(2);
        assertThat(page).contains("Expires in 20 days");
        String soonCard = page.substring(page.indexOf(PROVIDER_NAME), page.indexOf("/connections/" + soon + "/revoke"));
        assertThat(soonCard).contains("Expires in 20 days");

        JsonNode active = JSON.readTree(browser.follow("/me/consents").asString()).get("active");
        Map<String, JsonNode> byId = Map.of(active.get(0).get("id").asText(), active.get(0),
                active.get(1).get("id").asText(), active.get(1));
        assertThat(byId.get(soon).get("expiresInDays").asInt()).isEqualTo(20);
        assertThat(byId.get(later).hasNonNull("expiresInDays")).isFalse();
    }

    /** The HTML of one list section, from its heading to the next section. */
    private static String section(String html, String id) {
        int start = html.indexOf("id=\"" + id + "\"");
        assertThat(start).as("section " + id).isPositive();
        int end = html.indexOf("<section", start);
        return end < 0 ? html.substring(start) : html.substring(start, end);
    }

    @Test
    void signingOutEndsTheSessionGoesThroughTheIssuersEndSessionAndTheNextVisitSignsInAgain() {
        String customer = newCustomer();
        Browser browser = signedIn(customer);
        Response home = browser.follow("/security-center");
        assertThat(home.asString()).contains("Signed in as <strong>" + customer + "</strong>")
                .contains("action=\"/security-center/sign-out\"").contains(">Not you? Sign out</button>");

        Response forged = browser.postRaw("/security-center/sign-out", "csrf", "forged");
        assertThat(forged.statusCode()).isEqualTo(403);
        Response still = browser.get("/security-center");
        assertThat(still.statusCode()).as("a forged form signs no one out").isEqualTo(200);

        int before = issuer().logouts().size();
        Response out = browser.post("/security-center/sign-out");
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.header("Location")).startsWith(issuer().url() + "/logout?");
        Response signedOut = browser.follow(out);
        assertThat(signedOut.statusCode()).isEqualTo(200);
        assertThat(browser.url().getPath()).isEqualTo("/security-center/signed-out");
        assertThat(signedOut.asString()).contains("You are signed out").doesNotContain(customer);

        Map<String, String> logout = issuer().logouts().get(before);
        assertThat(logout.get("client_id")).isEqualTo("security-center");
        assertThat(logout.get("id_token_hint")).isNotBlank();
        assertThat(logout.get("post_logout_redirect_uri")).isEqualTo(base.resolve("/security-center/signed-out").toString());

        Response again = browser.get("/security-center");
        assertThat(again.statusCode() / 100).as("the Security Center asks for sign-in again").isEqualTo(3);
        assertThat(again.header("Location")).startsWith(issuer().url() + "/authorize");
    }

    @Test
    void signOutWithoutASessionSignsNobodyOut() {
        Browser stranger = new Browser(base);
        Response out = stranger.postRaw("/security-center/sign-out", "csrf", "anything");
        assertThat(out.statusCode()).isNotEqualTo(200);
        assertThat(String.valueOf(out.header("Location"))).doesNotContain("/logout");
    }

    private void assertExactlyOneRevokedEvent(String consentId, String customer) {
        List<ConsumerRecord<String, String>> published = RevocationTopic.awaitRecords(consentId, 1);
        assertThat(published).hasSize(1);
        assertThat(RevocationTopic.unsentRows(pool, consentId)).isZero();
        // Read again once the relay marked the row sent: still one record, so no second publication happened.
        List<ConsumerRecord<String, String>> records = RevocationTopic.records(consentId);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        assertThat(record.key()).isEqualTo(consentId);
        JsonNode envelope = RevocationTopic.envelope(record);
        assertThat(envelope.get("specversion").asText()).isEqualTo("1.0");
        assertThat(envelope.get("type").asText()).isEqualTo(RevocationEventType.CONSENT_REVOKED.type());
        assertThat(envelope.get("source").asText()).isEqualTo("/bankbridge/consent-service");
        assertThat(envelope.get("subject").asText()).isEqualTo(consentId);
        assertThat(UUID.fromString(envelope.get("id").asText())).isNotNull();
        assertThat(Instant.parse(envelope.get("time").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(envelope.get("datacontenttype").asText()).isEqualTo("application/json");
        JsonNode data = envelope.get("data");
        assertThat(data.get("consentId").asText()).isEqualTo(consentId);
        assertThat(data.get("providerId").asText()).isEqualTo(PROVIDER);
        assertThat(data.get("customerId").asText()).isEqualTo(customer);
        assertThat(data.get("actor").asText()).isEqualTo("CUSTOMER");
        assertThat(data.get("reason").asText()).isNotBlank();
        assertThat(Instant.parse(data.get("effectiveAt").asText())).isEqualTo(Instant.parse(internalGet(consentId).getString("revokedAt")));
    }
}
