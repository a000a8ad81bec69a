package io.bankbridge.accountdata;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.bankbridge.accountdata.security.Permissions;
import io.bankbridge.contract.token.Audiences;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The internal API as token-service, consent-service and the core systems use it: listing, ingest, access log. */
@QuarkusTest
class InternalApiTest {

    @Test
    void aCustomersAccountsAreListedForTheConsentPage() {
        given().auth().oauth2(Grants.internalToken(Permissions.ACCOUNTS_LIST)).when().get("/internal/customers/CUS-C-0001/accounts")
                .then().statusCode(200)
                .body("accountId", contains("ACC-C-0001-1", "ACC-C-0001-2"))
                .body("accountType", contains("CARD", "CHECKING"))
                .body("[0].maskedNumber", containsString("...."))
                .body("[0].currency", equalTo("USD"))
                .body("[0].status", equalTo("OPEN"))
                .body("[0].nickname", equalTo("Everyday Card"));
        given().auth().oauth2(Grants.internalToken(Permissions.ACCOUNTS_LIST)).when().get("/internal/customers/CUS-S-0001/accounts")
                .then().statusCode(200).body("accountId", contains("ACC-S-0001-1"));
    }

    @Test
    void anUnknownCustomerHasNoAccounts() {
        given().auth().oauth2(Grants.internalToken(Permissions.ACCOUNTS_LIST)).when().get("/internal/customers/CUS-NOBODY/accounts")
                .then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void theInternalApiNeedsAnInternalToken() {
        given().when().get("/internal/customers/CUS-C-0001/accounts")
                .then().statusCode(401).header("WWW-Authenticate", equalTo("Bearer realm=\"bankbridge\""));
        String noScope = Grants.issuer().providerToken("consent-service", "consent-service", null)
                .audience(Audiences.INTERNAL).claim("scope", "openid").sign();
        given().auth().oauth2(noScope).when().get("/internal/customers/CUS-C-0001/accounts")
                .then().statusCode(403).header("WWW-Authenticate", containsString("insufficient_scope"));
    }

    @Test
    void ingestedCustomerAndAccountAreServedAndARepeatedUpsertChangesNothing() {
        String token = Grants.internalToken(Permissions.INGEST);
        Map<String, Object> customer = Map.of("name", Map.of("first", "Zoe", "last", "Ingest"),
                "email", "zoe@example.com", "phone", "+15550000001",
                "address", Map.of("line1", "1 Main St", "city", "Boise", "region", "ID", "postalCode", "83702",
                        "country", "US"));
        Map<String, Object> account = Map.of("accountType", "CHECKING", "ownerCustomerIds", List.of("CUS-X-1"),
                "nickname", "Bills", "productName", "Basic Checking", "maskedNumber", "....4321", "currency", "USD",
                "status", "OPEN",
                "balances", Map.of("current", 100.5, "available", 90.25, "asOf", "2026-01-01T00:00:00Z"),
                "paymentNetwork", Map.of("routingNumber", "011000015", "accountNumber", "9876544321"));
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(token).contentType("application/json").body(customer)
                    .when().put("/internal/customers/CUS-X-1").then().statusCode(200);
            given().auth().oauth2(token).contentType("application/json").body(account)
                    .when().put("/internal/accounts/ACC-X-1").then().statusCode(200);
        }
        given().auth().oauth2(Grants.internalToken(Permissions.ACCOUNTS_LIST))
                .when().get("/internal/customers/CUS-X-1/accounts")
                .then().statusCode(200).body("accountId", contains("ACC-X-1")).body("[0].nickname", equalTo("Bills"));

        Grants grant = Grants.of("CUS-X-1", Grants.PROVIDER, List.of("ACCOUNT_DETAILED", "ACCOUNT_PAYMENTS",
                "CUSTOMER_PERSONAL"), "ACC-X-1");
        given().auth().oauth2(grant.token()).when().get("/fdx/v6/accounts/ACC-X-1")
                .then().statusCode(200).body("currentBalance", equalTo(100.5f)).body("availableBalance", equalTo(90.25f))
                .body("balanceAsOf", equalTo("2026-01-01T00:00:00Z"));
        given().auth().oauth2(grant.token()).when().get("/fdx/v6/accounts/ACC-X-1/payment-networks")
                .then().statusCode(200).body("paymentNetworks[0].identifier", equalTo("9876544321"));
        given().auth().oauth2(grant.token()).when().get("/fdx/v6/customers/current")
                .then().statusCode(200).body("name.first", equalTo("Zoe"));
    }

    @Test
    void ingestedTransactionTimesAreServedInUtcAsRfc3339WithTheirFractionAndAlwaysTheirSeconds() {
        String token = Grants.internalToken(Permissions.INGEST);
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("name", Map.of("first", "Tim", "last", "Stamp")))
                .when().put("/internal/customers/CUS-X-2").then().statusCode(200);
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("accountType", "SAVINGS", "ownerCustomerIds", List.of("CUS-X-2"), "maskedNumber", "....0002",
                        "currency", "USD", "status", "OPEN"))
                .when().put("/internal/accounts/ACC-X-2").then().statusCode(200);
        List<Map<String, Object>> sent = List.of(
                transaction("T-1", "2026-01-02T05:06:07.120+02:00", "2026-01-03T00:00:00.000001Z"),
                transaction("T-2", "2025-12-31T23:00:00-05:00", "2026-01-01T04:00:59.5Z"),
                transaction("T-3", "1970-01-01T00:00:00+00:00", null));
        given().auth().oauth2(token).contentType("application/json").body(Map.of("transactions", sent))
                .when().put("/internal/accounts/ACC-X-2/transactions").then().statusCode(200);

        Grants grant = Grants.of("CUS-X-2", Grants.PROVIDER, List.of("TRANSACTIONS"), "ACC-X-2");
        given().auth().oauth2(grant.token()).when().get("/fdx/v6/accounts/ACC-X-2/transactions")
                .then().statusCode(200)
                .body("transactions.transactionId", contains("T-1", "T-2", "T-3"))
                .body("transactions.transactionTimestamp",
                        contains("2026-01-02T03:06:07.12Z", "2026-01-01T04:00:00Z", "1970-01-01T00:00:00Z"))
                .body("transactions[0].postedTimestamp", equalTo("2026-01-03T00:00:00.000001Z"))
                .body("transactions[1].postedTimestamp", equalTo("2026-01-01T04:00:59.5Z"))
                .body("transactions[2]", not(hasKey("postedTimestamp")));
    }

    private static Map<String, Object> transaction(String id, String time, String posted) {
        Map<String, Object> t = new java.util.HashMap<>(Map.of("transactionId", id, "transactionTime", time,
                "amount", 12.5, "debitCredit", "DEBIT", "currency", "USD", "description", "Coffee",
                "status", posted == null ? "PENDING" : "POSTED"));
        if (posted != null) {
            t.put("postedTime", posted);
        }
        return t;
    }

    @Test
    void ingestRefusesIncompleteDataWithAProblem() {
        String token = Grants.internalToken(Permissions.INGEST);
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("accountType", "BOAT", "ownerCustomerIds", List.of("CUS-C-0001")))
                .when().put("/internal/accounts/ACC-BAD").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("accountType", "CHECKING", "ownerCustomerIds", List.of("CUS-NOBODY"), "maskedNumber", "..1",
                        "currency", "USD", "status", "OPEN"))
                .when().put("/internal/accounts/ACC-BAD").then().statusCode(400)
                .body("detail", containsString("CUS-NOBODY"));
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("transactions", List.of(Map.of("transactionId", "X"))))
                .when().put("/internal/accounts/ACC-C-0001-1/transactions").then().statusCode(400);
        given().auth().oauth2(token).contentType("application/json").body("{not json")
                .when().put("/internal/customers/CUS-BAD").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("transactions", List.of(Map.of("transactionId", "X", "transactionTime", "2026-01-01T00:00:00Z",
                        "amount", 1, "debitCredit", "DEBIT", "currency", "USD", "description", "x", "status", "POSTED"))))
                .when().put("/internal/accounts/ACC-NOPE/transactions").then().statusCode(404);
    }

    @Test
    void anIngestBodyBreakingItsConstraintsIsAProblemNamingEachFieldAtFault() {
        String token = Grants.internalToken(Permissions.INGEST);
        Map<String, Object> posted = Map.of("transactionId", "X-1", "transactionTime", "2026-01-01T00:00:00Z",
                "amount", 1, "debitCredit", "DEBIT", "currency", "USD", "description", "x", "status", "POSTED");
        Map<String, Object> broken = new java.util.HashMap<>(posted);
        broken.put("amount", -1);
        broken.put("debitCredit", "SIDEWAYS");
        broken.remove("description");
        given().auth().oauth2(token).contentType("application/json")
                .body(Map.of("transactions", List.of(posted, broken)))
                .when().put("/internal/accounts/ACC-C-0001-1/transactions").then().statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Bad Request"))
                .body("errors.field", contains("transactions[1].amount", "transactions[1].debitCredit",
                        "transactions[1].description"))
                .body("detail", containsString("transactions[1].debitCredit must be DEBIT or CREDIT"));
        given().auth().oauth2(token).contentType("application/json")
                .when().put("/internal/customers/CUS-EMPTY").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("A JSON request body is required."));
    }
}
