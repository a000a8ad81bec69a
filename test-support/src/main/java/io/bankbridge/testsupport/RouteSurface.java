package io.bankbridge.testsupport;

import com.nimbusds.jose.util.JSONObjectUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A service's attack surface as an attacker sees it: every route its own OpenAPI document publishes, and every way
 * of spelling each route's path that one HTTP parser may read differently from another (matrix parameters, doubled
 * and trailing slashes, percent-encoded letters, dots and slashes, upper case, dot segments). Requests are sent
 * byte for byte as written, never normalised by the client.
 */
public final class RouteSurface {

    /** A value for every path parameter: shaped like a UUID, so typed parameters convert too. */
    public static final String SAMPLE_ID = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    /**
     * One operation of the OpenAPI document.
     *
     * @param anyScope the scopes its security requirements name, any one of which opens it (empty if none is named)
     */
    public record Route(String method, String template, Set<String> anyScope) {

        /** The path with {@link #SAMPLE_ID} for every parameter. */
        public String path() {
            return template.replaceAll("\\{[^/}]+}", SAMPLE_ID);
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    /** What the service answered. */
    public record Answer(int status, String contentType, String body) {
    }

    private RouteSurface() {
    }

    /** The base URL of a service under test, as {@code @TestHTTPResource("/")} gives it, without the final slash. */
    public static String baseOf(URL root) {
        String url = root.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Every operation of the service's OpenAPI document at {@code baseUrl + /q/openapi}, sorted. */
    public static List<Route> routes(String baseUrl) {
        Answer doc = send(baseUrl, "GET", "/q/openapi?format=json", Map.of());
        if (doc.status() != 200) {
            throw new IllegalStateException("no OpenAPI document at " + baseUrl + ": " + doc.status());
        }
        try {
            Map<String, Object> paths = JSONObjectUtils.getJSONObject(JSONObjectUtils.parse(doc.body()), "paths");
            Set<String> sorted = new TreeSet<>();
            List<Route> routes = new ArrayList<>();
            for (var path : paths.entrySet()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> operations = (Map<String, Object>) path.getValue();
                for (var operation : operations.entrySet()) {
                    String method = operation.getKey();
                    if (METHODS.contains(method) && sorted.add(method + " " + path.getKey())) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> details = (Map<String, Object>) operation.getValue();
                        routes.add(new Route(method.toUpperCase(Locale.ROOT), path.getKey(), scopes(details)));
                    }
                }
            }
            routes.sort((a, b) -> a.toString().compareTo(b.toString()));
            return routes;
        } catch (ParseException e) {
            throw new IllegalStateException("unreadable OpenAPI document", e);
        }
    }

    /** Every scope named by the operation's security requirements (each requirement is an alternative). */
    private static Set<String> scopes(Map<String, Object> operation) {
        Set<String> scopes = new TreeSet<>();
        if (operation.get("security") instanceof List<?> requirements) {
            for (Object requirement : requirements) {
                if (requirement instanceof Map<?, ?> schemes) {
                    for (Object named : schemes.values()) {
                        if (named instanceof List<?> list) {
                            list.forEach(scope -> scopes.add(String.valueOf(scope)));
                        }
                    }
                }
            }
        }
        return Set.copyOf(scopes);
    }

    /**
     * The path as written, then each spelling of it that routes to the same resource under one reading of the URI
     * and to something else (or nothing) under another.
     */
    public static List<String> variants(String path) {
        List<String> segments = List.of(path.substring(1).split("/"));
        Set<String> out = new LinkedHashSet<>();
        out.add(path);
        out.add(path + "/");
        out.add("/" + path);
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            for (String matrix : List.of(";x", ";x=1", ";")) {
                out.add(join(segments, i, segment + matrix));
            }
            out.add(join(segments, i, "/" + segment));
            out.add(join(segments, i, segment.toUpperCase(Locale.ROOT)));
            out.add(join(segments, i, percentEncodeFirst(segment)));
            out.add(join(segments, i, "./" + segment));
            out.add(join(segments, i, "%2e/" + segment));
            out.add(join(segments, i, "x/../" + segment));
            out.add(join(segments, i, "x/%2e%2e/" + segment));
            if (i > 0) {
                out.add(joinSlash(segments, i, "%2F"));
                out.add(joinSlash(segments, i, "%2f"));
            }
        }
        return List.copyOf(out);
    }

    /** What a probe sent, and every answer that broke the rule. */
    public record Findings(int requests, List<String> violations) {

        /** The number of violations and the first few, for an assertion message. */
        public String summary() {
            return violations.size() + " of " + requests + " requests broke the rule, e.g.:\n"
                    + String.join("\n", violations.subList(0, Math.min(10, violations.size())));
        }
    }

    /**
     * Sends every spelling of every route with each credential (name → request headers; an empty map is "no
     * credentials"). The path as written must answer 401 or 403; no spelling may answer 2xx or 5xx.
     */
    public static Findings probe(String baseUrl, List<Route> routes, Map<String, Map<String, String>> credentials) {
        int requests = 0;
        List<String> violations = new ArrayList<>();
        for (Route route : routes) {
            for (String variant : variants(route.path())) {
                for (var credential : credentials.entrySet()) {
                    Answer answer = send(baseUrl, route.method(), variant, credential.getValue());
                    requests++;
                    int status = answer.status();
                    boolean plain = variant.equals(route.path());
                    boolean refused = status == 401 || status == 403;
                    if ((plain && !refused) || (status >= 200 && status < 300) || status >= 500) {
                        violations.add(route.method() + " " + variant + " with " + credential.getKey() + " -> "
                                + status + " " + answer.body().substring(0, Math.min(200, answer.body().length())));
                    }
                }
            }
        }
        return new Findings(requests, violations);
    }

    /** Sends one request with the path exactly as given (an empty JSON body for methods that carry one). */
    public static Answer send(String baseUrl, String method, String rawPath, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + rawPath))
                .timeout(Duration.ofSeconds(10));
        headers.forEach(request::header);
        boolean body = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
        if (body && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body ? HttpRequest.BodyPublishers.ofString("{}") : HttpRequest.BodyPublishers.noBody());
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + rawPath, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String join(List<String> segments, int index, String replacement) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            path.append('/').append(i == index ? replacement : segments.get(i));
        }
        return path.toString();
    }

    /** The path with the slash before segment {@code index} written as {@code slash}. */
    private static String joinSlash(List<String> segments, int index, String slash) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            path.append(i == index ? slash : "/").append(segments.get(i));
        }
        return path.toString();
    }

    /** {@code internal} → {@code %69nternal}: the same letters to a decoding parser, other bytes to a literal one. */
    private static String percentEncodeFirst(String segment) {
        if (segment.isEmpty()) {
            return segment;
        }
        return String.format("%%%02X", (int) segment.charAt(0)) + segment.substring(1);
    }
}
