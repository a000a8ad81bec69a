package io.bankbridge.accountdata;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bankbridge.accountdata.security.Permissions;
import io.bankbridge.testsupport.BadInput;
import io.bankbridge.testsupport.RouteSurface;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Bad input as an attacker sends it, with a credential that opens each route so that it reaches this service's
 * code: every answer is a 4xx in the API's problem format (never a 5xx, a stack trace or SQL), and the service keeps
 * answering.
 */
@QuarkusTest
class BadInputTest {

    private static final List<String> ALL = List.of("ACCOUNT_BASIC", "ACCOUNT_DETAILED", "ACCOUNT_PAYMENTS",
            "TRANSACTIONS", "CUSTOMER_PERSONAL", "CUSTOMER_CONTACT");
    /** The corpus writes through the ingest API: to a customer and an account of its own, never to the demo data. */
    private static final String CUSTOMER = "CUS-CORPUS-1";
    private static final String ACCOUNT = "ACC-CORPUS-1";

    @TestHTTPResource("/")
    URL root;

    private String base() {
        String url = root.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    @Test
    void noBadInputToAnyRouteGetsAServerErrorOrLeaksAndTheServiceStillAnswers() {
        ingest("/internal/customers/" + CUSTOMER, "{\"name\":{\"first\":\"Corpus\",\"last\":\"Test\"}}");
        ingest("/internal/accounts/" + ACCOUNT, "{\"accountType\":\"CHECKING\",\"ownerCustomerIds\":[\"" + CUSTOMER
                + "\"],\"maskedNumber\":\"....1234\",\"currency\":\"USD\",\"status\":\"OPEN\"}");
        Grants grant = Grants.of(CUSTOMER, Grants.PROVIDER, ALL, ACCOUNT);
        List<RouteSurface.Route> routes = RouteSurface.routes(base());
        Function<RouteSurface.Route, Map<String, String>> credential = route -> route.template().startsWith("/internal/")
                ? bearer(Grants.issuer().internalToken("bank-service", route.anyScope().toArray(String[]::new)))
                : bearer(grant.token());
        Map<String, String> bodies = Map.of(
                "PUT /internal/customers/{customerId}", "{\"name\":{\"first\":\"$BAD\",\"last\":\"$BAD\"},"
                        + "\"email\":\"$BAD\",\"phone\":\"$BAD\",\"address\":{\"line1\":\"$BAD\",\"city\":\"$BAD\","
                        + "\"region\":\"$BAD\",\"postalCode\":\"$BAD\",\"country\":\"$BAD\"}}",
                "PUT /internal/accounts/{accountId}", "{\"accountType\":\"CHECKING\",\"ownerCustomerIds\":[\"$BAD\"],"
                        + "\"nickname\":\"$BAD\",\"productName\":\"$BAD\",\"maskedNumber\":\"$BAD\",\"currency\":\"$BAD\","
                        + "\"status\":\"OPEN\",\"balances\":{\"current\":\"$BAD\",\"available\":\"$BAD\","
                        + "\"interestRate\":\"$BAD\",\"asOf\":\"$BAD\"},\"paymentNetwork\":{\"routingNumber\":\"$BAD\","
                        + "\"accountNumber\":\"$BAD\"}}",
                "PUT /internal/accounts/{accountId}/transactions", "{\"transactions\":[{\"transactionId\":\"$BAD\","
                        + "\"transactionTime\":\"$BAD\",\"amount\":\"$BAD\",\"debitCredit\":\"DEBIT\","
                        + "\"currency\":\"$BAD\",\"description\":\"$BAD\",\"merchant\":\"$BAD\",\"category\":\"$BAD\","
                        + "\"status\":\"POSTED\"}]}");

        RouteSurface.Findings findings = BadInput.probe(base(), routes, credential,
                Map.of("accountId", ACCOUNT, "customerId", CUSTOMER), bodies);

        System.out.printf("Bad input corpus: %d requests over %d routes, %d violations%n", findings.requests(),
                routes.size(), findings.violations().size());
        assertTrue(findings.violations().isEmpty(), findings.summary());
        given().when().get("/q/health/live").then().statusCode(200);
        given().auth().oauth2(Grants.of(ALL, "ACC-C-0001-1").token()).when().get("/fdx/v6/accounts")
                .then().statusCode(200).body("accounts[0].accountId", equalTo("ACC-C-0001-1"));
    }

    @Test
    void aNulInAnIdIsRefusedBeforeItReachesTheDatabase() {
        for (String path : List.of("/internal/customers/%00/accounts", "/internal/customers/CUS%00/accounts",
                "/internal/access-log?customerId=%00")) {
            given().urlEncodingEnabled(false).auth().oauth2(Grants.internalToken(Permissions.ACCOUNTS_LIST))
                    .when().get(path).then().statusCode(400).contentType("application/problem+json");
        }
        given().auth().oauth2(Grants.internalToken(Permissions.ACCESS_LOG_READ)).queryParam("customerId", "a b;--")
                .when().get("/internal/access-log")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("customerId"));
    }

    @Test
    void aNulInsideABodyIsABadRequestNotADatabaseError() {
        given().auth().oauth2(Grants.internalToken(Permissions.INGEST)).contentType("application/json")
                .body("{\"name\":{\"first\":\"Nul\\u0000\",\"last\":\"Byte\"}}")
                .when().put("/internal/customers/CUS-NUL-1")
                .then().statusCode(400).contentType("application/problem+json")
                .body(not(containsString("22021")));
    }

    @Test
    void aLimitOfTheWrongTypeIsABadRequestNamingTheParameter() {
        Grants grant = Grants.of(List.of("TRANSACTIONS"), "ACC-C-0001-1");
        for (String limit : List.of("abc", "1e20", "-1", "0", "501", "99999999999999999999")) {
            given().auth().oauth2(grant.token()).queryParam("limit", limit)
                    .when().get("/fdx/v6/accounts/ACC-C-0001-1/transactions")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("limit"));
        }
    }

    @Test
    void onlyACursorThisServiceIssuedForThisAccountIsAccepted() {
        Grants grant = Grants.of(List.of("TRANSACTIONS"), "ACC-C-0001-1", "ACC-C-0001-2");
        String issued = given().auth().oauth2(grant.token()).queryParam("limit", 2)
                .when().get("/fdx/v6/accounts/ACC-C-0001-1/transactions")
                .then().statusCode(200).extract().path("page.nextOffset");
        given().auth().oauth2(grant.token()).queryParam("limit", 2).queryParam("offset", issued)
                .when().get("/fdx/v6/accounts/ACC-C-0001-1/transactions").then().statusCode(200);

        String forged = b64("1:9223372036854775807:x");
        String position = issued.substring(0, issued.indexOf('.'));
        String tamperedPosition = b64("2:9223372036854775807:x") + issued.substring(issued.indexOf('.'));
        String tamperedSignature = position + "." + b64("not the signature");
        for (String offset : List.of(forged, forged + ".AAAA", tamperedPosition, tamperedSignature, "%%%", "...")) {
            given().auth().oauth2(grant.token()).queryParam("offset", offset)
                    .when().get("/fdx/v6/accounts/ACC-C-0001-1/transactions")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("offset"));
        }
        // Issued for another account of the same consent: refused too.
        given().auth().oauth2(grant.token()).queryParam("offset", issued)
                .when().get("/fdx/v6/accounts/ACC-C-0001-2/transactions")
                .then().statusCode(400).body("detail", containsString("offset"));
    }

    @Test
    void aBodyOverTheLimitIsRefusedWith413InTheProblemFormat() {
        given().auth().oauth2(Grants.internalToken(Permissions.INGEST)).contentType("application/json")
                .body("{\"transactions\":[],\"pad\":\"" + "a".repeat(3 * 1024 * 1024) + "\"}")
                .when().put("/internal/accounts/ACC-C-0001-1/transactions")
                .then().statusCode(413).contentType("application/problem+json");
    }

    private static void ingest(String path, String body) {
        given().auth().oauth2(Grants.internalToken(Permissions.INGEST)).contentType("application/json").body(body)
                .when().put(path).then().statusCode(200);
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
