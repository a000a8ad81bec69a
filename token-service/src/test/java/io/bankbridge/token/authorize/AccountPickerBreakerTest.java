package io.bankbridge.token.authorize;

import static io.bankbridge.token.authorize.Journeys.UNABLE;
import static io.bankbridge.token.authorize.Journeys.atPicker;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.bankbridge.testsupport.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker on account-data-service's account listing: once it has failed often enough, the account picker
 * tells the customer to try again later without asking account-data-service, as it does while that service is
 * unreachable, until the breaker lets a call through again and the accounts are shown.
 */
@QuarkusTest
class AccountPickerBreakerTest {

    /** The breaker's window: this many failed calls open it (each picker page lists two linked logins). */
    private static final int WINDOW = 10;

    private ProviderFixture provider;

    @BeforeEach
    void onboardProviderWithClosedBreakers() {
        provider = ProviderFixture.onboard("Demo Budget App");
        CircuitBreakerMaintenance.get().resetAll();
    }

    @AfterEach
    void servicesBackUpAndBreakersClosed() {
        BankServicesStandIn.failing(false);
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Test
    void afterAccountDataFailedOftenEnoughThePickerAsksToTryLaterWithoutCallingItAndShowsTheAccountsOnceItIsBack() {
        Browser browser = atPicker(provider, "card.demo0001", "p-breaker");
        BankServicesStandIn.failing(true);
        for (int i = 0; i < WINDOW; i++) {
            tryAgainLater(browser.get("/authorize/consent"));
        }

        int asked = BankServicesStandIn.accountRequests();
        for (int i = 0; i < 3; i++) {
            tryAgainLater(browser.get("/authorize/consent"));
        }
        assertThat("account-data-service is not asked while the breaker is open",
                BankServicesStandIn.accountRequests(), equalTo(asked));

        BankServicesStandIn.failing(false);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> browser.get("/authorize/consent").statusCode() == 200);
        Response page = browser.get("/authorize/consent");
        assertThat(page.statusCode(), equalTo(200));
        assertThat(page.asString(), containsString("value=\"ACC-C-0001-1\""));
        assertThat(BankServicesStandIn.accountRequests() > asked, equalTo(true));
    }

    private static void tryAgainLater(Response page) {
        assertThat(page.statusCode(), equalTo(503));
        assertThat(page.asString(), containsString(UNABLE));
    }
}
