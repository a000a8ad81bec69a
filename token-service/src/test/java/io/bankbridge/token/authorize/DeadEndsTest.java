package io.bankbridge.token.authorize;

import static io.bankbridge.token.authorize.Journeys.atPicker;
import static io.bankbridge.token.authorize.Journeys.atSignIn;
import static io.bankbridge.token.authorize.Journeys.query;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.bankbridge.testsupport.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every error page of the hosted flow has a way on: back to the provider (access_denied with its state and iss) when
 * the page belongs to this browser's own request, to the Security Center when no such request is known.
 */
@QuarkusTest
class DeadEndsTest {

    private static final String ISSUER = "http://localhost:8081";
    private static final String SECURITY_CENTER = "href=\"http://localhost:8082/security-center\"";
    private static final String RETURN_FORM = "action=\"/authorize/cancel\"";

    private ProviderFixture provider;

    @BeforeEach
    void onboardProvider() {
        provider = ProviderFixture.onboard("Demo Budget App");
    }

    @Test
    void aRefusedSignInFormOffersTheWayBackToTheProviderWithAccessDeniedStateAndIss() {
        Browser browser = atSignIn(provider, "dead-end-1");
        Response refused = browser.postRaw("/authorize/signin", "csrf", "forged", "username", "card.demo0001",
                "password", "Demo-0001-pass!");
        assertThat(refused.statusCode(), equalTo(403));
        assertThat(refused.asString(), allOf(containsString("not accepted"), containsString(RETURN_FORM),
                containsString("Return to Demo Budget App"), not(containsString(ProviderFixture.REDIRECT))));

        assertWayBackTo("dead-end-1", browser.post("/authorize/cancel"));
    }

    @Test
    void aRefusedChoiceOnTheConsentPageOffersTheWayBackToTheProvider() {
        Browser browser = atPicker(provider, "card.demo0002", "dead-end-2");
        Response refused = browser.post("/authorize/consent", "action", "maybe", "account", "ACC-C-0002-1");
        assertThat(refused.statusCode(), equalTo(400));
        assertThat(refused.asString(), allOf(containsString("Please choose Approve or Decline."),
                containsString(RETURN_FORM), containsString("Return to Demo Budget App")));

        assertWayBackTo("dead-end-2", browser.post("/authorize/cancel"));
    }

    @Test
    void aRequestThatExpiredOrWasUsedOffersTheSecurityCenterAndNoRedirect() {
        String requestUri = provider.push("dead-end-3", Journeys.VERIFIER, Journeys.CLUSTERS, 90);
        Browser first = Journeys.browser();
        first.follow(provider.authorizeUrl(requestUri));
        assertThat(first.post("/authorize/cancel").statusCode(), equalTo(303));

        Response used = Journeys.browser().follow(provider.authorizeUrl(requestUri));
        assertThat(used.statusCode(), equalTo(400));
        assertThat(used.asString(), allOf(containsString("has expired, was already used"),
                containsString(SECURITY_CENTER), not(containsString(RETURN_FORM)),
                not(containsString(ProviderFixture.REDIRECT))));
    }

    @Test
    void aRequestAnsweredAlreadyOffersTheSecurityCenter() {
        Browser browser = atPicker(provider, "card.demo0002", "dead-end-4");
        String csrf = browser.csrf();
        assertThat(browser.post("/authorize/consent", "action", "decline").statusCode(), equalTo(303));

        Response again = browser.postRaw("/authorize/consent", "csrf", csrf, "action", "decline");
        assertThat(again.statusCode(), equalTo(400));
        assertThat(again.asString(), allOf(containsString("Your session has ended"), containsString(SECURITY_CENTER),
                not(containsString(RETURN_FORM))));
    }

    @Test
    void theBanksOwnSignInHasNoProviderToReturnToAndOffersTheSecurityCenter() {
        String callback = ConfigProvider.getConfig().getValue("bankbridge.clients.security-center.redirect-uri", String.class);
        Browser browser = Journeys.browser();
        Response page = browser.follow("/authorize?client_id=security-center&response_type=code&redirect_uri="
                + URLEncoder.encode(callback, StandardCharsets.UTF_8) + "&scope=openid&state=sc&nonce=n"
                + "&code_challenge=" + ProviderFixture.challenge(Journeys.VERIFIER) + "&code_challenge_method=S256");
        assertThat(page.statusCode(), equalTo(200));
        Response refused = browser.postRaw("/authorize/signin", "csrf", "forged", "username", "x", "password", "y");
        assertThat(refused.statusCode(), equalTo(403));
        assertThat(refused.asString(), allOf(containsString(SECURITY_CENTER), not(containsString(RETURN_FORM))));
    }

    private static void assertWayBackTo(String state, Response back) {
        assertThat(back.statusCode(), equalTo(303));
        assertThat(back.header("Location"), startsWith(ProviderFixture.REDIRECT + "?"));
        Map<String, String> answer = query(back.header("Location"));
        assertThat(answer, allOf(hasEntry("error", "access_denied"), hasEntry("state", state), hasEntry("iss", ISSUER)));
        assertThat(answer.containsKey("code"), equalTo(false));
    }
}
