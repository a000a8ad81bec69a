package io.bankbridge.token.authorize;

import static io.bankbridge.token.authorize.Journeys.UNABLE;
import static io.bankbridge.token.authorize.Journeys.atPicker;
import static io.bankbridge.token.authorize.Journeys.query;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.bankbridge.testsupport.Browser;
import io.bankbridge.token.authorize.BankServicesStandIn.ConsentCall;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The account picker / consent page: what the customer sees, and what the provider and consent-service get. */
@QuarkusTest
class AccountPickerTest {

    private static final String ISSUER = "http://localhost:8081";

    private ProviderFixture provider;

    @BeforeEach
    void onboardProvider() {
        provider = ProviderFixture.onboard("Demo Budget App");
    }

    @AfterEach
    void servicesBackUp() {
        BankServicesStandIn.failing(false);
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Test
    void thePickerShowsTheProviderTheDataTheDurationAndTheAccountsOfLinkedLogins() {
        Response page = atPicker(provider, "card.demo0001", "p-1").get("/authorize/consent");
        assertThat(page.statusCode(), equalTo(200));
        assertThat(page.asString(), allOf(containsString("Demo Budget App would like to access your account data"),
                containsString("Basic account information"), containsString("Transactions, including past transaction history"),
                containsString("90 days"),
                containsString("value=\"ACC-C-0001-1\""), containsString("value=\"ACC-C-0001-2\""),
                containsString("value=\"ACC-S-0001-1\""), containsString("Connect your accounts from another Bankbridge website")));
        assertThat(page.header("Content-Security-Policy"), containsString("frame-ancestors 'none'"));
    }

    @Test
    void approvingWithoutAnAccountShowsTheSamePageWithAMessage() {
        Browser browser = atPicker(provider, "card.demo0001", "p-2");
        Response approve = browser.post("/authorize/consent", "action", "approve");
        assertThat(approve.statusCode(), equalTo(303));
        assertThat(approve.header("Location"), endsWith("/authorize/consent"));
        Response page = browser.get(approve.header("Location"));
        assertThat(page.statusCode(), equalTo(200));
        assertThat(page.asString(), allOf(containsString("Please select at least one account"), containsString("value=\"ACC-C-0001-1\"")));
    }

    @Test
    void approvingTwoOfThreeAccountsRedirectsWithACodeAndConsentServiceGetsExactlyThoseAccounts() throws ParseException {
        Browser browser = atPicker(provider, "card.demo0001", "p-3");
        int before = BankServicesStandIn.consentCalls().size();
        Response approve = browser.post("/authorize/consent", "action", "approve",
                "account", "ACC-C-0001-2", "account", "ACC-S-0001-1");

        assertThat(approve.statusCode(), equalTo(303));
        assertThat(approve.header("Location"), startsWith(ProviderFixture.REDIRECT + "?"));
        Map<String, String> answer = query(approve.header("Location"));
        assertThat(answer.get("code"), notNullValue());
        assertThat(answer.get("state"), equalTo("p-3"));
        assertThat(answer.get("iss"), equalTo(ISSUER));

        // one call records the decision: the consent as requested, approved for those accounts
        List<ConsentCall> calls = BankServicesStandIn.consentCallsSince(before);
        assertThat(calls, hasSize(1));
        ConsentCall decision = only(calls, "decide");
        assertThat(decision.body().get("idempotencyKey").asText(), matchesPattern("[A-Za-z0-9_-]{43}"));
        assertThat(decision.body().get("decision").asText(), equalTo("APPROVED"));
        assertThat(decision.body().get("customerId").asText(), equalTo("CUS-C-0001"));
        assertThat(decision.body().get("providerId").asText(), equalTo(provider.clientId));
        assertThat(decision.body().get("providerName").asText(), equalTo("Demo Budget App"));
        assertThat(texts(decision.body().get("dataClusters")), equalTo(Journeys.CLUSTERS));
        assertThat(decision.body().get("requestedDurationDays").asInt(), equalTo(90));
        assertThat(texts(decision.body().get("accountIds")), equalTo(List.of("ACC-C-0001-2", "ACC-S-0001-1")));
        assertThat(decision.body().get("durationDays").asInt(), equalTo(90));
        assertThat(decision.authorization(), startsWith("Bearer "));

        // the provider redeems the code for tokens under exactly that consent, for the customer who signed in
        JWTClaimsSet claims = SignedJWT.parse(provider.redeem(answer.get("code"), Journeys.VERIFIER).getString("access_token"))
                .getJWTClaimsSet();
        assertThat(claims.getSubject(), equalTo("CUS-C-0001"));
        assertThat(claims.getStringClaim("consent_id"), equalTo(decision.consentId()));
        assertThat(claims.getStringClaim("client_id"), equalTo(provider.clientId));
    }

    @Test
    void theCustomerMayShortenTheDurationAndTheConsentIsAuthorizedForThatLong() {
        Browser browser = atPicker(provider, "card.demo0001", "p-short");
        assertThat(browser.get("/authorize/consent").asString(), allOf(containsString("<option value=\"30\""),
                containsString("<option value=\"90\" selected"), not(containsString("<option value=\"180\""))));
        int before = BankServicesStandIn.consentCalls().size();
        Response approve = browser.post("/authorize/consent", "action", "approve", "duration", "30",
                "account", "ACC-C-0001-1");
        assertThat(approve.statusCode(), equalTo(303));
        assertThat(approve.header("Location"), startsWith(ProviderFixture.REDIRECT + "?code="));
        assertThat(only(BankServicesStandIn.consentCallsSince(before), "decide").body().get("durationDays").asInt(),
                equalTo(30));
    }

    @Test
    void aForgedLongerDurationIsRefusedWithTheErrorPageAndNothingIsRecorded() {
        Browser browser = atPicker(provider, "card.demo0001", "p-long");
        int before = BankServicesStandIn.consentCalls().size();
        for (String forged : new String[] {"365", "91", "0", "-30", "thirty"}) {
            Response approve = browser.post("/authorize/consent", "action", "approve", "duration", forged,
                    "account", "ACC-C-0001-1");
            assertThat(approve.statusCode(), equalTo(400));
            assertThat(approve.contentType(), startsWith("text/html"));
            assertThat(approve.asString(), containsString("Please choose one of the durations shown."));
        }
        assertThat(BankServicesStandIn.consentCallsSince(before), hasSize(0));
    }

    @Test
    void decliningRedirectsWithAccessDeniedStateAndIssAndRecordsTheRejection() {
        Browser browser = atPicker(provider, "card.demo0002", "p-4");
        int before = BankServicesStandIn.consentCalls().size();
        Response decline = browser.post("/authorize/consent", "action", "decline", "account", "ACC-C-0002-1");

        assertThat(decline.statusCode(), equalTo(303));
        Map<String, String> answer = query(decline.header("Location"));
        assertThat(decline.header("Location"), startsWith(ProviderFixture.REDIRECT + "?"));
        assertThat(answer.get("error"), equalTo("access_denied"));
        assertThat(answer.get("state"), equalTo("p-4"));
        assertThat(answer.get("iss"), equalTo(ISSUER));
        assertThat(answer.containsKey("code"), equalTo(false));
        List<ConsentCall> calls = BankServicesStandIn.consentCallsSince(before);
        assertThat(calls, hasSize(1));
        JsonNode decision = only(calls, "decide").body();
        assertThat(decision.get("decision").asText(), equalTo("DECLINED"));
        assertThat(decision.get("idempotencyKey").asText(), matchesPattern("[A-Za-z0-9_-]{43}"));
        assertThat(decision.get("customerId").asText(), equalTo("CUS-C-0002"));
        assertThat(decision.get("requestedDurationDays").asInt(), equalTo(90));
        assertThat(decision.path("accountIds").isNull() || decision.path("accountIds").isMissingNode(), equalTo(true));
    }

    @Test
    void theSessionEndsWithTheAnswerToTheProvider() {
        Browser browser = atPicker(provider, "card.demo0001", "p-5");
        browser.post("/authorize/consent", "action", "decline");
        Response again = browser.get("/authorize/consent");
        assertThat(again.statusCode(), equalTo(400));
        assertThat(again.asString(), containsString("start again"));
    }

    @Test
    void anAccountThatIsNotTheCustomersCannotBeApproved() {
        Browser browser = atPicker(provider, "card.demo0002", "p-6");
        int before = BankServicesStandIn.consentCalls().size();
        Response approve = browser.post("/authorize/consent", "action", "approve", "account", "ACC-C-0001-1");
        assertThat(approve.statusCode(), equalTo(400));
        assertThat(approve.header("Location"), equalTo(null));
        assertThat(BankServicesStandIn.consentCalls(), hasSize(before));
    }

    @Test
    void whenAccountDataIsUnavailableTheCustomerIsAskedToTryAgainLater() {
        Browser browser = atPicker(provider, "card.demo0001", "p-7");
        BankServicesStandIn.failing(true);
        Response page = browser.get("/authorize/consent");
        assertThat(page.statusCode(), equalTo(503));
        assertThat(page.contentType(), startsWith("text/html"));
        assertThat(page.asString(), allOf(containsString(UNABLE), not(containsString("Exception")), not(containsString("at io."))));
        assertThat(page.header("Cache-Control"), equalTo("no-store"));
    }

    @Test
    void whenConsentServiceFailsOnApprovalNoCodeIsIssuedAndTheCustomerIsAskedToTryAgainLater() {
        Browser browser = atPicker(provider, "card.demo0001", "p-8");
        BankServicesStandIn.failing(true);
        Response approve = browser.post("/authorize/consent", "action", "approve", "account", "ACC-C-0001-1");
        assertThat(approve.statusCode(), equalTo(503));
        assertThat(approve.header("Location"), equalTo(null));
        assertThat(approve.asString(), allOf(containsString(UNABLE), not(containsString("Exception"))));
    }

    @Test
    void whenConsentServiceFailsOnDeclineTheProviderIsStillToldAccessDenied() {
        Browser browser = atPicker(provider, "card.demo0001", "p-10");
        BankServicesStandIn.failing(true);
        Response decline = browser.post("/authorize/consent", "action", "decline");
        assertThat(decline.statusCode(), equalTo(303));
        Map<String, String> answer = query(decline.header("Location"));
        assertThat(answer.get("error"), equalTo("access_denied"));
        assertThat(answer.get("state"), equalTo("p-10"));
    }

    @Test
    void theConsentPageRequiresSignInFirst() {
        Browser browser = Journeys.atSignIn(provider, "p-9");
        Response response = browser.get("/authorize/consent");
        assertThat(response.statusCode(), equalTo(303));
        assertThat(response.header("Location"), endsWith("/authorize/signin"));
    }

    private static ConsentCall only(List<ConsentCall> calls, String operation) {
        List<ConsentCall> matching = calls.stream().filter(c -> c.operation().equals(operation)).toList();
        assertThat(matching, hasSize(1));
        return matching.getFirst();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }
}
