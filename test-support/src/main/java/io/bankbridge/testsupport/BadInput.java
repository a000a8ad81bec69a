package io.bankbridge.testsupport;

import io.bankbridge.testsupport.RouteSurface.Findings;
import io.bankbridge.testsupport.RouteSurface.Route;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fixed corpus of bad input, sent to every route of a service with a credential that opens the route, so that
 * the input reaches the service's own code: bad path parameters and query strings (NUL, invalid percent-encoding and
 * UTF-8, injection strings, wrong types, negative and huge numbers, forged cursors, 100 KB), wrong methods, wrong
 * and absent content types, bad bodies (1 MB, 10,000 nested arrays, invalid JSON and UTF-8, forms with invalid
 * encoding or 1,001 fields), overlong headers and garbage bearer tokens.
 *
 * <p>The rule for every answer: no 5xx (503 only with {@code Retry-After}), no stack trace, Java class name or
 * SQL text in the body, and no markup the request carried unescaped in an HTML page.
 */
public final class BadInput {

    /** Where a body template takes each bad JSON value. */
    public static final String PLACEHOLDER = "\"$BAD\"";

    /** Long enough for any honest answer on a loaded build machine; a request left waiting for a body is not. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(15);
    private static final String SCRIPT = "<script>alert(1)</script>";
    private static final Pattern PARAMETER = Pattern.compile("\\{([^/}]+)}");
    /** What only a server fault would put in a body: stack frames, Java and library class names, SQL and its errors. */
    private static final List<String> LEAKS = List.of("\tat ", ".java:", "Exception", "java.", "jakarta.",
            "io.quarkus", "io.vertx", "io.netty", "com.fasterxml", "org.postgresql", "org.hibernate", "SQLSTATE",
            "\"stack\"", "ERROR: ", "syntax error at", "relation \"", "violates ", "insert into ",
            "delete from ", "io.bankbridge");

    private BadInput() {
    }

    /** One request of the corpus. */
    private record Probe(String what, String method, String path, Map<String, String> headers, byte[] body) {
    }

    /**
     * Sends the corpus to every route.
     *
     * @param credentials    the headers that open a route (e.g. its bearer token, or a session cookie)
     * @param pathValues     a valid value for each path parameter name, so that only one part is bad at a time
     * @param bodyTemplates  per route ({@code "PUT /x/{id}"}), a valid JSON body with {@link #PLACEHOLDER} where each
     *                       bad JSON value goes; routes without one get the generic bodies only
     */
    public static Findings probe(String baseUrl, List<Route> routes, Function<Route, Map<String, String>> credentials,
                                 Map<String, String> pathValues, Map<String, String> bodyTemplates) {
        int requests = 0;
        List<String> violations = new ArrayList<>();
        for (Route route : routes) {
            for (Probe probe : corpus(route, credentials.apply(route), pathValues, bodyTemplates.get(route.toString()))) {
                requests++;
                String outcome = check(baseUrl, probe);
                if (outcome != null) {
                    violations.add(route + " / " + probe.what() + " -> " + outcome);
                }
            }
        }
        return new Findings(requests, violations);
    }

    private static List<Probe> corpus(Route route, Map<String, String> credential, Map<String, String> pathValues,
                                      String template) {
        List<Probe> probes = new ArrayList<>();
        String path = path(route.template(), pathValues, null, null);
        boolean hasBody = route.method().equals("POST") || route.method().equals("PUT")
                || route.method().equals("PATCH");
        byte[] validBody = template == null ? "{}".getBytes(StandardCharsets.UTF_8)
                : template.replace(PLACEHOLDER, "\"x\"").getBytes(StandardCharsets.UTF_8);
        Map<String, String> json = with(credential, "Content-Type", "application/json");
        Map<String, String> sent = hasBody ? json : credential;
        byte[] body = hasBody ? validBody : null;

        Matcher parameters = PARAMETER.matcher(route.template());
        while (parameters.find()) {
            for (String bad : badPathValues()) {
                probes.add(new Probe("path " + parameters.group(1) + "=" + abbreviate(bad), route.method(),
                        path(route.template(), pathValues, parameters.group(1), bad), sent, body));
            }
        }
        for (String query : badQueries()) {
            probes.add(new Probe("query " + abbreviate(query), route.method(), path + "?" + query, sent, body));
        }
        for (String method : List.of("GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS")) {
            if (!method.equals(route.method())) {
                probes.add(new Probe("method " + method, method, path, json, "{}".getBytes(StandardCharsets.UTF_8)));
            }
        }
        for (var header : badHeaders(credential).entrySet()) {
            boolean smuggling = header.getValue().containsKey("Transfer-Encoding");
            probes.add(new Probe("header " + header.getKey(), route.method(), path, header.getValue(),
                    smuggling ? new byte[0] : body));
        }
        if (hasBody) {
            for (var typed : badBodies().entrySet()) {
                String[] typeAndName = typed.getKey().split(" ", 2);
                Map<String, String> headers = typeAndName[0].equals("none") ? credential
                        : with(credential, "Content-Type", typeAndName[0]);
                probes.add(new Probe("body " + typed.getKey(), route.method(), path, headers, typed.getValue()));
            }
            if (template != null) {
                for (String value : badJsonValues()) {
                    probes.add(new Probe("field " + abbreviate(value), route.method(), path, json,
                            template.replace(PLACEHOLDER, value).getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        return probes;
    }

    private static List<String> badPathValues() {
        return List.of("%00", "x%00y", "%ZZ", "%C3%28", "%FF%FE", "%27%20OR%20%271%27%3D%271",
                "1%3B%20DROP%20TABLE%20account%3B--", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "-1",
                "99999999999999999999999", "9223372036854775807", "..%2F..%2Fetc%2Fpasswd", "%20", "a".repeat(10_000));
    }

    private static List<String> badQueries() {
        String forged = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("1:9223372036854775807:x".getBytes(StandardCharsets.UTF_8));
        String forgedSigned = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("2:9223372036854775807:x".getBytes(StandardCharsets.UTF_8)) + ".AAAA";
        return List.of("limit=abc", "limit=1e20", "limit=-1", "limit=0", "limit=99999999999999999999",
                "limit=1&limit=2", "offset=%00", "offset=garbage!!", "offset=" + forged, "offset=" + forgedSigned,
                "offset=" + "A".repeat(5_000) + ".x", "offset=...", "startTime=%00", "startTime=99999-99-99",
                "endTime=-1", "startTime=2030-01-01&endTime=2020-01-01", "customerId=%00",
                "consentId=%27%20OR%201%3D1--", "customerId=%3Cscript%3Ealert(1)%3C%2Fscript%3E", "a=%ZZ",
                "%ZZ=1", "==", "q=%C3%28", "access_token=x", "x=" + "a".repeat(100_000));
    }

    private static Map<String, Map<String, String>> badHeaders(Map<String, String> credential) {
        Map<String, Map<String, String>> headers = new LinkedHashMap<>();
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(
                StandardCharsets.UTF_8)) + ".e30.";
        for (String token : List.of("....", "a.b.c", none, "x".repeat(20_000), "%00", "eyJ.eyJ.eyJ")) {
            headers.put("Bearer " + abbreviate(token), Map.of("Authorization", "Bearer " + token));
        }
        headers.put("Basic garbage", Map.of("Authorization", "Basic !!!"));
        headers.put("Bearer alone", Map.of("Authorization", "Bearer"));
        headers.put("100 KB header", with(credential, "X-Padding", "a".repeat(100_000)));
        headers.put("Accept xml", with(credential, "Accept", "application/xml"));
        // With the body's Content-Length the probe adds: a request smuggler's pair, and no chunk ever follows.
        headers.put("Transfer-Encoding chunked and Content-Length, no body",
                with(credential, "Transfer-Encoding", "chunked"));
        return headers;
    }

    /** Keyed by content type ({@code none} for no header) and a name. */
    private static Map<String, byte[]> badBodies() {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("application/json 1 MB", ("{\"a\":\"" + "a".repeat(1_000_000) + "\"}").getBytes(StandardCharsets.UTF_8));
        bodies.put("application/json 10,000 nested arrays", ("[".repeat(10_000) + "]".repeat(10_000))
                .getBytes(StandardCharsets.UTF_8));
        bodies.put("application/json truncated", "{\"a\":".getBytes(StandardCharsets.UTF_8));
        bodies.put("application/json not JSON", "not json".getBytes(StandardCharsets.UTF_8));
        bodies.put("application/json empty", new byte[0]);
        bodies.put("application/json null", "null".getBytes(StandardCharsets.UTF_8));
        bodies.put("application/json array", "[]".getBytes(StandardCharsets.UTF_8));
        bodies.put("application/json number", "-99999999999999999999".getBytes(StandardCharsets.UTF_8));
        bodies.put("application/json invalid UTF-8", concat("{\"a\":\"".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF}, "\"}".getBytes(StandardCharsets.UTF_8)));
        bodies.put("none {}", "{}".getBytes(StandardCharsets.UTF_8));
        bodies.put("text/plain {}", "{}".getBytes(StandardCharsets.UTF_8));
        bodies.put("application/xml", "<a/>".getBytes(StandardCharsets.UTF_8));
        bodies.put("multipart/form-data;boundary=x garbage", "--x\r\ngarbage".getBytes(StandardCharsets.UTF_8));
        bodies.put("application/x-www-form-urlencoded a=%ZZ", "a=%ZZ".getBytes(StandardCharsets.UTF_8));
        bodies.put("application/x-www-form-urlencoded ==", "==".getBytes(StandardCharsets.UTF_8));
        bodies.put("application/x-www-form-urlencoded invalid UTF-8", "a=%C3%28".getBytes(StandardCharsets.UTF_8));
        StringBuilder fields = new StringBuilder("f0=0");
        for (int i = 1; i <= 1_000; i++) {
            fields.append("&f").append(i).append('=').append(i);
        }
        bodies.put("application/x-www-form-urlencoded 1,001 fields", fields.toString().getBytes(StandardCharsets.UTF_8));
        bodies.put("application/x-www-form-urlencoded 1 MB", ("a=" + "a".repeat(1_000_000)).getBytes(StandardCharsets.UTF_8));
        return bodies;
    }

    private static List<String> badJsonValues() {
        return List.of("\"\\u0000\"", "\"x\\u0000y\"", "\"\"", "-1", "-99999999999999999999", "1e400",
                "99999999999999999999999999", "1.5", "\"' OR '1'='1\"", "\"1; DROP TABLE account;--\"",
                "\"" + SCRIPT + "\"", "\"" + "a".repeat(100_000) + "\"", "[]", "{}", "null", "true",
                "\"\\ud800\"", "\"9999-99-99T99:99:99Z\"");
    }

    /** Null when the answer keeps the rule, else what broke it. */
    private static String check(String baseUrl, Probe probe) {
        RawReply reply;
        try {
            reply = send(URI.create(baseUrl), probe);
        } catch (SocketTimeoutException e) {
            return "no answer within " + ANSWER_WITHIN.toSeconds() + " s";
        } catch (IOException e) {
            // A server may close the connection on a request it refuses before reading it all; that it still
            // answers afterwards is the caller's to check.
            return null;
        }
        if (reply.status() >= 500 && !(reply.status() == 503 && reply.head().contains("\nretry-after:"))) {
            return reply.status() + " " + abbreviate(reply.body());
        }
        for (String leak : LEAKS) {
            if (reply.body().contains(leak)) {
                return reply.status() + " with \"" + leak.strip() + "\" in the body: " + abbreviate(reply.body());
            }
        }
        // Data a JSON API stores and returns is not markup; a page must escape it.
        if (reply.head().contains("\ncontent-type: text/html") && reply.body().contains(SCRIPT)) {
            return reply.status() + " with the request's markup unescaped in a page";
        }
        return null;
    }

    /** The status, the header block (lower case) and the body (still chunked, if it was) of an answer. */
    private record RawReply(int status, String head, String body) {
    }

    /** HTTP/1.1 over a plain socket, so that the request line and headers go out exactly as the corpus wrote them. */
    private static RawReply send(URI base, Probe probe) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5_000);
            socket.setSoTimeout((int) ANSWER_WITHIN.toMillis());
            StringBuilder head = new StringBuilder();
            head.append(probe.method()).append(' ').append(probe.path()).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                    .append("Connection: close\r\n");
            probe.headers().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (probe.body() != null) {
                head.append("Content-Length: ").append(probe.body().length).append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                if (probe.body() != null) {
                    out.write(probe.body());
                }
                out.flush();
            } catch (IOException e) {
                // The server answered and closed before reading everything: read what it answered.
            }
            byte[] answer = socket.getInputStream().readAllBytes();
            String text = new String(answer, StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.1 ") || text.length() < 12) {
                throw new IOException("no HTTP answer");
            }
            int status = Integer.parseInt(text.substring(9, 12));
            String headers = end < 0 ? text : text.substring(0, end);
            return new RawReply(status, headers.toLowerCase(Locale.ROOT),
                    end < 0 ? "" : text.substring(end + 4));
        }
    }

    private static String path(String template, Map<String, String> values, String badName, String badValue) {
        Matcher m = PARAMETER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = name.equals(badName) ? badValue : values.getOrDefault(name, RouteSurface.SAMPLE_ID);
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> out = new LinkedHashMap<>(headers);
        out.put(name, value);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String abbreviate(String s) {
        String flat = s.replace('\n', ' ');
        return flat.length() <= 160 ? flat : flat.substring(0, 160) + "… (" + flat.length() + " chars)";
    }
}
