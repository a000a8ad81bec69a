package io.bankbridge.token.authorize;

import static io.bankbridge.token.authorize.Journeys.CLUSTERS;
import static io.bankbridge.token.authorize.Journeys.VERIFIER;
import static io.bankbridge.token.authorize.Journeys.query;
import static io.bankbridge.token.authorize.Journeys.signedInAt;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.bankbridge.testsupport.Browser;
import io.bankbridge.token.authorize.BankServicesStandIn.ConsentCall;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Grant Management for OAuth 2.0 in the authorization flow: {@code grant_management_action} create, merge and replace
 * at {@code /par}, the customer's approval on the hosted page, and the {@code grant_id} in the token response.
 */
@QuarkusTest
class GrantManagementJourneyTest {

    private static final String CUSTOMER = "card.demo0001";

    private ProviderFixture provider;

    @BeforeEach
    void onboardProvider() {
        provider = ProviderFixture.onboard("Demo Budget App");
    }

    /** The customer approves {@code accounts} for a pushed request; the client's redirect. */
    private static String approve(Browser browser, String... accounts) {
        List<String> fields = new java.util.ArrayList<>(List.of("action", "approve"));
        for (String account : accounts) {
            fields.add("account");
            fields.add(account);
        }
        Response answer = browser.post("/authorize/consent", fields.toArray(String[]::new));
        assertThat(answer.statusCode(), equalTo(303));
        assertThat(answer.header("Location"), startsWith(ProviderFixture.REDIRECT + "?"));
        return answer.header("Location");
    }

    private String push(String action, String grantId, List<String> clusters) {
        return provider.pushForGrant("gm-" + UUID.randomUUID(), VERIFIER, clusters, action, grantId)
                .statusCode(201).extract().path("request_uri");
    }

    /** A grant the customer approved for ACC-C-0001-1 with grant_management_action create; its token response. */
    private JsonPath createdGrant() {
        Browser browser = signedInAt(provider, push("create", null, CLUSTERS), CUSTOMER);
        return provider.redeem(query(approve(browser, "ACC-C-0001-1")).get("code"), VERIFIER);
    }

    @Test
    void createGivesTheConsentIdAsGrantIdInTheTokenResponse() {
        JsonPath tokens = createdGrant();
        List<ConsentCall> calls = BankServicesStandIn.consentCalls();
        ConsentCall authorized = calls.get(calls.size() - 1);
        assertThat(authorized.operation(), equalTo("decide"));
        assertThat(authorized.body().get("decision").asText(), equalTo("APPROVED"));
        assertThat(tokens.getString("grant_id"), equalTo(authorized.consentId()));
    }

    @Test
    void mergeShowsTheGrantedAccountsChosenAndAddsTheNewOnesToTheSameGrant() {
        String grantId = createdGrant().getString("grant_id");
        Browser browser = signedInAt(provider, push("merge", grantId, List.of("ACCOUNT_DETAILED")), CUSTOMER);
        String page = browser.get("/authorize/consent").asString();
        assertThat(page, allOf(containsString("This adds to what you already share with Demo Budget App."),
                containsString("value=\"ACC-C-0001-1\" checked"), not(containsString("value=\"ACC-C-0001-2\" checked"))));

        int before = BankServicesStandIn.consentCalls().size();
        String location = approve(browser, "ACC-C-0001-1", "ACC-C-0001-2");
        List<ConsentCall> calls = BankServicesStandIn.consentCallsSince(before);
        assertThat("no new consent, one amendment", calls, hasSize(1));
        ConsentCall amend = calls.get(0);
        assertThat(amend.operation(), equalTo("amend"));
        assertThat(amend.consentId(), equalTo(grantId));
        assertThat(amend.body().path("action").asText(), equalTo("MERGE"));
        assertThat(amend.body().path("providerId").asText(), equalTo(provider.clientId));
        assertThat(amend.body().path("dataClusters").toString(), equalTo("[\"ACCOUNT_DETAILED\"]"));
        assertThat(amend.body().path("accountIds").toString(), equalTo("[\"ACC-C-0001-1\",\"ACC-C-0001-2\"]"));

        JsonPath tokens = provider.redeem(query(location).get("code"), VERIFIER);
        assertThat(tokens.getString("grant_id"), equalTo(grantId));
        assertThat(tokens.getString("scope"), equalTo("ACCOUNT_BASIC TRANSACTIONS ACCOUNT_DETAILED"));
    }

    @Test
    void replaceKeepsTheGrantIdAndGrantsExactlyWhatWasApprovedNow() {
        String grantId = createdGrant().getString("grant_id");
        Browser browser = signedInAt(provider, push("replace", grantId, List.of("ACCOUNT_DETAILED")), CUSTOMER);
        assertThat(browser.get("/authorize/consent").asString(),
                containsString("This replaces what you share with Demo Budget App today."));

        int before = BankServicesStandIn.consentCalls().size();
        String location = approve(browser, "ACC-S-0001-1");
        ConsentCall amend = BankServicesStandIn.consentCallsSince(before).get(0);
        assertThat(amend.operation(), equalTo("amend"));
        assertThat(amend.body().path("action").asText(), equalTo("REPLACE"));
        assertThat(amend.body().path("accountIds").toString(), equalTo("[\"ACC-S-0001-1\"]"));
        assertThat("the approval renews the grant for the requested time", amend.body().path("durationDays").asInt(),
                equalTo(90));

        JsonPath tokens = provider.redeem(query(location).get("code"), VERIFIER);
        assertThat(tokens.getString("grant_id"), equalTo(grantId));
        assertThat(tokens.getString("scope"), equalTo("ACCOUNT_DETAILED"));
    }

    @Test
    void aRenewalLastsAsLongAsTheCustomerChoseOnThePage() {
        String grantId = createdGrant().getString("grant_id");
        Browser browser = signedInAt(provider, push("replace", grantId, CLUSTERS), CUSTOMER);
        int before = BankServicesStandIn.consentCalls().size();
        Response answer = browser.post("/authorize/consent", "action", "approve", "duration", "30",
                "account", "ACC-C-0001-1");
        assertThat(answer.statusCode(), equalTo(303));
        ConsentCall amend = BankServicesStandIn.consentCallsSince(before).get(0);
        assertThat(amend.operation(), equalTo("amend"));
        assertThat(amend.consentId(), equalTo(grantId));
        assertThat(amend.body().path("durationDays").asInt(), equalTo(30));
        assertThat(provider.redeem(query(answer.header("Location")).get("code"), VERIFIER).getString("grant_id"),
                equalTo(grantId));
    }

    @Test
    void anotherCustomerCannotApproveAChangeToSomeoneElsesGrant() {
        String grantId = createdGrant().getString("grant_id");
        Browser browser = signedInAt(provider, push("merge", grantId, List.of("ACCOUNT_DETAILED")), "card.demo0002");
        int before = BankServicesStandIn.consentCalls().size();
        Map<String, String> answer = query(approve(browser, "ACC-C-0002-1"));
        assertThat(answer.get("error"), equalTo("invalid_grant_id"));
        assertThat(answer.get("code"), equalTo(null));
        assertThat(BankServicesStandIn.consentCallsSince(before), hasSize(0));
    }

    @Test
    void aGrantThatEndedAfterThePushIsAnsweredInvalidGrantId() {
        String grantId = createdGrant().getString("grant_id");
        Browser browser = signedInAt(provider, push("merge", grantId, List.of("ACCOUNT_DETAILED")), CUSTOMER);
        BankServicesStandIn.endConsent(grantId, "REVOKED");
        assertThat(query(approve(browser, "ACC-C-0001-2")).get("error"), equalTo("invalid_grant_id"));
    }

    @ParameterizedTest
    @CsvSource(nullValues = "-", value = {
            "merge, -", "replace, -", "update, -", "query, -", "MERGE, 0b0e2c4e-1d0f-4c1e-9a55-0a7d2b3c4d5e",
            "create, 0b0e2c4e-1d0f-4c1e-9a55-0a7d2b3c4d5e", "-, 0b0e2c4e-1d0f-4c1e-9a55-0a7d2b3c4d5e"})
    void anIncoherentGrantManagementRequestIsInvalidRequest(String action, String grantId) {
        provider.pushForGrant("gm-bad", VERIFIER, CLUSTERS, action, grantId)
                .statusCode(400).body("error", equalTo("invalid_request"));
    }

    @ParameterizedTest
    @CsvSource({"merge, 0b0e2c4e-1d0f-4c1e-9a55-0a7d2b3c4d5e", "replace, not-a-grant-id"})
    void anUnknownGrantIdIsInvalidGrantId(String action, String grantId) {
        provider.pushForGrant("gm-unknown", VERIFIER, CLUSTERS, action, grantId)
                .statusCode(400).body("error", equalTo("invalid_grant_id"));
    }

    @Test
    void anotherProvidersOrAnEndedGrantIsInvalidGrantId() {
        String grantId = createdGrant().getString("grant_id");
        ProviderFixture other = ProviderFixture.onboard("Other App");
        other.pushForGrant("gm-foreign", VERIFIER, CLUSTERS, "merge", grantId)
                .statusCode(400).body("error", equalTo("invalid_grant_id"));
        BankServicesStandIn.endConsent(grantId, "REVOKED");
        provider.pushForGrant("gm-ended", VERIFIER, CLUSTERS, "replace", grantId)
                .statusCode(400).body("error", equalTo("invalid_grant_id"));
    }

    @Test
    void anExpiredGrantCannotBeRenewed() {
        String grantId = createdGrant().getString("grant_id");
        BankServicesStandIn.endConsent(grantId, "EXPIRED");
        for (String action : List.of("replace", "merge")) {
            provider.pushForGrant("gm-expired", VERIFIER, CLUSTERS, action, grantId)
                    .statusCode(400).body("error", equalTo("invalid_grant_id"));
        }
    }
}
