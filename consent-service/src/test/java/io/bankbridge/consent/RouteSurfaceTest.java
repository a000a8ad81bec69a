package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.INTERNAL_SCOPES;
import static io.bankbridge.consent.ConsentFixtures.authorized;
import static io.bankbridge.consent.ConsentFixtures.issuer;
import static io.bankbridge.consent.ConsentFixtures.newCustomer;
import static io.bankbridge.consent.ConsentFixtures.readToken;
import static org.assertj.core.api.Assertions.assertThat;

import io.bankbridge.consent.security.Access;
import io.bankbridge.testsupport.RouteSurface;
import io.bankbridge.testsupport.RouteSurface.Answer;
import io.bankbridge.testsupport.RouteSurface.Route;
import io.bankbridge.testsupport.TestIssuer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The service as an attacker probes it: every route of its own OpenAPI document, under every spelling of its path
 * that one HTTP parser may read differently from another, with every credential that must not open it. Nothing
 * may answer 2xx (the credential was accepted) or 5xx (the request confused the service).
 */
@QuarkusTest
class RouteSurfaceTest {

    /** The capability each internal operation needs: a new internal route fails this test until it is listed. */
    private static final Map<String, String> INTERNAL_ROUTES = Map.of(
            "POST /internal/consents/decisions", Access.CONSENTS_DECIDE,
            "GET /internal/consents/{id}", Access.CONSENTS_READ,
            "GET /internal/consents/{id}/state", Access.CONSENTS_READ,
            "POST /internal/consents/{id}/amend", Access.CONSENTS_DECIDE,
            "POST /internal/consents/{id}/revoke", Access.CONSENTS_DECIDE);

    /** The scope each grant management operation needs. */
    private static final Map<String, String> GRANT_ROUTES = Map.of(
            "GET /grants/{grant_id}", Access.GRANTS_QUERY,
            "DELETE /grants/{grant_id}", Access.GRANTS_REVOKE);

    /**
     * Security Center pages that show nothing about anyone and need no session: the page after signing out, and the
     * bank's stylesheet and logo.
     */
    private static final Set<String> PUBLIC_PAGES = Set.of("GET /security-center/signed-out", "GET /branding/brand.css",
            "GET /branding/logo");

    @TestHTTPResource("/")
    URL root;

    private String base() {
        return RouteSurface.baseOf(root);
    }

    @Test
    void noSpellingOfAnyApiRouteOpensItWithoutTheRightCredential() {
        List<Route> routes = RouteSurface.routes(base());
        List<Route> api = routes.stream().filter(r -> !securityCenter(r)).toList();
        assertThat(routes.stream().filter(RouteSurfaceTest::securityCenter)).as("Security Center routes").isNotEmpty();
        assertThat(api.stream().map(Route::toString))
                .as("every API route is a provider, a grant management or an internal route")
                .allMatch(r -> r.startsWith("GET /consents/") || r.startsWith("PUT /consents/")
                        || r.startsWith("DELETE /consents/") || INTERNAL_ROUTES.containsKey(r) || GRANT_ROUTES.containsKey(r));
        assertThat(api.stream().map(Route::toString)).containsAll(INTERNAL_ROUTES.keySet())
                .containsAll(GRANT_ROUTES.keySet());

        int requests = 0;
        List<String> violations = new ArrayList<>();
        for (Route route : api) {
            RouteSurface.Findings findings = RouteSurface.probe(base(), List.of(route), refusedCredentials(route));
            requests += findings.requests();
            violations.addAll(findings.violations());
        }
        System.out.printf("Route surface: %d API routes, %d requests%n", api.size(), requests);
        assertThat(violations).isEmpty();
    }

    @Test
    void noBearerTokenOpensTheSecurityCenterUnderAnySpellingAndNoneSignsIn() {
        List<Route> pages = RouteSurface.routes(base()).stream().filter(RouteSurfaceTest::securityCenter).toList();
        Map<String, Map<String, String>> tokens = new LinkedHashMap<>();
        tokens.put("provider token", bearer(providerToken()));
        tokens.put("internal token", bearer(issuer().internalToken("token-service", INTERNAL_SCOPES.toArray(String[]::new))));
        tokens.put("ID token", bearer(idToken()));
        int requests = 0;
        List<String> violations = new ArrayList<>();
        for (Route route : pages) {
            if (PUBLIC_PAGES.contains(route.toString())) {
                Answer open = RouteSurface.send(base(), route.method(), route.path(), Map.of());
                requests++;
                if (open.status() != 200 || open.body().contains("CUS-")) {
                    violations.add(route + " (public) -> " + open.status());
                }
                continue;
            }
            Map<String, String> none = contentType(route, Map.of());
            Answer plain = RouteSurface.send(base(), route.method(), route.path(), none);
            requests++;
            if (plain.status() != 401 && plain.status() / 100 != 3) {
                violations.add(route + " without credentials -> " + plain.status());
            }
            for (String variant : RouteSurface.variants(route.path())) {
                for (var token : tokens.entrySet()) {
                    Answer answer = RouteSurface.send(base(), route.method(), variant, contentType(route, token.getValue()));
                    requests++;
                    if (answer.status() / 100 == 2 || answer.status() >= 500) {
                        violations.add(route.method() + " " + variant + " with " + token.getKey() + " -> " + answer.status());
                    }
                }
            }
        }
        System.out.printf("Route surface: %d Security Center routes, %d requests%n", pages.size(), requests);
        assertThat(pages).isNotEmpty();
        assertThat(pages.stream().map(Route::toString)).containsAll(PUBLIC_PAGES);
        assertThat(violations).isEmpty();
    }

    /** The requests that reached the internal API without credentials while a path prefix decided security. */
    @Test
    void theAttackersMatrixParameterSpellingsNeedCredentialsLikeThePlainPaths() {
        String id = authorized(newCustomer(), "demo-budget-app");
        for (String[] request : new String[][] {
                {"GET", "/internal;x=1/consents/" + id},
                {"POST", "/internal;x/consents/decisions"},
                {"GET", "/consents;x/" + id}}) {
            Answer answer = RouteSurface.send(base(), request[0], request[1], Map.of());
            assertThat(answer.status()).as(request[0] + " " + request[1]).isEqualTo(401);
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        // The spelling does reach the internal resource: with the capability it needs, it answers.
        Answer read = RouteSurface.send(base(), "GET", "/internal;x=1/consents/" + id, bearer(readToken()));
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body()).contains(id);
    }

    /** quarkus-oidc would otherwise choose a tenant whose name is a segment of the path. */
    @Test
    void aTenantNameInThePathDoesNotChangeHowAnApiRequestAuthenticates() {
        String id = authorized(newCustomer(), "demo-budget-app");
        String path = "/internal/consents/" + Access.SECURITY_CENTER_TENANT + "/../" + id;
        Answer read = RouteSurface.send(base(), "GET", path, bearer(readToken()));
        assertThat(read.status()).as("the spelling reaches the resource").isEqualTo(200);
        Answer none = RouteSurface.send(base(), "GET", path, Map.of());
        assertThat(none.status()).as("a bearer challenge, not a sign-in redirect").isEqualTo(401);
        assertThat(none.contentType()).startsWith("application/problem+json");
    }

    /** Every credential that must not open {@code route}: nothing, tokens that are no access token of ours, and the other API's. */
    private static Map<String, Map<String, String>> refusedCredentials(Route route) {
        Map<String, Map<String, String>> credentials = new LinkedHashMap<>();
        credentials.put("no credentials", Map.of());
        credentials.put("ID token", bearer(idToken()));
        credentials.put("token for another audience",
                bearer(issuer().providerToken("CUS-C-0001", "demo-budget-app", RouteSurface.SAMPLE_ID).audience("another-api").sign()));
        credentials.put("token signed by an unknown key", bearer(issuer().providerToken("CUS-C-0001", "demo-budget-app",
                RouteSurface.SAMPLE_ID).signedWith(TestIssuer.newKey("attacker-key")).sign()));
        String grantScope = GRANT_ROUTES.get(route.toString());
        if (grantScope != null) {
            credentials.put("provider token on the grant management API", bearer(providerToken()));
            List<String> everyScope = new ArrayList<>(INTERNAL_SCOPES);
            everyScope.addAll(GRANT_ROUTES.values());
            credentials.put("internal token with every scope, grant management's included",
                    bearer(issuer().internalToken("token-service", everyScope.toArray(String[]::new))));
            GRANT_ROUTES.values().stream().filter(scope -> !scope.equals(grantScope))
                    .forEach(scope -> credentials.put("grant management token with " + scope,
                            bearer(issuer().grantManagementToken("demo-budget-app", scope).sign())));
            return credentials;
        }
        credentials.put("grant management token", bearer(issuer().grantManagementToken("demo-budget-app",
                GRANT_ROUTES.values().toArray(String[]::new)).sign()));
        String needed = INTERNAL_ROUTES.get(route.toString());
        if (needed == null) {
            credentials.put("internal token on the provider API",
                    bearer(issuer().internalToken("token-service", INTERNAL_SCOPES.toArray(String[]::new))));
        } else {
            credentials.put("provider token on the internal API", bearer(providerToken()));
            INTERNAL_SCOPES.stream().filter(scope -> !scope.equals(needed))
                    .forEach(scope -> credentials.put("internal token with " + scope,
                            bearer(issuer().internalToken("token-service", scope))));
        }
        return credentials;
    }

    private static boolean securityCenter(Route route) {
        return route.template().startsWith("/security-center") || route.template().startsWith("/me/")
                || route.template().startsWith("/branding/");
    }

    private static String providerToken() {
        return issuer().providerToken("CUS-C-0001", "demo-budget-app", RouteSurface.SAMPLE_ID, "ACCOUNT_BASIC").sign();
    }

    /** An ID token as token-service issues one to the Security Center: signed by the issuer, typ JWT, aud the client. */
    private static String idToken() {
        return issuer().providerToken("CUS-C-0001", "security-center", null).claim("scope", null).claim("grant_id", null)
                .claim("client_id", null).audience("security-center").claim("nonce", "n").type("JWT").sign();
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    /** The Security Center's forms post form data: sent as such, a refusal cannot be a media-type mismatch. */
    private static Map<String, String> contentType(Route route, Map<String, String> headers) {
        if (!route.template().startsWith("/security-center") || !route.method().equals("POST")) {
            return headers;
        }
        Map<String, String> form = new LinkedHashMap<>(headers);
        form.put("Content-Type", "application/x-www-form-urlencoded");
        return form;
    }
}
