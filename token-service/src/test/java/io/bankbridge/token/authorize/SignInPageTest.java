package io.bankbridge.token.authorize;

import static io.bankbridge.token.authorize.Journeys.INVALID;
import static io.bankbridge.token.authorize.Journeys.LOCKED;
import static io.bankbridge.token.authorize.Journeys.atSignIn;
import static io.bankbridge.token.authorize.Journeys.signIn;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasEntry;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.bankbridge.testsupport.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The bank's sign-in page as a customer's browser sees it. */
@QuarkusTest
class SignInPageTest {

    private ProviderFixture provider;

    @BeforeEach
    void onboardProvider() {
        provider = ProviderFixture.onboard("Demo Budget App");
    }

    @Test
    void authorizeWithAPushedRequestOpensASessionAndShowsTheSignInForm() {
        Browser browser = Journeys.browser();
        Response start = browser.get(provider.authorizeUrl(provider.push("s-1", Journeys.VERIFIER, Journeys.CLUSTERS, 90)));
        assertThat(start.statusCode(), equalTo(303));
        assertThat(start.header("Location"), endsWith("/authorize/signin"));
        assertThat(start.header("Set-Cookie"), allOf(startsWith("bankbridge-authorization="), containsString("HttpOnly"),
                containsString("SameSite=Lax"), containsString("Path=/")));

        Response page = browser.get(start.header("Location"));
        assertThat(page.statusCode(), equalTo(200));
        assertThat(page.contentType(), startsWith("text/html"));
        assertThat(page.asString(), allOf(containsString("Demo Budget App"), containsString("name=\"username\""),
                containsString("name=\"password\""), containsString("name=\"csrf\""),
                containsString("name=\"viewport\"")));
        assertThat(browser.csrf().length(), equalTo(43));
    }

    @Test
    void everyPageCarriesTheSecurityHeaders() {
        Browser browser = Journeys.browser();
        Response start = browser.get(provider.authorizeUrl(provider.push("s-2", Journeys.VERIFIER, Journeys.CLUSTERS, 90)));
        Response page = browser.get(start.header("Location"));
        Response failed = browser.post("/authorize/signin", "username", "nobody", "password", "x");
        for (Response response : new Response[] {start, page, failed}) {
            assertThat(response.header("Content-Security-Policy"), allOf(containsString("frame-ancestors 'none'"),
                    containsString("default-src 'self'"), not(containsString("unsafe-inline"))));
            assertThat(response.header("Referrer-Policy"), equalTo("no-referrer"));
            assertThat(response.header("X-Content-Type-Options"), equalTo("nosniff"));
            assertThat(response.header("Cache-Control"), equalTo("no-store"));
        }
        // Links to the bank's help and legal pages are fine; nothing is loaded from anywhere but this service.
        assertThat(page.asString(), allOf(not(containsString("<script")), not(containsString("style=")),
                not(containsString("<style")), not(containsString("src=\"http")), not(containsString("href=\"//"))));
    }

    @Test
    void unknownUserAndWrongPasswordGetTheSameGenericAnswer() {
        Browser unknown = atSignIn(provider, "s-3");
        Response unknownPost = signIn(unknown, "no.such.customer", "Demo-0001-pass!");
        Response unknownPage = unknown.get(unknownPost.header("Location"));

        Browser wrong = atSignIn(provider, "s-4");
        Response wrongPost = signIn(wrong, "card.demo0001", "not-the-password");
        Response wrongPage = wrong.get(wrongPost.header("Location"));

        assertThat(unknownPost.header("Location"), endsWith("/authorize/signin"));
        assertThat(wrongPost.header("Location"), equalTo(unknownPost.header("Location")));
        assertThat(unknownPage.statusCode(), equalTo(200));
        assertThat(wrongPage.statusCode(), equalTo(200));
        assertThat(unknownPage.asString(), containsString(INVALID));
        assertThat(wrongPage.asString().replace(wrong.csrf(), ""), equalTo(unknownPage.asString().replace(unknown.csrf(), "")));
    }

    @Test
    void theMessageIsShownOnceAndSignInSucceedsAfterAFailure() {
        Browser browser = atSignIn(provider, "s-5");
        browser.get(signIn(browser, "card.demo0001", "wrong").header("Location"));
        assertThat(browser.get("/authorize/signin").asString(), not(containsString(INVALID)));
        assertThat(signIn(browser, "CARD.demo0001 ", "Demo-0001-pass!").header("Location"), endsWith("/authorize/consent"));
    }

    @Test
    void fiveFailuresLockTheLoginAndThenEvenTheRightPasswordIsRefused() {
        Browser browser = atSignIn(provider, "s-6");
        for (int i = 1; i <= 4; i++) {
            Response page = browser.get(signIn(browser, "card.demo0003", "wrong-" + i).header("Location"));
            assertThat(page.asString(), allOf(containsString(INVALID), not(containsString(LOCKED))));
        }
        Response fifth = browser.get(signIn(browser, "card.demo0003", "wrong-5").header("Location"));
        assertThat(fifth.asString(), containsString("Your account is temporarily locked"));

        Response right = signIn(browser, "card.demo0003", "Demo-0003-pass!");
        assertThat(right.header("Location"), endsWith("/authorize/signin"));
        assertThat(browser.get(right.header("Location")).asString(), containsString("Your account is temporarily locked"));
    }

    @Test
    void aFormWithoutTheCsrfTokenIsRefusedWith403() {
        Browser browser = atSignIn(provider, "s-7");
        Response response = browser.postRaw("/authorize/signin", "username", "card.demo0001", "password", "Demo-0001-pass!");
        assertThat(response.statusCode(), equalTo(403));
        assertThat(response.contentType(), startsWith("text/html"));
        assertThat(response.asString(), containsString("not accepted"));
        assertThat(response.header("Content-Security-Policy"), containsString("frame-ancestors 'none'"));
    }

    @Test
    void aFormWithAnotherSessionsCsrfTokenIsRefusedWith403() {
        Browser other = atSignIn(provider, "s-8");
        Browser browser = atSignIn(provider, "s-9");
        Response response = browser.postRaw("/authorize/signin", "csrf", other.csrf(), "username", "card.demo0001",
                "password", "Demo-0001-pass!");
        assertThat(response.statusCode(), equalTo(403));
        assertThat(response.asString(), containsString("not accepted"));
    }

    @Test
    void cancelSendsTheCustomerBackWithAccessDeniedStateAndIssAndUsesTheRequestUp() {
        Browser browser = Journeys.browser();
        String requestUri = provider.push("s-cancel", Journeys.VERIFIER, Journeys.CLUSTERS, 90);
        browser.follow(provider.authorizeUrl(requestUri));
        Response cancel = browser.post("/authorize/cancel");
        assertThat(cancel.statusCode(), equalTo(303));
        assertThat(cancel.header("Location"), startsWith(ProviderFixture.REDIRECT + "?"));
        assertThat(Journeys.query(cancel.header("Location")), allOf(hasEntry("error", "access_denied"),
                hasEntry("state", "s-cancel"), hasEntry("iss", "http://localhost:8081")));
        assertThat(cancel.header("Location"), not(containsString("code=")));

        Response again = Journeys.browser().follow(provider.authorizeUrl(requestUri));
        assertThat(again.statusCode(), equalTo(400));
        assertThat(again.asString(), containsString("We cannot continue with this request"));
    }

    @Test
    void cancelWithoutTheCsrfTokenIsRefusedWith403AndTheRequestStaysUsable() {
        Browser browser = atSignIn(provider, "s-cancel-2");
        Response forged = browser.postRaw("/authorize/cancel");
        assertThat(forged.statusCode(), equalTo(403));
        assertThat(forged.contentType(), startsWith("text/html"));
        assertThat(signIn(browser, "card.demo0001", "Demo-0001-pass!").header("Location"), endsWith("/authorize/consent"));
    }

    @Test
    void theSessionEndedPageOffersTheWayToTheSecurityCenter() {
        Response response = Journeys.browser().get("/authorize/consent");
        assertThat(response.statusCode(), equalTo(400));
        assertThat(response.asString(), allOf(containsString("Your session has ended"),
                containsString("href=\"http://localhost:8082/security-center\"")));
    }

    @Test
    void aPageWithoutSessionSaysTheSessionEnded() {
        Response response = Journeys.browser().get("/authorize/signin");
        assertThat(response.statusCode(), equalTo(400));
        assertThat(response.contentType(), startsWith("text/html"));
        assertThat(response.asString(), containsString("start again"));
    }

    @Test
    void anUnknownClientGetsAnErrorPageNotARedirect() {
        Response response = Journeys.browser().get("/authorize?client_id=no-such-client&request_uri=urn:x&redirect_uri=https://evil.example/cb");
        assertThat(response.statusCode(), equalTo(400));
        assertThat(response.header("Location"), equalTo(null));
        assertThat(response.contentType(), startsWith("text/html"));
        assertThat(response.asString(), containsString("not known to us"));
    }

    @Test
    void anotherClientCannotUseARequestUri() {
        String requestUri = provider.push("s-10", Journeys.VERIFIER, Journeys.CLUSTERS, 90);
        ProviderFixture other = ProviderFixture.onboard("Other App");
        Response stolen = Journeys.browser().get(other.authorizeUrl(requestUri));
        assertThat(stolen.statusCode(), equalTo(400));
        assertThat(stolen.header("Location"), equalTo(null));

        assertThat(Journeys.browser().get(provider.authorizeUrl(requestUri)).statusCode(), equalTo(303));
    }

    @Test
    void aProviderWithoutPushedRequestGetsAnErrorPage() {
        Response response = Journeys.browser().get("/authorize?client_id=" + provider.clientId + "&response_type=code&redirect_uri="
                + ProviderFixture.REDIRECT + "&code_challenge=" + ProviderFixture.challenge(Journeys.VERIFIER)
                + "&code_challenge_method=S256&state=x");
        assertThat(response.statusCode(), equalTo(400));
        assertThat(response.header("Location"), equalTo(null));
        assertThat(response.asString(), containsString("pushed authorization request"));
    }
}
