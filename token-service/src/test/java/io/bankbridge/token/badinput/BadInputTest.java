package io.bankbridge.token.badinput;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.bankbridge.token.CoreTestSecrets;
import io.bankbridge.token.TestProvider;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The inputs of the attacker's run: each gets a 4xx in the format of the endpoint it was sent to. */
@QuarkusTest
class BadInputTest {

    private static final Map<String, String> FORM = Map.of("Content-Type", "application/x-www-form-urlencoded");

    @TestHTTPResource("/")
    URI root;

    @ParameterizedTest
    @ValueSource(strings = {"/par", "/token", "/introspect", "/revoke"})
    void undecodableFormsOnOAuthEndpointsAreInvalidRequests(String path) {
        for (String body : new String[] {"a=%ZZ", "==", "a=%", "%=x", "grant_type=%E0%A4%A"}) {
            RawHttp.Answer answer = post(path, FORM, body);

            assertThat(path + " " + body, answer.status(), equalTo(400));
            assertThat(answer.contentType(), startsWith("application/json"));
            assertThat(answer.body(), containsString("\"error\":\"invalid_request\""));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/authorize/signin", "/authorize/consent", "/authorize/link"})
    void undecodableFormsOnHostedPagesAnswerTheErrorPage(String path) {
        for (String body : new String[] {"a=%ZZ", "==", "a=%", "csrf=%ZZ&username=x"}) {
            RawHttp.Answer answer = post(path, FORM, body);

            assertThat(path + " " + body, answer.status(), equalTo(400));
            assertThat(answer.contentType(), startsWith("text/html"));
            assertThat(answer.body(), containsString("We cannot continue with this request"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/authorize/signin", "/token"})
    void formsOverTheirLimitsAreRefusedInTheEndpointsFormat(String path) {
        boolean page = path.startsWith("/authorize");
        RawHttp.Answer tooLong = post(path, FORM, "username=" + "a".repeat(20_000));
        RawHttp.Answer tooMany = post(path, FORM, "f=1&".repeat(1_001) + "g=1");

        assertThat(tooLong.status(), equalTo(413));
        assertThat(tooMany.status(), equalTo(400));
        for (RawHttp.Answer answer : new RawHttp.Answer[] {tooLong, tooMany}) {
            assertThat(answer.contentType(), startsWith(page ? "text/html" : "application/json"));
            assertThat(answer.body(), not(containsString("Error id")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET /admin/providers/%00", "POST /admin/providers/%00/reactivate",
            "POST /admin/providers/%00/suspend", "GET /admin/providers/a%00b"})
    void aNulByteInAProviderIdIsRefusedAsProblemJson(String request) {
        String[] parts = request.split(" ");
        RawHttp.Answer answer = http().send(parts[0], parts[1].getBytes(StandardCharsets.US_ASCII),
                Map.of("Authorization", TestProvider.basic("admin", CoreTestSecrets.ADMIN), "Content-Type", "application/json"),
                parts[0].equals("POST") ? "{}".getBytes(StandardCharsets.UTF_8) : null);

        assertThat(request, answer.status(), anyOf(equalTo(400), equalTo(404)));
        assertThat(answer.contentType(), startsWith("application/problem+json"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/authorize?client_id=%00", "/authorize?client_id=%00&request_uri=urn:x",
            "/authorize?client_id=security-center&state=%00&response_type=code"})
    void aNulByteInTheAuthorizationRequestIsABadRequestPage(String target) {
        RawHttp.Answer answer = http().send("GET", target.getBytes(StandardCharsets.US_ASCII), Map.of(), null);

        assertThat(target, answer.status(), equalTo(400));
        assertThat(answer.contentType(), startsWith("text/html"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"grant_type=client_credentials&client_id=%00", "grant_type=%00",
            "grant_type=client_credentials&scope=%00", "grant_type=authorization_code&code=%00"})
    void aNulByteInAnOAuthParameterIsAnInvalidRequest(String body) {
        RawHttp.Answer answer = post("/token", Map.of("Content-Type", "application/x-www-form-urlencoded",
                "Authorization", TestProvider.basic("consent-service", CoreTestSecrets.CONSENT_SERVICE)), body);

        assertThat(body, answer.status(), equalTo(400));
        assertThat(answer.body(), containsString("\"error\":\"invalid_request\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/token", "/par", "/authorize/signin", "/admin/providers"})
    void aBodyOfUnknownLengthIsRefusedAtOnceInTheEndpointsFormat(String path) {
        // Transfer-Encoding with a Content-Length (the probe adds "Content-Length: 0") and no chunk ever sent
        RawHttp.Answer answer = post(path, Map.of("Content-Type", "application/x-www-form-urlencoded",
                "Transfer-Encoding", "chunked"), "");

        assertThat(path, answer.status(), equalTo(400));
        assertThat(answer.contentType(), startsWith(formatOf(path)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/token", "/authorize/signin", "/admin/providers"})
    void aDeclaredBodyOverTheLimitIsRefusedInTheEndpointsFormat(String path) {
        RawHttp.Answer answer = http().send("POST", path.getBytes(StandardCharsets.US_ASCII),
                Map.of("Content-Type", "application/x-www-form-urlencoded", "Content-Length", "100000000"), null);

        assertThat(path, answer.status(), equalTo(413));
        assertThat(answer.contentType(), startsWith(formatOf(path)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"POST /token?a=%ZZ", "POST /par?%ZZ=1", "GET /authorize?client_id=x&a=%ZZ",
            "GET /authorize?client_id=%C3%28&request_uri=urn:x", "GET /authorize?%=x"})
    void anUndecodableRequestTargetIsRefusedBeforeAnyEndpoint(String request) {
        // The HTTP server refuses a request-target that is not a URI before routing: a bare 400, nothing leaked.
        String[] parts = request.split(" ");
        RawHttp.Answer answer = http().send(parts[0], parts[1].getBytes(StandardCharsets.US_ASCII),
                Map.of("Content-Type", "application/x-www-form-urlencoded"), parts[0].equals("POST") ? new byte[0] : null);

        assertThat(request, answer.status(), equalTo(400));
        assertThat(request, answer.body(), not(containsString("Exception")));
    }

    private static String formatOf(String path) {
        return path.startsWith("/authorize") ? "text/html"
                : path.startsWith("/admin") ? "application/problem+json" : "application/json";
    }

    private RawHttp.Answer post(String path, Map<String, String> headers, String body) {
        return http().send("POST", path.getBytes(StandardCharsets.US_ASCII), headers, body.getBytes(StandardCharsets.UTF_8));
    }

    private RawHttp http() {
        return new RawHttp(root);
    }
}
