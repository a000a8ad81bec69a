package io.bankbridge.accountdata;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bankbridge.accountdata.security.Permissions;
import io.bankbridge.testsupport.RouteSurface;
import io.bankbridge.testsupport.TestIssuer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Who may call what, as an attacker probes it: every route of the service's own OpenAPI document, under every
 * spelling of its path, refuses every credential that is not the one it declares; each internal capability opens
 * with its own scope and no other.
 */
@QuarkusTest
class AccessControlTest {

    private static final String CUSTOMER = "CUS-C-0001";
    private static final List<String> ALL_INTERNAL = List.of(Permissions.ACCOUNTS_LIST, Permissions.ACCESS_LOG_READ,
            Permissions.INGEST);

    @TestHTTPResource("/")
    URL root;

    private String base() {
        return RouteSurface.baseOf(root);
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** Credentials that are never the right kind for any route of this service. */
    private static Map<String, Map<String, String>> strangers() {
        TestIssuer issuer = Grants.issuer();
        Map<String, Map<String, String>> credentials = new LinkedHashMap<>();
        credentials.put("no credentials", Map.of());
        credentials.put("an ID token", bearer(issuer.providerToken(CUSTOMER, Grants.PROVIDER, null).type("JWT")
                .audience(Grants.PROVIDER).sign()));
        credentials.put("a token for another audience", bearer(issuer.providerToken(CUSTOMER, Grants.PROVIDER,
                "c-1", "TRANSACTIONS").audience("another-api").sign()));
        credentials.put("a token signed by an unknown key", bearer(issuer.providerToken(CUSTOMER, Grants.PROVIDER,
                "c-1", "TRANSACTIONS").signedWith(TestIssuer.newKey(issuer.key().getKeyID())).sign()));
        credentials.put("a garbage bearer token", bearer("...."));
        credentials.put("HTTP Basic", Map.of("Authorization", "Basic YWRtaW46YWRtaW4="));
        return credentials;
    }

    @Test
    void everyRouteUnderEverySpellingRefusesStrangers() {
        List<RouteSurface.Route> routes = RouteSurface.routes(base());
        assertTrue(routes.size() >= 10, "the OpenAPI document lists the routes: " + routes);
        RouteSurface.Findings findings = RouteSurface.probe(base(), routes, strangers());
        System.out.printf("Access control: %d requests over %d routes, %d violations%n", findings.requests(),
                routes.size(), findings.violations().size());
        assertTrue(findings.violations().isEmpty(), findings.summary());
    }

    @Test
    void everyRouteRefusesTokensOfTheOtherApiAndOfOtherCapabilitiesUnderEverySpelling() {
        Grants grant = Grants.of(List.of("ACCOUNT_DETAILED", "ACCOUNT_PAYMENTS", "TRANSACTIONS", "CUSTOMER_CONTACT",
                "CUSTOMER_PERSONAL"), "ACC-C-0001-1");
        int requests = 0;
        for (RouteSurface.Route route : RouteSurface.routes(base())) {
            assertFalse(route.anyScope().isEmpty(), route + " names the scopes that open it in the OpenAPI document");
            Map<String, Map<String, String>> wrongKind = new LinkedHashMap<>();
            if (route.template().startsWith("/internal/")) {
                String[] others = ALL_INTERNAL.stream().filter(s -> !route.anyScope().contains(s)).toArray(String[]::new);
                wrongKind.put("an internal token of every other capability",
                        bearer(Grants.issuer().internalToken("bank-service", others)));
                wrongKind.put("a provider token", bearer(grant.token()));
            } else {
                wrongKind.put("an internal token of every capability",
                        bearer(Grants.issuer().internalToken("bank-service", ALL_INTERNAL.toArray(String[]::new))));
            }
            RouteSurface.Findings findings = RouteSurface.probe(base(), List.of(route), wrongKind);
            requests += findings.requests();
            assertTrue(findings.violations().isEmpty(), findings.summary());
        }
        System.out.printf("Access control, tokens of the wrong kind: %d requests%n", requests);
    }

    @Test
    void eachInternalCapabilityOpensWithItsOwnScopeOnly() {
        Map<String, String> requestOf = Map.of(
                Permissions.ACCOUNTS_LIST, "GET /internal/customers/" + CUSTOMER + "/accounts",
                Permissions.ACCESS_LOG_READ, "GET /internal/access-log?customerId=" + CUSTOMER,
                Permissions.INGEST, "PUT /internal/customers/CUS-SCOPE-1");
        for (String scope : ALL_INTERNAL) {
            String[] request = requestOf.get(scope).split(" ");
            for (String held : ALL_INTERNAL) {
                var response = given().auth().oauth2(Grants.internalToken(held)).contentType("application/json")
                        .body(Map.of("name", Map.of("first", "Scope", "last", "Test")))
                        .when().request(request[0], request[1]).then();
                if (held.equals(scope)) {
                    response.statusCode(200);
                } else {
                    response.statusCode(403).contentType("application/problem+json")
                            .header("WWW-Authenticate", containsString("error=\"insufficient_scope\""))
                            .header("WWW-Authenticate", containsString("scope=\"" + scope + "\""));
                }
            }
        }
    }

    @Test
    void aMatrixParameterOnTheFirstSegmentOpensNothing() {
        String ingestBody = "{\"name\":{\"first\":\"Mallory\",\"last\":\"Matrix\"}}";
        for (String path : List.of("/internal;x=1/customers/" + CUSTOMER + "/accounts",
                "/internal;x/access-log?customerId=" + CUSTOMER, "/fdx;x/v6/accounts")) {
            // Sent as written: a client that encodes ';' would test another path.
            given().urlEncodingEnabled(false).when().get(path).then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", equalTo("Bearer realm=\"bankbridge\""))
                    .body(not(containsString("accountId")));
        }
        for (String path : List.of("/internal;x/customers/CUS-MATRIX-1", "/internal;x/accounts/ACC-MATRIX-1",
                "/internal;x/accounts/ACC-C-0001-1/transactions")) {
            given().urlEncodingEnabled(false).contentType("application/json").body(ingestBody).when().put(path)
                    .then().statusCode(401).contentType("application/problem+json");
        }
        // Nothing was stored: the bank holds no identity for the customer written through the matrix path.
        Grants matrixCustomer = Grants.of("CUS-MATRIX-1", Grants.PROVIDER, List.of("CUSTOMER_PERSONAL"));
        given().auth().oauth2(matrixCustomer.token()).when().get("/fdx/v6/customers/current")
                .then().statusCode(404).body("detail", containsString("no identity"));
    }
}
