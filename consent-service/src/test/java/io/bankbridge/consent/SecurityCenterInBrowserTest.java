package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.PROVIDER;
import static io.bankbridge.consent.ConsentFixtures.PROVIDER_NAME;
import static io.bankbridge.consent.ConsentFixtures.authorized;
import static io.bankbridge.consent.ConsentFixtures.issuer;
import static io.bankbridge.consent.ConsentFixtures.newCustomer;
import static io.bankbridge.consent.ConsentFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.bankbridge.testsupport.HostedPages;
import io.bankbridge.testsupport.HostedPages.Size;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.WebElement;

/**
 * The Security Center in a real Chromium, on a phone and on a desktop, signed in through the issuer's code flow: the
 * list, a connection's detail, revoking it after the confirmation, and signing out. Every page is checked with
 * axe-core and for resources of other sites, and photographed.
 */
@QuarkusTest
class SecurityCenterInBrowserTest {

    private static final String SUITE = "consent-service";

    @TestHTTPResource("/")
    URI base;

    @ParameterizedTest
    @EnumSource(Size.class)
    void aCustomerReviewsAConnectionRevokesItAfterConfirmingAndSignsOut(Size size) {
        assertThat(HostedPages.available()).as("Chromium and chromedriver are installed (.ci/run installs them)").isTrue();
        String customer = newCustomer();
        String active = authorized(customer, PROVIDER);
        issuer().signInAs(customer);
        try (HostedPages pages = HostedPages.open(size, SUITE)) {
            pages.go(base.resolve("/security-center").toString());
            assertThat(pages.url()).isEqualTo(base.resolve("/security-center").toString());
            assertThat(pages.text()).contains("Connected apps").contains(PROVIDER_NAME).contains("Signed in as " + customer)
                    .contains("1-800-555-0100");
            // The script put each time in the browser's time zone and named it; the UTC text stays as the title.
            WebElement since = pages.find("time[datetime]");
            assertThat(since.getAttribute("title")).endsWith("UTC");
            assertThat(since.getText()).isNotEqualTo(since.getAttribute("title"));
            assertThat(pages.find("#time-zone").getText()).startsWith("Times are shown in your time zone (");
            pages.check("01-connections");

            pages.follow("h3 a[href='/security-center/connections/" + active + "']");
            assertThat(pages.text()).contains("What " + PROVIDER_NAME + " can see")
                    .contains("What went in and out of the accounts you chose");
            pages.check("02-connection");

            pages.follow("a[href='/security-center/connections/" + active + "/revoke']");
            assertThat(pages.text()).contains("Revoke access for " + PROVIDER_NAME + "?");
            pages.check("03-confirm-revoke");
            assertThat(status(active)).isEqualTo("AUTHORIZED");

            pages.click("Yes, revoke access");
            assertThat(pages.text()).contains(PROVIDER_NAME + " can no longer access your data.");
            pages.check("04-revoked");
            assertThat(status(active)).isEqualTo("REVOKED");

            pages.click("Not you? Sign out");
            assertThat(pages.url()).isEqualTo(base.resolve("/security-center/signed-out").toString());
            assertThat(pages.text()).contains("You are signed out").doesNotContain(customer);
            pages.check("05-signed-out");
        }
    }
}
