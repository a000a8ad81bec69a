package io.bankbridge.consent;

import static io.bankbridge.consent.ConsentFixtures.PROVIDER;
import static io.bankbridge.consent.ConsentFixtures.authorized;
import static io.bankbridge.consent.ConsentFixtures.issuer;
import static io.bankbridge.consent.ConsentFixtures.newCustomer;
import static io.bankbridge.consent.ConsentFixtures.providerToken;
import static io.bankbridge.consent.ConsentFixtures.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.bankbridge.testsupport.BadInput;
import io.bankbridge.testsupport.Browser;
import io.bankbridge.testsupport.RouteSurface;
import io.bankbridge.testsupport.RouteSurface.Answer;
import io.bankbridge.testsupport.RouteSurface.Route;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Bad input as an attacker sends it, with a credential that opens each route (a provider token, an internal token
 * with the route's scope, a signed-in Security Center session) so that it reaches this service's code: every answer
 * is a 4xx in the endpoint's own format (problem+json, or the Security Center's error page), never a 5xx, a stack
 * trace or SQL, and the service keeps answering.
 */
@QuarkusTest
class BadInputTest {

    @TestHTTPResource("/")
    URI base;

    private String baseUrl() {
        String url = base.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private Browser signedIn(String customer) {
        issuer().signInAs(customer);
        Browser browser = new Browser(base);
        assertThat(browser.follow("/security-center").statusCode()).isEqualTo(200);
        return browser;
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    @Test
    void noBadInputToAnyRouteGetsAServerErrorOrLeaksAndTheServiceStillAnswers() {
        String customer = newCustomer();
        String consent = authorized(customer, PROVIDER);
        Map<String, String> session = Map.of("Cookie", signedIn(customer).cookieHeader());
        String provider = providerToken(customer, PROVIDER, consent);
        List<Route> routes = RouteSurface.routes(baseUrl());
        Function<Route, Map<String, String>> credential = route -> {
            if (route.template().startsWith("/internal/")) {
                return bearer(issuer().internalToken("token-service", route.anyScope().toArray(String[]::new)));
            }
            return route.template().startsWith("/consents/") ? bearer(provider) : session;
        };
        String reason = "{\"reason\":\"$BAD\"}";
        Map<String, String> bodies = Map.of(
                "POST /internal/consents/decisions", "{\"idempotencyKey\":\"$BAD\",\"decision\":\"$BAD\","
                        + "\"customerId\":\"$BAD\",\"providerId\":\"$BAD\",\"providerName\":\"$BAD\","
                        + "\"dataClusters\":[\"$BAD\"],\"requestedDurationDays\":\"$BAD\",\"accountIds\":[\"$BAD\"],"
                        + "\"durationDays\":\"$BAD\"}",
                "POST /internal/consents/{id}/revoke", "{\"actor\":\"$BAD\",\"reason\":\"$BAD\"}",
                "PUT /consents/{id}/revocation", "{\"reason\":\"$BAD\",\"initiator\":\"$BAD\"}",
                "POST /me/consents/{id}/revocation", reason);

        RouteSurface.Findings findings = BadInput.probe(baseUrl(), routes, credential, Map.of("id", consent), bodies);

        System.out.printf("Bad input corpus: %d requests over %d routes, %d violations%n", findings.requests(),
                routes.size(), findings.violations().size());
        assertThat(findings.violations()).as(findings.summary()).isEmpty();
        assertThat(RouteSurface.send(baseUrl(), "GET", "/q/health/live", Map.of()).status()).isEqualTo(200);
        String fresh = authorized(customer, PROVIDER);
        assertThat(RouteSurface.send(baseUrl(), "GET", "/consents/" + fresh,
                bearer(providerToken(customer, PROVIDER, fresh))).status()).isEqualTo(200);
    }

    @Test
    void aMalformedRevokeFormGetsTheSecurityCentersErrorPageWithA4xx() {
        String customer = newCustomer();
        String consent = authorized(customer, PROVIDER);
        Browser browser = signedIn(customer);
        String path = "/security-center/connections/" + consent + "/revoke";
        StringBuilder manyFields = new StringBuilder("csrf=x");
        for (int i = 0; i < 1_000; i++) {
            manyFields.append("&f").append(i).append('=').append(i);
        }
        Map<String, Integer> expected = Map.of("a=%ZZ", 400, "csrf=%ZZ", 400, "==", 400, "csrf=%C3", 400,
                manyFields.toString(), 413, "csrf=" + "a".repeat(300_000), 413);
        for (var form : expected.entrySet()) {
            Response answer = browser.postBody(path, "application/x-www-form-urlencoded", form.getKey());
            assertThat(answer.statusCode()).as(form.getKey().substring(0, Math.min(40, form.getKey().length())))
                    .isEqualTo(form.getValue());
            assertThat(answer.header("Content-Type")).startsWith("text/html");
            assertThat(answer.asString()).contains("Security Center").doesNotContain("Exception").doesNotContain("stack");
        }
        assertThat(status(consent)).isEqualTo("AUTHORIZED");
    }

    @Test
    void aBearerTokenThatIsNotAJwtIsRefusedAsInvalidOnEveryBearerRoute() {
        List<Route> bearerRoutes = RouteSurface.routes(baseUrl()).stream()
                .filter(r -> r.template().startsWith("/consents/") || r.template().startsWith("/internal/")).toList();
        assertThat(bearerRoutes).isNotEmpty();
        for (Route route : bearerRoutes) {
            for (String token : List.of("....", "a.b", "a..c", "x y z")) {
                Answer answer = RouteSurface.send(baseUrl(), route.method(), route.path(), bearer(token));
                assertThat(answer.status()).as(route + " with Bearer " + token).isEqualTo(401);
                assertThat(answer.contentType()).startsWith("application/problem+json");
            }
        }
    }
}
