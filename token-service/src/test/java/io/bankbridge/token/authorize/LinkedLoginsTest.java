package io.bankbridge.token.authorize;

import static io.bankbridge.token.authorize.Journeys.atPicker;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.bankbridge.testsupport.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connecting a second site's login from the account picker. */
@QuarkusTest
class LinkedLoginsTest {

    private static final String UNABLE_TO_LINK = "We are unable to link your account with the information provided.";

    private ProviderFixture provider;

    @BeforeEach
    void onboardProvider() {
        provider = ProviderFixture.onboard("Demo Budget App");
    }

    @Test
    void linkingTheSavingsLoginAddsItsAccountsToThePicker() {
        Browser browser = atPicker(provider, "card.demo0002", "l-1");
        assertThat(browser.get("/authorize/consent").asString(), not(containsString("ACC-S-0002-1")));

        Response form = browser.get("/authorize/link");
        assertThat(form.statusCode(), equalTo(200));
        assertThat(form.asString(), containsString("name=\"csrf\""));
        Response link = browser.post("/authorize/link", "username", "savings.demo0002", "password", "Demo-0002-pass!");
        assertThat(link.statusCode(), equalTo(303));
        assertThat(link.header("Location"), endsWith("/authorize/consent"));

        Response picker = browser.get(link.header("Location"));
        assertThat(picker.asString(), allOf(containsString("value=\"ACC-C-0002-1\""), containsString("value=\"ACC-S-0002-1\""),
                containsString("have been added")));

        // the link holds for later sign-ins too, from either side, and each login keeps its own password
        assertThat(atPicker(provider, "savings.demo0002", "l-2").get("/authorize/consent").asString(),
                allOf(containsString("value=\"ACC-C-0002-2\""), containsString("value=\"ACC-S-0002-1\"")));
    }

    @Test
    void wrongCredentialsOfTheOtherLoginAreRefusedAndCountTowardItsLockout() {
        Browser browser = atPicker(provider, "card.demo0002", "l-3");
        browser.get("/authorize/link");
        for (int i = 1; i <= 4; i++) {
            Response link = browser.post("/authorize/link", "username", "savings.demo0003", "password", "wrong-" + i);
            assertThat(link.header("Location"), endsWith("/authorize/link"));
            assertThat(browser.get(link.header("Location")).asString(), containsString(Journeys.INVALID));
        }
        Response fifth = browser.post("/authorize/link", "username", "savings.demo0003", "password", "wrong-5");
        assertThat(browser.get(fifth.header("Location")).asString(), containsString("That account is temporarily locked"));

        // savings.demo0003 itself is now locked on the sign-in page, even with its right password
        Browser owner = Journeys.atSignIn(provider, "l-4");
        Response signIn = Journeys.signIn(owner, "savings.demo0003", "Demo-0003-pass!");
        assertThat(owner.get(signIn.header("Location")).asString(), containsString("Your account is temporarily locked"));
    }

    @Test
    void aLoginAlreadyLinkedElsewhereCannotBeLinked() {
        Browser browser = atPicker(provider, "card.demo0002", "l-5");
        browser.get("/authorize/link");
        Response link = browser.post("/authorize/link", "username", "savings.demo0001", "password", "Demo-0001-pass!");
        assertThat(link.header("Location"), endsWith("/authorize/link"));
        assertThat(browser.get(link.header("Location")).asString(), containsString(UNABLE_TO_LINK));
        assertThat(browser.get("/authorize/consent").asString(), not(containsString("ACC-S-0001-1")));
    }

    @Test
    void theSignedInLoginCannotBeLinkedToItself() {
        Browser browser = atPicker(provider, "card.demo0001", "l-6");
        browser.get("/authorize/link");
        Response link = browser.post("/authorize/link", "username", "card.demo0001", "password", "Demo-0001-pass!");
        assertThat(browser.get(link.header("Location")).asString(), containsString(UNABLE_TO_LINK));
    }

    @Test
    void linkingNeedsTheCsrfToken() {
        Browser browser = atPicker(provider, "card.demo0001", "l-7");
        Response link = browser.postRaw("/authorize/link", "username", "savings.demo0002", "password", "Demo-0002-pass!");
        assertThat(link.statusCode(), equalTo(403));
    }
}
