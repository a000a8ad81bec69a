package io.bankbridge.token.authorize;

import static io.bankbridge.token.authorize.Journeys.CLUSTERS;
import static io.bankbridge.token.authorize.Journeys.VERIFIER;
import static io.bankbridge.token.authorize.Journeys.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.bankbridge.testsupport.HostedPages;
import io.bankbridge.testsupport.HostedPages.Size;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.support.ui.Select;

/**
 * The sign-in, account picker and linking pages in a real Chromium, on a phone and on a desktop, as a customer uses
 * them: every page they reach is checked with axe-core and for resources of other sites, and photographed.
 */
@QuarkusTest
class HostedPagesInBrowserTest {

    private static final String SUITE = "token-service";

    @TestHTTPResource("/")
    URI base;

    private ProviderFixture provider;

    @BeforeEach
    void onboardProvider() {
        assertThat(HostedPages.available()).as("Chromium and chromedriver are installed (.ci/run installs them)").isTrue();
        provider = ProviderFixture.onboard("Demo Budget App");
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void aCustomerSignsInAfterAMistakePicksAccountsAndApproves(Size size) {
        try (HostedPages pages = HostedPages.open(size, SUITE)) {
            start(pages, "approve-" + size);
            pages.check("01-sign-in");
            pages.fill("User name", "card.demo0001").fill("Password", "not-the-password").click("Sign in");
            assertThat(pages.text()).contains("The user name and password combination you provided is not valid");
            pages.check("02-sign-in-error");

            pages.fill("User name", "card.demo0001").fill("Password", Journeys.demoPassword("card.demo0001")).click("Sign in");
            assertThat(pages.url()).endsWith("/authorize/consent");
            assertThat(pages.text()).contains("Demo Budget App would like to access your account data")
                    .contains("Signed in as card.demo0001").contains("Not you? Sign out").contains("1-800-555-0100");
            pages.check("03-consent");

            pages.click("Approve");
            assertThat(pages.text()).contains("Please select at least one account");
            pages.check("04-consent-no-account");

            pages.find("input[name=account][value='ACC-C-0001-1']").click();
            new Select(pages.labelled("For how long")).selectByValue("30");
            int before = BankServicesStandIn.consentCalls().size();
            pages.click("Approve");
            Map<String, String> answer = query(pages.url());
            assertThat(pages.url()).startsWith(ProviderFixture.REDIRECT);
            assertThat(answer).containsKeys("code", "iss").containsEntry("state", "approve-" + size);
            assertThat(BankServicesStandIn.consentCallsSince(before).stream().filter(c -> c.operation().equals("authorize"))
                    .map(c -> c.body().get("durationDays").asInt()).toList()).containsExactly(30);
        }
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void aCustomerCancelsAtSignInAndReturnsToTheProviderThenFindsTheWayToTheSecurityCenter(Size size) {
        try (HostedPages pages = HostedPages.open(size, SUITE)) {
            start(pages, "cancel-" + size);
            pages.click("Cancel and return to Demo Budget App");
            assertThat(pages.url()).startsWith(ProviderFixture.REDIRECT);
            assertThat(query(pages.url())).containsEntry("error", "access_denied").containsEntry("state", "cancel-" + size)
                    .containsKey("iss");

            pages.go(base.resolve("/authorize/consent").toString());
            assertThat(pages.text()).contains("Your session has ended");
            pages.check("07-session-ended");
            assertThat(pages.find("a.button").getAttribute("href")).isEqualTo("http://localhost:8082/security-center");
        }
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void aCustomerOpensTheLinkingPageAndDeclines(Size size) {
        try (HostedPages pages = HostedPages.open(size, SUITE)) {
            start(pages, "decline-" + size);
            // demo person 0002: the lockout tests spend person 0003's attempts
            pages.fill("User name", "card.demo0002").fill("Password", Journeys.demoPassword("card.demo0002")).click("Sign in");
            pages.follow("a[href='/authorize/link']");
            pages.check("05-link");
            pages.fill("User name on the other site", "savings.demo0002").fill("Password on the other site", "wrong")
                    .click("Connect");
            assertThat(pages.text()).contains("not valid");
            pages.check("06-link-error");
            pages.follow("a[href='/authorize/consent']");
            pages.click("Not you? Sign out");
            assertThat(pages.url()).endsWith("/authorize/signin");
            pages.fill("User name", "card.demo0002").fill("Password", Journeys.demoPassword("card.demo0002")).click("Sign in");
            assertThat(pages.text()).contains("Signed in as card.demo0002");

            pages.click("Decline");
            assertThat(pages.url()).as(pages.text()).startsWith(ProviderFixture.REDIRECT);
            assertThat(query(pages.url())).containsEntry("error", "access_denied").containsEntry("state", "decline-" + size);
        }
    }

    private void start(HostedPages pages, String state) {
        String requestUri = provider.push(state, VERIFIER, CLUSTERS, 90);
        pages.go(base.resolve(provider.authorizeUrl(requestUri)).toString());
        assertThat(pages.url()).contains("/authorize/signin");
    }
}
