package io.bankbridge.accountdata;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bankbridge.accountdata.security.Permissions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Cursor paging of transactions while the core systems keep ingesting new ones: nothing skipped, nothing repeated. */
@QuarkusTest
class PaginationTest {

    private static final String ACCOUNT = "ACC-C-0003-1";
    private static final String OTHER = "ACC-C-0002-1";

    private static JsonPath page(Grants grant, String offset, String startTime) {
        var request = given().auth().oauth2(grant.token()).queryParam("limit", 40).queryParam("startTime", startTime);
        if (offset != null) {
            request.queryParam("offset", offset);
        }
        return request.when().get("/fdx/v6/accounts/" + ACCOUNT + "/transactions")
                .then().statusCode(200).extract().jsonPath();
    }

    private static void ingest(OffsetDateTime at, String id) {
        ingest(ACCOUNT, at, id);
    }

    private static void ingest(String account, OffsetDateTime at, String id) {
        Map<String, Object> t = Map.of("transactionId", id, "transactionTime", at.toString(), "amount", 12.34,
                "debitCredit", "DEBIT", "currency", "USD", "description", "Coffee", "merchant", "Blue Bottle",
                "category", "Dining", "status", "PENDING");
        given().auth().oauth2(Grants.internalToken(Permissions.INGEST)).contentType("application/json")
                .body(Map.of("transactions", List.of(t)))
                .when().put("/internal/accounts/" + account + "/transactions")
                .then().statusCode(200).body("upserted", equalTo(1));
    }

    @Test
    void pagesNeitherSkipNorRepeatWhileNewTransactionsArrive() {
        Grants grant = Grants.of("CUS-C-0003", Grants.PROVIDER, List.of("TRANSACTIONS"), ACCOUNT);
        String since = OffsetDateTime.now(ZoneOffset.UTC).minusMonths(4).toLocalDate().toString();
        // What the account held before paging started, read in one large page.
        List<String> before = given().auth().oauth2(grant.token()).queryParam("limit", 500).queryParam("startTime", since)
                .when().get("/fdx/v6/accounts/" + ACCOUNT + "/transactions")
                .then().statusCode(200).extract().jsonPath().getList("transactions.transactionId");
        assertTrue(before.size() > 80 && before.size() < 500, "fixture spans several pages: " + before.size());

        List<String> seen = new ArrayList<>();
        String offset = null;
        int pages = 0;
        do {
            JsonPath page = page(grant, offset, since);
            seen.addAll(page.getList("transactions.transactionId"));
            offset = page.getString("page.nextOffset");
            // Newer transactions land in front of the pages already read; they must not shift what follows.
            ingest(OffsetDateTime.now(ZoneOffset.UTC), "NEW-" + UUID.randomUUID());
            ingest(OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(5), "NEW-" + UUID.randomUUID());
            pages++;
        } while (offset != null);

        assertTrue(pages >= 3, "several pages");
        Set<String> unique = new HashSet<>(seen);
        assertEquals(seen.size(), unique.size(), "no transaction repeated");
        assertEquals(before, seen, "exactly the transactions present when paging started, in order");

        List<String> after = page(grant, null, since).getList("transactions.transactionId");
        // Demo data reaches the end of today, so a few demo transactions may still sort before the new ones.
        assertTrue(after.stream().limit(10).anyMatch(id -> id.startsWith("NEW-")),
                "new transactions appear at the top of a fresh first page");
    }

    @Test
    void ingestingTheSameTransactionTwiceKeepsOneAndAPostingUpdatesIt() {
        Grants grant = Grants.of("CUS-C-0002", Grants.PROVIDER, List.of("TRANSACTIONS"), OTHER);
        // After every demo transaction (they end with today).
        OffsetDateTime at = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2);
        String id = "DUP-" + UUID.randomUUID();
        ingest(OTHER, at, id);
        ingest(OTHER, at, id);
        Map<String, Object> posted = Map.of("transactionId", id, "transactionTime", at.toString(),
                "postedTime", at.plusHours(1).toString(), "amount", 12.34, "debitCredit", "DEBIT", "currency", "USD",
                "description", "Coffee", "status", "POSTED");
        given().auth().oauth2(Grants.internalToken(Permissions.INGEST)).contentType("application/json")
                .body(Map.of("transactions", List.of(posted)))
                .when().put("/internal/accounts/" + OTHER + "/transactions").then().statusCode(200);
        JsonPath first = given().auth().oauth2(grant.token()).queryParam("limit", 5)
                .when().get("/fdx/v6/accounts/" + OTHER + "/transactions").then().statusCode(200).extract().jsonPath();
        assertEquals(id, first.getString("transactions[0].transactionId"));
        assertEquals("POSTED", first.getString("transactions[0].status"));
        assertTrue(!id.equals(first.getString("transactions[1].transactionId")), "stored once");
    }
}
