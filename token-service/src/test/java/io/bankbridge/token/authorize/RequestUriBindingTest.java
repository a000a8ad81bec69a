package io.bankbridge.token.authorize;

import static io.bankbridge.token.authorize.Journeys.query;
import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.bankbridge.testsupport.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A pushed request survives a link prefetch and a reload: it is bound to the browser in which the customer signs in,
 * consumed when the customer decides, and never yields two answers.
 */
@QuarkusTest
class RequestUriBindingTest {

    private ProviderFixture provider;

    @BeforeEach
    void onboardProvider() {
        provider = ProviderFixture.onboard("Prefetched App");
    }

    @Test
    void aPrefetchWithoutCookiesDoesNotUseTheRequestAndTheCustomerCompletesIt() {
        String url = provider.authorizeUrl(provider.push("b-1", Journeys.VERIFIER, Journeys.CLUSTERS, 90));
        // a mail or chat link scanner: no cookies kept, follows the redirect, never posts
        for (int i = 0; i < 2; i++) {
            Response scanned = given().redirects().follow(true).header("User-Agent", "LinkScanner/1.0")
                    .urlEncodingEnabled(false).get(url);
            assertThat(scanned.statusCode(), lessThan(500));
        }

        Browser customer = Journeys.browser();
        assertThat(customer.follow(url).statusCode(), equalTo(200));
        Response signedIn = Journeys.signIn(customer, "card.demo0001", "Demo-0001-pass!");
        assertThat(signedIn.header("Location"), endsWith("/authorize/consent"));
        assertThat(customer.get("/authorize/consent").statusCode(), equalTo(200));

        String code = approve(customer).get("code");
        assertThat(code, notNullValue());
        assertThat(provider.redeem(code, Journeys.VERIFIER).getString("access_token"), notNullValue());
    }

    @Test
    void aReloadOfTheAuthorizationUrlInTheSameBrowserCarriesOn() {
        String url = provider.authorizeUrl(provider.push("b-2", Journeys.VERIFIER, Journeys.CLUSTERS, 90));
        Browser customer = signedIn(url);

        Response reloaded = customer.get(url);
        assertThat(reloaded.statusCode(), equalTo(303));
        assertThat(reloaded.header("Set-Cookie"), equalTo(null));
        Response page = customer.follow(reloaded.header("Location"));
        assertThat(page.statusCode(), equalTo(200));
        assertThat(page.asString(), containsString("value=\"ACC-C-0001-1\""));
        assertThat(approve(customer).get("code"), notNullValue());
    }

    @Test
    void aSecondBrowserIsRefusedOnceTheCustomerSignedInAndTheCustomerCarriesOn() {
        String url = provider.authorizeUrl(provider.push("b-3", Journeys.VERIFIER, Journeys.CLUSTERS, 90));
        Browser customer = Journeys.browser();
        Browser other = Journeys.browser();
        customer.follow(url);
        assertThat(other.follow(url).statusCode(), equalTo(200));
        Journeys.signIn(customer, "card.demo0001", "Demo-0001-pass!");

        Response late = Journeys.browser().get(url);
        assertThat(late.statusCode(), equalTo(400));
        assertThat(late.header("Location"), equalTo(null));
        assertThat(late.asString(), containsString("another browser"));
        // a browser that opened it before the customer signed in cannot take it over by signing in either
        Response takeover = other.post("/authorize/signin", "username", "card.demo0002", "password", "Demo-0002-pass!");
        assertThat(takeover.statusCode(), equalTo(400));
        assertThat(takeover.asString(), containsString("another browser"));

        customer.get("/authorize/consent");
        assertThat(approve(customer).get("code"), notNullValue());
    }

    @Test
    void theRequestIsUsedUpByTheDecisionAndTwoDecisionsGiveOneAnswer() throws Exception {
        String url = provider.authorizeUrl(provider.push("b-4", Journeys.VERIFIER, Journeys.CLUSTERS, 90));
        Browser customer = signedIn(url);
        customer.get("/authorize/consent");

        List<Response> answers = new ArrayList<>();
        // two tabs of the same browser (same cookie, same form) approving at once
        Callable<Response> click = () -> given().redirects().follow(false).cookies(customer.cookies())
                .contentType("application/x-www-form-urlencoded").formParam("csrf", customer.csrf())
                .formParam("action", "approve").formParam("account", "ACC-C-0001-1").post("/authorize/consent");
        try (ExecutorService tabs = Executors.newFixedThreadPool(2)) {
            List<Future<Response>> clicks = List.of(tabs.submit(click), tabs.submit(click));
            for (Future<Response> answer : clicks) {
                answers.add(answer.get());
            }
        }
        long codes = answers.stream().filter(r -> r.statusCode() == 303
                && r.header("Location").startsWith(ProviderFixture.REDIRECT + "?code=")).count();
        assertThat(codes, equalTo(1L));

        Response afterwards = Journeys.browser().get(url);
        assertThat(afterwards.statusCode(), equalTo(400));
    }

    @Test
    void notYouSignsOutAndReturnsToTheSignInOfTheSameRequest() {
        Browser browser = signedIn(provider.authorizeUrl(provider.push("b-5", Journeys.VERIFIER, Journeys.CLUSTERS, 90)));
        Response picker = browser.get("/authorize/consent");
        assertThat(picker.asString(), allOf(containsString("Signed in as <strong>card.demo0001</strong>"),
                containsString("action=\"/authorize/signout\""), containsString("Not you?")));

        Response signedOut = browser.post("/authorize/signout");
        assertThat(signedOut.statusCode(), equalTo(303));
        assertThat(signedOut.header("Location"), endsWith("/authorize/signin"));
        assertThat(signedOut.header("Set-Cookie"), startsWith("bankbridge-authorization="));
        Response consent = browser.get("/authorize/consent");
        assertThat(consent.statusCode(), equalTo(303));
        assertThat(consent.header("Location"), endsWith("/authorize/signin"));

        // someone else signs in on the same device and answers the same request
        assertThat(browser.follow("/authorize/signin").asString(), containsString("Prefetched App"));
        Journeys.signIn(browser, "card.demo0002", "Demo-0002-pass!");
        Response page = browser.get("/authorize/consent");
        assertThat(page.asString(), allOf(containsString("card.demo0002"), not(containsString("card.demo0001"))));
        Response approve = browser.post("/authorize/consent", "action", "approve", "account", "ACC-C-0002-1");
        assertThat(approve.header("Location"), startsWith(ProviderFixture.REDIRECT + "?code="));
    }

    @Test
    void notYouWithoutTheCsrfTokenChangesNothing() {
        Browser browser = signedIn(provider.authorizeUrl(provider.push("b-6", Journeys.VERIFIER, Journeys.CLUSTERS, 90)));

        assertThat(browser.postRaw("/authorize/signout").statusCode(), equalTo(403));
        assertThat(browser.get("/authorize/consent").statusCode(), equalTo(200));
        assertThat(Journeys.browser().postRaw("/authorize/signout", "csrf", "guess").statusCode(), equalTo(400));
    }

    /** A browser that opened {@code url} and signed in as card.demo0001. */
    private static Browser signedIn(String url) {
        Browser browser = Journeys.browser();
        browser.follow(url);
        Journeys.signIn(browser, "card.demo0001", "Demo-0001-pass!");
        return browser;
    }

    private static java.util.Map<String, String> approve(Browser browser) {
        Response approve = browser.post("/authorize/consent", "action", "approve", "account", "ACC-C-0001-1");
        assertThat(approve.statusCode(), equalTo(303));
        assertThat(approve.header("Location"), startsWith(ProviderFixture.REDIRECT + "?"));
        return query(approve.header("Location"));
    }
}
