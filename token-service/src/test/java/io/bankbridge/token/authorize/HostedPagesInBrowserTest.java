package io.bankbridge.token.authorize;

import static io.bankbridge.token.authorize.Journeys.CLUSTERS;
import static io.bankbridge.token.authorize.Journeys.VERIFIER;
import static io.bankbridge.token.authorize.Journeys.query;
import static org.assertj.core.api.Assertions.assertThat;

import io.bankbridge.testsupport.HostedPages;
import io.bankbridge.testsupport.HostedPages.Size;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.bankbridge.token.login.Login;
import io.bankbridge.token.login.LoginStore;
import io.bankbridge.token.login.PasswordHasher;
import io.bankbridge.token.login.Site;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

/**
 * The sign-in, account picker, linking and error pages in a real Chromium, on a phone and on a desktop, as a customer
 * uses them: every page they reach is checked with axe-core and for resources of other sites, and photographed; the
 * main ones also at 320 px wide, where nothing may overflow sideways.
 */
@QuarkusTest
class HostedPagesInBrowserTest {

    private static final String SUITE = "token-service";
    /** The narrowest phone screen the pages must fit, in CSS pixels. */
    private static final int NARROWEST = 320;

    @TestHTTPResource("/")
    URI base;
    @Inject
    LoginStore logins;
    @Inject
    PasswordHasher hasher;

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
            pages.check("01-sign-in").checkFits(NARROWEST, "01-sign-in-320");
            pages.fill("User name", "card.demo0001").fill("Password", "not-the-password").click("Sign in");
            assertThat(pages.text()).contains("The user name and password combination you provided is not valid");
            pages.check("02-sign-in-error");

            pages.fill("User name", "card.demo0001").fill("Password", Journeys.demoPassword("card.demo0001")).click("Sign in");
            assertThat(pages.url()).endsWith("/authorize/consent");
            assertThat(pages.text()).contains("Demo Budget App would like to access your account data")
                    .contains("Signed in as card.demo0001").contains("Not you? Sign out").contains("1-800-555-0100");
            pages.check("03-consent").checkFits(NARROWEST, "03-consent-320");

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
            assertThat(BankServicesStandIn.consentCallsSince(before).stream().filter(c -> c.operation().equals("decide"))
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

    @ParameterizedTest
    @EnumSource(Size.class)
    void aCustomerLinksTheirSavingsLoginAndSharesAnAccountOfIt(Size size) {
        // a person of their own per size, so that neither run finds the logins linked already
        String n = size == Size.PHONE ? "0104" : "0105";
        person(n);
        try (HostedPages pages = HostedPages.open(size, SUITE)) {
            start(pages, "link-" + size);
            pages.fill("User name", "card.demo" + n).fill("Password", Journeys.demoPassword("card.demo" + n))
                    .click("Sign in");
            assertThat(pages.text()).contains("Rewards Card").doesNotContain("High Yield Savings");
            pages.follow("a[href='/authorize/link']");
            pages.fill("User name on the other site", "savings.demo" + n)
                    .fill("Password on the other site", Journeys.demoPassword("savings.demo" + n)).click("Connect");
            assertThat(pages.url()).endsWith("/authorize/consent");
            assertThat(pages.text()).contains("have been added").contains("Rewards Card").contains("High Yield Savings");
            pages.check("08-linked").checkFits(NARROWEST, "08-linked-320");

            pages.find("input[name=account][value='ACC-S-" + n + "-1']").click();
            int before = BankServicesStandIn.consentCalls().size();
            pages.click("Approve");
            assertThat(pages.url()).startsWith(ProviderFixture.REDIRECT);
            assertThat(query(pages.url())).containsKeys("code", "iss").containsEntry("state", "link-" + size);
            assertThat(BankServicesStandIn.consentCallsSince(before).stream().filter(c -> c.operation().equals("decide"))
                    .map(c -> c.body().get("accountIds").toString()).toList())
                    .containsExactly("[\"ACC-S-" + n + "-1\"]");
        }
    }

    @ParameterizedTest
    @EnumSource(Size.class)
    void aRefusedFormLeavesTheCustomerAWayBackToTheProvider(Size size) {
        try (HostedPages pages = HostedPages.open(size, SUITE)) {
            start(pages, "refused-" + size);
            // as if the page had been open for too long: its form token is no longer the session's
            ((JavascriptExecutor) pages.driver())
                    .executeScript("document.querySelectorAll('input[name=csrf]').forEach(e => e.value = 'stale')");
            pages.fill("User name", "card.demo0002").fill("Password", "anything").click("Sign in");
            assertThat(pages.text()).contains("We could not verify your request");
            pages.check("09-refused").checkFits(NARROWEST, "09-refused-320");

            pages.click("Return to Demo Budget App");
            assertThat(pages.url()).startsWith(ProviderFixture.REDIRECT);
            assertThat(query(pages.url())).containsEntry("error", "access_denied")
                    .containsEntry("state", "refused-" + size).containsEntry("iss", "http://localhost:8081");
        }
    }

    /** Demo person {@code n}'s card and savings logins, not linked, with the demo passwords. */
    private void person(String n) {
        for (Site site : Site.values()) {
            String username = site.name().toLowerCase() + ".demo" + n;
            String customerId = "CUS-" + site.name().charAt(0) + "-" + n;
            logins.insertIfAbsent(new Login(UUID.randomUUID(), username, site, customerId),
                    hasher.hash(Journeys.demoPassword(username))).await().atMost(Duration.ofSeconds(30));
        }
    }

    private void start(HostedPages pages, String state) {
        String requestUri = provider.push(state, VERIFIER, CLUSTERS, 90);
        pages.go(base.resolve(provider.authorizeUrl(requestUri)).toString());
        assertThat(pages.url()).contains("/authorize/signin");
    }
}
