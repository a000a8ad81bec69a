package io.bankbridge.token.badinput;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.bankbridge.testsupport.RouteSurface;
import io.bankbridge.token.CoreTestSecrets;
import io.bankbridge.token.TestProvider;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every route of the OpenAPI document against a fixed corpus of bad input: undecodable forms and queries, NUL bytes,
 * wrong methods and content types, oversized, deep and invalid bodies, invalid UTF-8, injection strings, garbage
 * credentials. Nothing may answer 5xx (but a 503 with {@code Retry-After}) or leak how the service is built.
 */
@QuarkusTest
class BadInputCorpusTest {

    /** What no answer may contain: stack traces, Java and framework class names, database errors. */
    private static final List<String> LEAKS = List.of("java.", "io.quarkus", "io.vertx", "io.netty", "Exception",
            "\tat ", "SQLSTATE", "org.postgresql", "syntax error at or near", "invalid byte sequence", "ERROR: ");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH");
    /** Rotating the signing key on every request would only slow the other tests down; it is refused alike without credentials. */
    private static final String ROTATE = "POST /admin/signing-keys/rotate";

    @TestHTTPResource("/")
    URI root;

    @Test
    void noBadInputGetsA5xxOrALeakAndTheServiceStillAnswers() {
        String base = root.toString().replaceAll("/$", "");
        RawHttp http = new RawHttp(root);
        List<RouteSurface.Route> routes = RouteSurface.routes(base);
        assertTrue(routes.size() >= 20, "the OpenAPI document lists the routes: " + routes);

        List<String> violations = new ArrayList<>();
        int sent = 0;
        for (RouteSurface.Route route : routes) {
            // the whole corpus without credentials (and with the admin's where they open the route), the garbage
            // credentials on the plain request
            List<Map<String, String>> credentials = new ArrayList<>(List.of(Map.of()));
            if (route.template().startsWith("/admin") && !route.toString().equals(ROTATE)) {
                credentials.add(Map.of("Authorization", TestProvider.basic("admin", CoreTestSecrets.ADMIN)));
            }
            List<Request> corpus = corpus(route);
            for (Request request : corpus) {
                for (Map<String, String> credential : request.name().equals(PLAIN) ? GARBAGE_CREDENTIALS : credentials) {
                    Map<String, String> headers = new LinkedHashMap<>(request.headers());
                    headers.putAll(credential);
                    RawHttp.Answer answer = http.send(request.method(), request.target(), headers, request.body());
                    sent++;
                    check(route + " as " + request.name() + " with " + credential.keySet(), request, answer, violations);
                }
            }
        }

        System.out.printf("Bad input corpus: %d routes, %d requests, %d violations%n", routes.size(), sent, violations.size());
        assertEquals(List.of(), violations.subList(0, Math.min(20, violations.size())),
                violations.size() + " violations");
        assertEquals(200, http.send("GET", bytes("/q/health/live"), Map.of(), null).status());
        assertEquals(200, http.send("GET", bytes("/.well-known/openid-configuration"), Map.of(), null).status());
    }

    private static void check(String what, Request request, RawHttp.Answer answer, List<String> violations) {
        int status = answer.status();
        boolean closed = status == 0 && request.oversized();
        boolean serverError = status >= 500 && !(status == 503 && answer.header("retry-after") != null);
        if ((status == 0 && !closed) || serverError) {
            violations.add(what + " -> " + status + " " + excerpt(answer.body()));
        }
        for (String leak : LEAKS) {
            if (answer.body().contains(leak)) {
                violations.add(what + " -> leaks '" + leak + "': " + excerpt(answer.body()));
            }
        }
    }

    /** One request of the corpus. */
    private record Request(String name, String method, byte[] target, Map<String, String> headers, byte[] body,
                           boolean oversized) {
    }

    private static final byte[] MEGABYTE_FORM = bytes("a=" + "b".repeat(1 << 20));
    private static final byte[] MEGABYTE_JSON = bytes("[\"" + "b".repeat(1 << 20) + "\"]");
    private static final String PLAIN = "plain";
    private static final List<Map<String, String>> GARBAGE_CREDENTIALS = List.of(
            Map.of(),
            Map.of("Authorization", "Bearer ...."),
            Map.of("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiIwIn0."),
            Map.of("Authorization", "Basic !!!not-base64"),
            Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString("\0:\0".getBytes(StandardCharsets.UTF_8))),
            Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8))),
            Map.of("Authorization", "DPoP x", "DPoP", "a.b.c"));

    /** The fixed corpus for one route. */
    private static List<Request> corpus(RouteSurface.Route route) {
        String path = route.path();
        List<Request> out = new ArrayList<>();
        out.add(new Request(PLAIN, route.method(), bytes(path), json(), emptyBodyFor(route.method()), false));
        // path ids: NUL, bad escapes, invalid UTF-8, injection strings
        if (route.template().contains("{")) {
            for (String id : List.of("%00", "a%00b", "%ZZ", "%C3%28", "%FF%FE", "x'%20OR%20'1'='1", "%3Cscript%3E",
                    "-1", "99999999999999999999999", "a".repeat(300))) {
                out.add(new Request("id " + id, route.method(), bytes(route.template().replaceAll("\\{[^/}]+}", id)),
                        json(), emptyBodyFor(route.method()), false));
            }
            out.add(new Request("raw invalid UTF-8 id", route.method(),
                    concat(bytes(route.template().replaceAll("\\{[^/}]+}.*", "")), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF}),
                    json(), emptyBodyFor(route.method()), false));
        }
        // queries
        for (String query : List.of("a=%ZZ", "a=%", "%=x", "client_id=%00", "client_id=%00&request_uri=%00",
                "x=%C3%28", "n=-1&m=99999999999999999999999999", "q=%27%20OR%201%3D1--", "q=%3Cscript%3Ealert(1)%3C/script%3E",
                "==&&&", "format=%00")) {
            out.add(new Request("query " + query, route.method(), bytes(path + "?" + query), json(),
                    emptyBodyFor(route.method()), false));
        }
        out.add(new Request("raw invalid UTF-8 query", route.method(), concat(bytes(path + "?q="),
                new byte[] {(byte) 0xFF, (byte) 0xC0, (byte) 0x80}), json(), emptyBodyFor(route.method()), false));
        out.add(new Request("100 KB query", route.method(), bytes(path + "?q=" + "a".repeat(100_000)), json(),
                emptyBodyFor(route.method()), true));
        out.add(new Request("20 KB header", route.method(), bytes(path), Map.of("X-Big", "a".repeat(20_000)),
                emptyBodyFor(route.method()), true));
        // wrong methods
        for (String method : METHODS) {
            if (!method.equals(route.method())) {
                out.add(new Request("method " + method, method, bytes(path), json(), emptyBodyFor(method), false));
            }
        }
        // bodies, with the right, wrong and no content type
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("form a=%ZZ", bytes("a=%ZZ"));
        bodies.put("form ==", bytes("=="));
        bodies.put("form a=%", bytes("a=%"));
        bodies.put("form NUL", bytes("client_id=%00&grant_type=%00&username=%00&password=%00&csrf=%00&token=%00"));
        bodies.put("form injection", bytes("client_id=x%27%20OR%201%3D1--&username=%3Cscript%3E&state=%27%3B%20DROP%20TABLE%20clients%3B--"));
        bodies.put("form numbers", bytes("expires_in=-1&duration=99999999999999999999999&max_age=-99999999999"));
        bodies.put("form invalid UTF-8", concat(bytes("username="), new byte[] {(byte) 0xFF, (byte) 0xFE, (byte) 0xC3, 0x28}));
        bodies.put("form 1001 fields", bytes("f=1&".repeat(1_001)));
        bodies.put("JSON invalid", bytes("{\"clientId\":"));
        bodies.put("JSON deep", bytes("[".repeat(10_000) + "]".repeat(10_000)));
        bodies.put("JSON NUL", bytes("{\"clientId\":\"\\u0000\",\"name\":\"\\u0000\",\"redirectUris\":[\"\\u0000\"],\"reason\":\"\\u0000\"}"));
        bodies.put("JSON numbers", bytes("{\"clientId\":-1,\"name\":1e999999,\"redirectUris\":99999999999999999999999}"));
        bodies.put("JSON injection", bytes("{\"clientId\":\"x' OR '1'='1\",\"name\":\"<script>alert(1)</script>\","
                + "\"redirectUris\":[\"javascript:alert(1)\"],\"allowedClusters\":[\"'; DROP TABLE clients;--\"]}"));
        bodies.put("JSON invalid UTF-8", concat(bytes("{\"name\":\""), new byte[] {(byte) 0xFF, (byte) 0xFE, '"', '}'}));
        // a GET route gets the bodies with POST, a wrong method with a body
        String method = route.method().equals("GET") ? "POST" : route.method();
        for (var body : bodies.entrySet()) {
            for (String type : List.of("application/x-www-form-urlencoded", "application/json", "text/plain",
                    "application/x-www-form-urlencoded; charset=bogus", "")) {
                Map<String, String> headers = type.isEmpty() ? Map.of() : Map.of("Content-Type", type);
                out.add(new Request(body.getKey() + " as " + type, method, bytes(path), headers, body.getValue(), false));
            }
        }
        out.add(new Request("1 MB form", method, bytes(path), Map.of("Content-Type", "application/x-www-form-urlencoded"),
                MEGABYTE_FORM, true));
        out.add(new Request("1 MB JSON", method, bytes(path), json(), MEGABYTE_JSON, true));
        out.add(new Request("garbage cookie", route.method(), bytes(path),
                Map.of("Cookie", "bankbridge-authorization=%00; __Host-bankbridge-authorization=\u00ff"), emptyBodyFor(route.method()), false));
        return out;
    }

    private static Map<String, String> json() {
        return Map.of("Content-Type", "application/json");
    }

    private static byte[] emptyBodyFor(String method) {
        return method.equals("GET") || method.equals("DELETE") ? null : new byte[0];
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first);
        out.writeBytes(second);
        return out.toByteArray();
    }

    private static String excerpt(String body) {
        return body.substring(0, Math.min(300, body.length())).replace('\n', ' ');
    }
}
