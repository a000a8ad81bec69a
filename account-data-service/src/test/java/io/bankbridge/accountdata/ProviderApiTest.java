package io.bankbridge.accountdata;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The provider data API as a provider sees it with a real token: each endpoint and each data-cluster rule. */
@QuarkusTest
class ProviderApiTest {

    private static final List<String> ALL = List.of("ACCOUNT_BASIC", "ACCOUNT_DETAILED", "ACCOUNT_PAYMENTS",
            "TRANSACTIONS", "CUSTOMER_CONTACT", "CUSTOMER_PERSONAL");

    private static ValidatableResponse get(Grants grant, String path) {
        return given().auth().oauth2(grant.token()).when().get("/fdx/v6" + path).then();
    }

    private static void assertInsufficientScope(ValidatableResponse response, String cluster) {
        response.statusCode(403)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""))
                .header("WWW-Authenticate", containsString("scope=\"" + cluster + "\""))
                .body("status", equalTo(403));
    }

    @Test
    void accountListShowsOnlyTheConsentedAccountsWithoutBalancesUnderAccountBasic() {
        Grants grant = Grants.of(List.of("ACCOUNT_BASIC"), "ACC-C-0001-1");
        get(grant, "/accounts").statusCode(200)
                .body("page.totalElements", equalTo(1))
                .body("accounts.accountId", contains("ACC-C-0001-1"))
                .body("accounts[0].accountCategory", equalTo("LOC_ACCOUNT"))
                .body("accounts[0].accountType", equalTo("CREDITCARD"))
                .body("accounts[0].accountNumberDisplay", containsString("...."))
                .body("accounts[0].currency.currencyCode", equalTo("USD"))
                .body("accounts[0]", not(hasKey("currentBalance")))
                .body("accounts[0]", not(hasKey("creditLine")));
    }

    @Test
    void theDemoBalancesAreAsOfATimeInThePast() {
        Grants grant = Grants.of(List.of("ACCOUNT_DETAILED"), "ACC-C-0001-1", "ACC-C-0001-2", "ACC-S-0001-1");
        List<String> asOf = get(grant, "/accounts").statusCode(200).extract().jsonPath().getList("accounts.balanceAsOf");
        assertThat(asOf).hasSize(3).allSatisfy(at -> assertThat(java.time.OffsetDateTime.parse(at).toInstant())
                .isBefore(java.time.Instant.now()));
    }

    @Test
    void accountDetailedAddsBalancesCreditLineForCardsAndInterestRateForSavings() {
        Grants grant = Grants.of(List.of("ACCOUNT_DETAILED"), "ACC-C-0001-1", "ACC-S-0001-1");
        get(grant, "/accounts").statusCode(200)
                .body("accounts.accountId", contains("ACC-C-0001-1", "ACC-S-0001-1"))
                .body("accounts[0].currentBalance", notNullValue())
                .body("accounts[0].creditLine", greaterThan(0f))
                .body("accounts[0].balanceType", equalTo("LIABILITY"))
                .body("accounts[1].accountType", equalTo("SAVINGS"))
                .body("accounts[1].interestRate", equalTo(4.25f))
                .body("accounts[1].availableBalance", notNullValue());
        get(grant, "/accounts/ACC-S-0001-1").statusCode(200)
                .body("accountId", equalTo("ACC-S-0001-1"))
                .body("accountCategory", equalTo("DEPOSIT_ACCOUNT"))
                .body("currentBalance", notNullValue());
    }

    @Test
    void oneAccountUnderAccountBasicHasNoBalance() {
        Grants grant = Grants.of(List.of("ACCOUNT_BASIC"), "ACC-C-0001-2");
        get(grant, "/accounts/ACC-C-0001-2").statusCode(200)
                .body("accountType", equalTo("CHECKING"))
                .body("nickname", equalTo("Main Checking"))
                .body("$", not(hasKey("currentBalance")));
    }

    @Test
    void accountsWithoutAnAccountClusterAreForbidden() {
        Grants grant = Grants.of(List.of("TRANSACTIONS"), "ACC-C-0001-1");
        assertInsufficientScope(get(grant, "/accounts"), "ACCOUNT_BASIC");
        assertInsufficientScope(get(grant, "/accounts/ACC-C-0001-1"), "ACCOUNT_BASIC");
    }

    @Test
    void anAccountOutsideTheConsentAnswersNotFoundWhetherItExistsOrNot() {
        Grants grant = Grants.of(ALL, "ACC-C-0001-1");
        for (String other : List.of("ACC-C-0001-2", "ACC-C-0002-1", "ACC-NOPE-9")) {
            for (String path : List.of("/accounts/" + other, "/accounts/" + other + "/transactions",
                    "/accounts/" + other + "/payment-networks")) {
                get(grant, path).statusCode(404)
                        .contentType("application/problem+json")
                        .body("detail", equalTo("No account " + other + " under this consent."));
            }
        }
    }

    @Test
    void transactionsComeNewestFirstWithMerchantsAndCategories() {
        Grants grant = Grants.of(List.of("TRANSACTIONS"), "ACC-C-0001-1");
        var body = given().auth().oauth2(grant.token()).queryParam("limit", 50)
                .when().get("/fdx/v6/accounts/ACC-C-0001-1/transactions")
                .then().statusCode(200)
                .body("transactions", hasSize(50))
                .body("transactions.accountId", everyItem(equalTo("ACC-C-0001-1")))
                .body("transactions.accountCategory", everyItem(equalTo("LOC_ACCOUNT")))
                .body("transactions.category", everyItem(notNullValue()))
                .body("page.nextOffset", notNullValue())
                .body("links.next.href", containsString("offset="))
                .extract().jsonPath();
        List<String> times = body.getList("transactions.transactionTimestamp");
        for (int i = 1; i < times.size(); i++) {
            org.junit.jupiter.api.Assertions.assertTrue(
                    java.time.OffsetDateTime.parse(times.get(i - 1)).compareTo(java.time.OffsetDateTime.parse(times.get(i))) >= 0,
                    "newest first");
        }
    }

    @Test
    void transactionsAreLimitedToTheRequestedTimeRange() {
        Grants grant = Grants.of(List.of("TRANSACTIONS"), "ACC-C-0001-2");
        String day = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusMonths(3).withDayOfMonth(1).toString();
        given().auth().oauth2(grant.token())
                .queryParam("startTime", day).queryParam("endTime", day).queryParam("limit", 500)
                .when().get("/fdx/v6/accounts/ACC-C-0001-2/transactions")
                .then().statusCode(200)
                .body("transactions.description", org.hamcrest.Matchers.hasItem("Payroll deposit"))
                .body("transactions.transactionTimestamp", everyItem(org.hamcrest.Matchers.startsWith(day)))
                .body("page", nullValue());
    }

    @Test
    void transactionsRefuseALimitAboveTheMaximumAndAForeignCursor() {
        Grants grant = Grants.of(List.of("TRANSACTIONS"), "ACC-C-0001-1");
        given().auth().oauth2(grant.token()).queryParam("limit", 501)
                .when().get("/fdx/v6/accounts/ACC-C-0001-1/transactions")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(grant.token()).queryParam("offset", "not-a-cursor")
                .when().get("/fdx/v6/accounts/ACC-C-0001-1/transactions")
                .then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void transactionsWithoutTheTransactionsClusterAreForbidden() {
        Grants grant = Grants.of(List.of("ACCOUNT_DETAILED", "ACCOUNT_PAYMENTS"), "ACC-C-0001-1");
        assertInsufficientScope(get(grant, "/accounts/ACC-C-0001-1/transactions"), "TRANSACTIONS");
    }

    @Test
    void aTokenNeverReachesBeyondItsConsentsClusters() {
        Grants grant = Grants.of(List.of("ACCOUNT_BASIC"), "ACC-C-0001-1");
        String wider = grant.another(List.of("ACCOUNT_BASIC", "TRANSACTIONS")).sign();
        given().auth().oauth2(wider).when().get("/fdx/v6/accounts/ACC-C-0001-1/transactions")
                .then().statusCode(403).header("WWW-Authenticate", containsString("insufficient_scope"));
    }

    @Test
    void paymentNetworksGiveRoutingAndFullAccountNumberUnderAccountPayments() {
        Grants grant = Grants.of(List.of("ACCOUNT_PAYMENTS"), "ACC-C-0001-2", "ACC-C-0001-1");
        get(grant, "/accounts/ACC-C-0001-2/payment-networks").statusCode(200)
                .body("paymentNetworks", hasSize(1))
                .body("paymentNetworks[0].bankId", equalTo("021000021"))
                .body("paymentNetworks[0].identifier", org.hamcrest.Matchers.matchesPattern("\\d{10}"))
                .body("paymentNetworks[0].type", equalTo("US_ACH"));
        get(grant, "/accounts/ACC-C-0001-1/payment-networks").statusCode(200).body("paymentNetworks", hasSize(0));
    }

    @Test
    void paymentNetworksWithoutAccountPaymentsAreForbidden() {
        Grants grant = Grants.of(List.of("ACCOUNT_DETAILED", "TRANSACTIONS"), "ACC-C-0001-2");
        assertInsufficientScope(get(grant, "/accounts/ACC-C-0001-2/payment-networks"), "ACCOUNT_PAYMENTS");
    }

    @Test
    void currentCustomerShowsTheNameOnlyUnderCustomerPersonal() {
        Grants grant = Grants.of(List.of("CUSTOMER_PERSONAL"), "ACC-C-0001-1");
        get(grant, "/customers/current").statusCode(200)
                .body("customerId", equalTo("CUS-C-0001"))
                .body("name.first", equalTo("Ava"))
                .body("name.last", notNullValue())
                .body("$", not(hasKey("email")))
                .body("$", not(hasKey("addresses")))
                .body("$", not(hasKey("telephones")));
    }

    @Test
    void currentCustomerShowsContactDetailsOnlyUnderCustomerContact() {
        Grants grant = Grants.of(List.of("CUSTOMER_CONTACT"), "ACC-C-0001-1");
        get(grant, "/customers/current").statusCode(200)
                .body("$", not(hasKey("name")))
                .body("email[0]", containsString("@example.com"))
                .body("addresses[0].line1", notNullValue())
                .body("addresses[0].country", equalTo("US"))
                .body("telephones[0].number", org.hamcrest.Matchers.startsWith("+1555"));
    }

    @Test
    void currentCustomerWithoutACustomerClusterIsForbidden() {
        Grants grant = Grants.of(List.of("ACCOUNT_DETAILED"), "ACC-C-0001-1");
        assertInsufficientScope(get(grant, "/customers/current"), "CUSTOMER_PERSONAL");
    }

    @Test
    void theSavingsCustomerOfAPersonHasTheSameIdentityAsTheCardCustomer() {
        Grants card = Grants.of("CUS-C-0002", Grants.PROVIDER, List.of("CUSTOMER_CONTACT"), "ACC-C-0002-1");
        Grants savings = Grants.of("CUS-S-0002", Grants.PROVIDER, List.of("CUSTOMER_CONTACT"), "ACC-S-0002-1");
        String cardEmail = get(card, "/customers/current").statusCode(200).extract().path("email[0]");
        get(savings, "/customers/current").statusCode(200)
                .body("customerId", equalTo("CUS-S-0002"))
                .body("email[0]", equalTo(cardEmail));
    }
}
