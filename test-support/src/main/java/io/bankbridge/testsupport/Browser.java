package io.bankbridge.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A customer's browser over plain HTTP, for the hosted pages' tests: keeps each server's cookies, follows no
 * redirect by itself, sends forms with the CSRF token of the page it last read, and follows a chain of redirects
 * on request (across servers too, as an OpenID sign-in does) for as long as they stay where the test allows.
 * The pages in a real Chromium are {@link HostedPages}.
 */
public final class Browser {

    /** A phone's user agent: the pages are built for one first. */
    public static final String USER_AGENT = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile";
    private static final String ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final int MAX_HOPS = 10;
    private static final Set<String> LOCAL = Set.of("localhost", "127.0.0.1");

    private final URI base;
    private final URI publicAddress;
    private final Predicate<URI> follows;
    private final Map<String, Map<String, String>> cookies = new HashMap<>();
    private String csrf;
    private URI url;

    /**
     * A browser on the service at {@code base} whose {@link #follow} takes redirects anywhere on this machine, other
     * servers here included (an OpenID provider's sign-in); a redirect elsewhere is where it stops.
     */
    public Browser(URI base) {
        this(base, base, location -> location.getHost() == null || LOCAL.contains(location.getHost()));
    }

    /**
     * A browser on the service at {@code base}, which names itself {@code publicAddress} in its links and redirects
     * (its issuer, say): what is addressed there is sent to {@code base}. {@link #follow} takes only the redirects
     * whose {@code Location}, as the server wrote it, {@code follows} accepts.
     */
    public Browser(URI base, URI publicAddress, Predicate<URI> follows) {
        this.base = base;
        this.publicAddress = publicAddress;
        this.follows = follows;
    }

    /** The address of the service under test, as the test framework set it for RestAssured. */
    public static URI testServer() {
        return URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/");
    }

    /** GET of a path or an absolute URL, sent as it is (already encoded); reads the page's CSRF token if any. */
    public Response get(String location) {
        URI target = target(location);
        return remember(target, request(target).urlEncodingEnabled(false).get(target.toString()));
    }

    /** GET of {@code location}, then of every redirect the browser follows, until a page (at most ten hops). */
    public Response follow(String location) {
        return follow(get(location));
    }

    /** Follows {@code response}'s redirects as {@link #follow(String)} does. */
    public Response follow(Response response) {
        Response current = response;
        for (int hops = 0; hops < MAX_HOPS && redirects(current); hops++) {
            String location = current.header("Location");
            if (!follows.test(URI.create(location))) {
                break;
            }
            current = get(url.resolve(location).toString());
        }
        return current;
    }

    /** POST of a form ({@code name, value, name, value, ...}; a name may repeat) with the last page's CSRF token. */
    public Response post(String path, String... fields) {
        String[] withCsrf = new String[fields.length + 2];
        withCsrf[0] = "csrf";
        withCsrf[1] = csrf;
        System.arraycopy(fields, 0, withCsrf, 2, fields.length);
        return postRaw(path, withCsrf);
    }

    /** POST of a form exactly as given: no CSRF token unless among {@code fields}; a {@code null} value is left out. */
    public Response postRaw(String path, String... fields) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i + 1] != null) {
                form.computeIfAbsent(fields[i], k -> new ArrayList<>()).add(fields[i + 1]);
            }
        }
        URI target = target(path);
        RequestSpecification spec = request(target).contentType("application/x-www-form-urlencoded");
        form.forEach((name, values) -> spec.formParam(name, values.toArray()));
        return remember(target, spec.post(target.toString()));
    }

    /** POST of a body exactly as given, with its content type. */
    public Response postBody(String path, String contentType, String body) {
        URI target = target(path);
        return remember(target, request(target).contentType(contentType).body(body).post(target.toString()));
    }

    /** POST of a JSON body, as the pages' own scripts send one. */
    public Response postJson(String path, String json) {
        return postBody(path, "application/json", json);
    }

    /** The CSRF token of the last page that had a form. */
    public String csrf() {
        return csrf;
    }

    /** The address of the last page loaded. */
    public URI url() {
        return url;
    }

    /** The cookies the browser keeps for the service under test, by name. */
    public Map<String, String> cookies() {
        return Map.copyOf(cookies.getOrDefault(origin(base), Map.of()));
    }

    /** The {@code Cookie} header the browser sends the service under test. */
    public String cookieHeader() {
        return cookies().entrySet().stream().map(c -> c.getKey() + "=" + c.getValue()).collect(Collectors.joining("; "));
    }

    /** The value of a hidden form field on a page; fails the test when the page has none. */
    public static String hiddenField(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
        if (!m.find()) {
            throw new AssertionError("No field " + name + " on the page:\n" + html);
        }
        return m.group(1);
    }

    /** Where a request for {@code location} goes: relative to the service, and its public address is the service. */
    private URI target(String location) {
        URI uri = base.resolve(location);
        if (!origin(uri).equals(origin(publicAddress))) {
            return uri;
        }
        return base.resolve(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    private RequestSpecification request(URI target) {
        return given().redirects().follow(false).header("User-Agent", USER_AGENT).header("Accept", ACCEPT)
                .cookies(cookies.getOrDefault(origin(target), Map.of()));
    }

    private Response remember(URI target, Response response) {
        url = target;
        Map<String, String> jar = cookies.computeIfAbsent(origin(target), k -> new HashMap<>());
        Date now = new Date();
        for (Cookie cookie : response.detailedCookies().asList()) {
            boolean expired = cookie.getMaxAge() == 0 || cookie.hasExpiryDate() && cookie.getExpiryDate().before(now);
            if (expired) {
                jar.remove(cookie.getName());
            } else {
                jar.put(cookie.getName(), cookie.getValue());
            }
        }
        Matcher m = CSRF.matcher(response.asString());
        if (m.find()) {
            csrf = m.group(1);
        }
        return response;
    }

    private static boolean redirects(Response response) {
        int status = response.statusCode();
        return status >= 300 && status < 400 && response.header("Location") != null;
    }

    /** Cookies are kept per server (host and port), so two test servers never see each other's. */
    private static String origin(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }
}
