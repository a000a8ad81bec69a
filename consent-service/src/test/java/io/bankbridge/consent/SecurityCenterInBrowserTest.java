package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.PROVIDER;
import static io.bankbridge.consent.ConsentFixtures.PROVIDER_NAME;
import static io.bankbridge.consent.ConsentFixtures.authorized;
import static io.bankbridge.consent.ConsentFixtures.internalGet;
import static io.bankbridge.consent.ConsentFixtures.issuer;
import static io.bankbridge.consent.ConsentFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.bankbridge.testsupport.HostedPages;
import io.bankbridge.testsupport.HostedPages.Size;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.WebElement;

/**
 * The Security Center in a real Chromium, on a phone and on a desktop, signed in through the issuer's code flow: the
 * list, a connection's detail, sharing one account less, revoking it after the confirmation, and signing out. Every
 * page is checked with axe-core and for resources of other sites, and photographed; the main ones also at 320 px
 * wide, where nothing may overflow sideways.
 */
@QuarkusTest
class SecurityCenterInBrowserTest {

    private static final String SUITE = "consent-service";
    /** The narrowest phone screen the pages must fit, in CSS pixels. */
    private static final int NARROWEST = 320;

    @TestHTTPResource("/")
    URI base;

    @ParameterizedTest
    @EnumSource(Size.class)
    void aCustomerReviewsAConnectionSharesLessRevokesItAfterConfirmingAndSignsOut(Size size) {
        assertThat(HostedPages.available()).as("Chromium and chromedriver are installed (.ci/run installs them)").isTrue();
        // a demo person of its own per size (the database is this run's own), so the pictures show what a customer sees
        String n = size == Size.PHONE ? "0001" : "0002";
        String customer = "CUS-C-" + n;
        String login = "card.demo" + n;
        String active = authorized(customer, PROVIDER);
        issuer().signInAs(customer, List.of(), login);
        try (HostedPages pages = HostedPages.open(size, SUITE)) {
            pages.go(base.resolve("/security-center").toString());
            assertThat(pages.url()).isEqualTo(base.resolve("/security-center").toString());
            assertThat(pages.text()).contains("Connected apps").contains(PROVIDER_NAME).contains("Signed in as " + login)
                    .contains(AccountDataStandIn.CARD + ", " + AccountDataStandIn.SAVINGS).doesNotContain("ACC-")
                    .contains("1-800-555-0100");
            // The script put each time in the browser's time zone and named it; the UTC text stays as the title.
            WebElement since = pages.find("time[datetime]");
            assertThat(since.getAttribute("title")).endsWith("UTC");
            assertThat(since.getText()).isNotEqualTo(since.getAttribute("title"));
            assertThat(pages.find("#time-zone").getText()).startsWith("Times are shown in your time zone (");
            pages.check("01-connections").checkFits(NARROWEST, "01-connections-320");

            pages.follow("h3 a[href='/security-center/connections/" + active + "']");
            assertThat(pages.text()).contains("What " + PROVIDER_NAME + " can see")
                    .contains("What went in and out of the accounts you chose")
                    .contains(AccountDataStandIn.CARD).contains(AccountDataStandIn.SAVINGS).doesNotContain("ACC-");
            pages.check("02-connection").checkFits(NARROWEST, "02-connection-320");

            pages.follow("button[name=account][value='ACC-2']");
            assertThat(pages.url()).isEqualTo(base.resolve("/security-center/connections/" + active).toString());
            assertThat(pages.text()).contains("Account " + AccountDataStandIn.SAVINGS + " removed by the customer");
            assertThat(pages.all("button[name=account]")).extracting(b -> b.getAttribute("value")).containsExactly("ACC-1");
            assertThat(internalGet(active).getList("accountIds")).containsExactly("ACC-1");
            pages.check("03-shared-less");

            pages.follow("a[href='/security-center/connections/" + active + "/revoke']");
            assertThat(pages.text()).contains("Revoke access for " + PROVIDER_NAME + "?");
            assertThat(pages.text()).contains(AccountDataStandIn.CARD).doesNotContain(AccountDataStandIn.SAVINGS);
            pages.check("04-confirm-revoke").checkFits(NARROWEST, "04-confirm-revoke-320");
            assertThat(status(active)).isEqualTo("AUTHORIZED");

            pages.click("Yes, revoke access");
            assertThat(pages.text()).contains(PROVIDER_NAME + " can no longer access your data.");
            pages.check("05-revoked");
            assertThat(status(active)).isEqualTo("REVOKED");

            pages.click("Not you? Sign out");
            assertThat(pages.url()).isEqualTo(base.resolve("/security-center/signed-out").toString());
            assertThat(pages.text()).contains("You are signed out").doesNotContain(login);
            pages.check("06-signed-out");
        }
    }
}
