package io.bankbridge.token;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bankbridge.testsupport.RouteSurface;
import io.bankbridge.testsupport.RouteSurface.Route;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The service's whole HTTP surface as an attacker sees it: every route of its OpenAPI document that is not one of
 * the public OAuth/OpenID endpoints refuses every credential that is not the admin's (the admin API) or an internal
 * token with the operation's scope (the internal API), under every spelling of its path.
 */
@QuarkusTest
class RouteSurfaceTest {

    /**
     * The @PermitAll endpoints: they authenticate clients and tokens themselves, per the OAuth and OpenID specs; and
     * the bank's stylesheet and logo, which the sign-in page shows before anyone is signed in.
     */
    private static final Set<String> PUBLIC = Set.of(
            "GET /.well-known/oauth-authorization-server",
            "GET /.well-known/openid-configuration",
            "GET /jwks",
            "POST /par",
            "GET /authorize",
            "GET /authorize/signin",
            "POST /authorize/signin",
            "GET /authorize/consent",
            "POST /authorize/consent",
            "GET /authorize/link",
            "POST /authorize/link",
            "POST /authorize/signout",
            "POST /authorize/cancel",
            "GET /branding/brand.css",
            "GET /branding/logo",
            "GET /logout",
            "POST /logout",
            "POST /token",
            "POST /revoke",
            "POST /introspect",
            "GET /userinfo",
            "POST /userinfo");

    /** The internal API: internal access tokens with the scope each operation names. */
    private static final Set<String> INTERNAL = Set.of("POST /internal/receipts");

    /** Everything else: the admin API. */
    private static final Set<String> ADMIN = Set.of(
            "GET /admin/providers",
            "POST /admin/providers",
            "GET /admin/providers/{clientId}",
            "POST /admin/providers/{clientId}/suspend",
            "POST /admin/providers/{clientId}/reactivate",
            "POST /admin/signing-keys/rotate");

    @TestHTTPResource("/")
    URL root;

    private String baseUrl() {
        return RouteSurface.baseOf(root);
    }

    @Test
    void theDocumentHasExactlyThePublicEndpointsTheAdminApiAndTheInternalApi() {
        Set<String> documented = RouteSurface.routes(baseUrl()).stream().map(Route::toString)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> protectedRoutes = new TreeSet<>(documented);
        protectedRoutes.removeAll(PUBLIC);

        assertTrue(documented.containsAll(PUBLIC), "every public endpoint is documented: " + documented);
        Set<String> expected = new TreeSet<>(ADMIN);
        expected.addAll(INTERNAL);
        assertEquals(expected, protectedRoutes, "routes beyond the public endpoints");
    }

    @Test
    void everyProtectedRouteRefusesEveryOtherCredentialUnderEverySpelling() {
        List<Route> routes = RouteSurface.routes(baseUrl()).stream().filter(r -> !PUBLIC.contains(r.toString())).toList();
        assertTrue(routes.size() >= ADMIN.size(), "the admin API is in the document");
        // Every capability of the internal client but the one the internal API needs.
        String internalToken = given().contentType(ContentType.URLENC)
                .header("Authorization", TestProvider.basic("consent-service", CoreTestSecrets.CONSENT_SERVICE))
                .formParam("grant_type", "client_credentials")
                .formParam("scope", "internal.access-log.read internal.accounts.list")
                .when().post("/token").then().statusCode(200).extract().path("access_token");
        Map<String, Map<String, String>> credentials = new LinkedHashMap<>();
        credentials.put("no credentials", Map.of());
        credentials.put("admin with a wrong password", auth(TestProvider.basic("admin", "not-the-secret")));
        credentials.put("admin with an empty password", auth(TestProvider.basic("admin", "")));
        credentials.put("another user with the admin secret", auth(TestProvider.basic("operator", CoreTestSecrets.ADMIN)));
        credentials.put("an internal client's id and secret",
                auth(TestProvider.basic("consent-service", CoreTestSecrets.CONSENT_SERVICE)));
        credentials.put("a bearer access token", auth("Bearer " + internalToken));

        RouteSurface.Findings findings = RouteSurface.probe(baseUrl(), routes, credentials);

        System.out.printf("Route surface: %d routes, %d credentials, %d requests, %d violations%n", routes.size(),
                credentials.size(), findings.requests(), findings.violations().size());
        assertEquals(List.of(), findings.violations());
    }

    @ParameterizedTest
    @CsvSource({
            "GET, /admin;x/providers",
            "POST, /admin;x=1/signing-keys/rotate",
            "GET, /%61dmin/providers",
            "GET, /admin/providers;x",
            "POST, /admin;/providers"})
    void adminPathSpelledOtherwiseWithoutCredentialsIsUnauthorized(String method, String path) {
        RouteSurface.Answer answer = RouteSurface.send(baseUrl(), method, path, Map.of());

        assertEquals(401, answer.status(), method + " " + path + " -> " + answer.body());
        assertEquals("application/problem+json", answer.contentType());
    }

    private static Map<String, String> auth(String authorization) {
        return Map.of("Authorization", authorization);
    }
}
