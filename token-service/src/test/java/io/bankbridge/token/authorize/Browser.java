package io.bankbridge.token.authorize;

import static io.restassured.RestAssured.given;

import io.restassured.http.Cookie;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A customer's browser for the hosted pages: keeps cookies, follows no redirect by itself, and fills in forms with
 * the CSRF token of the page it last read.
 */
final class Browser {

    static final String USER_AGENT = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile";
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final Map<String, String> cookies = new HashMap<>();
    private String csrf;

    /** GET of a path (or of an absolute URL on this server); reads the CSRF token if the page has a form. */
    Response get(String location) {
        // locations are sent as they are: already encoded by whoever built them (a test or the server)
        Response response = request().urlEncodingEnabled(false).get(path(location));
        remember(response);
        return response;
    }

    /** POST of a form ({@code name, value, name, value, ...}; a name may repeat) with the last page's CSRF token. */
    Response post(String path, String... fields) {
        String[] withCsrf = new String[fields.length + 2];
        withCsrf[0] = "csrf";
        withCsrf[1] = csrf;
        System.arraycopy(fields, 0, withCsrf, 2, fields.length);
        return postRaw(path, withCsrf);
    }

    /** POST of a form exactly as given: no CSRF token unless among {@code fields}. */
    Response postRaw(String path, String... fields) {
        Map<String, List<String>> form = new LinkedHashMap<>();
        for (int i = 0; i < fields.length; i += 2) {
            if (fields[i + 1] != null) {
                form.computeIfAbsent(fields[i], k -> new ArrayList<>()).add(fields[i + 1]);
            }
        }
        RequestSpecification spec = request().contentType("application/x-www-form-urlencoded");
        form.forEach((name, values) -> spec.formParam(name, values.toArray()));
        Response response = spec.post(path);
        remember(response);
        return response;
    }

    /** GET of {@code location}, then of every 303/302 Location on this server, until a page. */
    Response follow(String location) {
        Response response = get(location);
        while ((response.statusCode() == 303 || response.statusCode() == 302) && ours(response.header("Location"))) {
            response = get(response.header("Location"));
        }
        return response;
    }

    String csrf() {
        return csrf;
    }

    Map<String, String> cookies() {
        return Map.copyOf(cookies);
    }

    static boolean ours(String location) {
        URI uri = URI.create(location);
        return uri.getHost() == null || "localhost".equals(uri.getHost()) && uri.getPath().startsWith("/authorize");
    }

    private RequestSpecification request() {
        return given().redirects().follow(false).header("User-Agent", USER_AGENT).cookies(cookies);
    }

    private void remember(Response response) {
        for (Cookie cookie : response.detailedCookies().asList()) {
            if (cookie.getMaxAge() == 0) {
                cookies.remove(cookie.getName());
            } else {
                cookies.put(cookie.getName(), cookie.getValue());
            }
        }
        String body = response.asString();
        Matcher m = CSRF.matcher(body == null ? "" : body);
        if (m.find()) {
            csrf = m.group(1);
        }
    }

    private static String path(String location) {
        URI uri = URI.create(location);
        if (uri.getHost() == null) {
            return location;
        }
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }
}
