package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.PROVIDER;
import static io.bankbridge.consent.ConsentFixtures.authorized;
import static io.bankbridge.consent.ConsentFixtures.issuer;
import static io.bankbridge.consent.ConsentFixtures.newCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bankbridge.testsupport.Browser;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker on account-data-service's account listing: once it has failed often enough, the Security
 * Center shows neutral account names without asking account-data-service, as it does while that service is
 * unreachable, until the breaker lets a call through again and the accounts' names are back. The access log, which
 * the stand-in answers with 404, never opens its breaker: the pages keep asking for it.
 */
@QuarkusTest
class AccountNamesBreakerTest {

    /** The breaker's window: this many failed calls open it (one listing per page of a single login). */
    private static final int WINDOW = 10;
    private static final String NEUTRAL = "An account (details unavailable)";

    @TestHTTPResource("/")
    URI base;

    @BeforeEach
    @AfterEach
    void accountDataUpAndBreakersClosed() {
        AccountDataStandIn.failing(false);
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Test
    void afterAccountDataFailedOftenEnoughPagesShowNeutralNamesWithoutAskingItAndTheNamesOnceItIsBack() {
        String customer = newCustomer();
        authorized(customer, PROVIDER);
        issuer().signInAs(customer);
        Browser browser = new Browser(base);
        assertThat(text(browser)).contains(AccountDataStandIn.CARD);

        AccountDataStandIn.failing(true);
        for (int i = 0; i < WINDOW; i++) {
            assertThat(text(browser)).contains(NEUTRAL).doesNotContain(AccountDataStandIn.CARD);
        }
        int asked = AccountDataStandIn.listings();
        for (int i = 0; i < 3; i++) {
            assertThat(text(browser)).contains(NEUTRAL).contains("Last access times are unavailable right now.");
        }
        assertThat(AccountDataStandIn.listings()).as("account-data-service is not asked while the breaker is open")
                .isEqualTo(asked);

        AccountDataStandIn.failing(false);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> text(browser).contains(AccountDataStandIn.CARD));
        assertThat(text(browser)).doesNotContain(NEUTRAL);
        assertThat(AccountDataStandIn.listings()).isGreaterThan(asked);
    }

    /** The connection list as the customer reads it. */
    private static String text(Browser browser) {
        Response page = browser.follow("/security-center");
        assertThat(page.statusCode()).isEqualTo(200);
        return page.asString().replaceAll("<[^>]*>", "");
    }
}
