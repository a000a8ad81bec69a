package io.bankbridge.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A customer's browser, reduced to what the bank's pages need: it keeps cookies (for localhost, whatever their
 * Secure flag, as browsers do for localhost), follows redirects until it would leave for {@code stopAt} (the
 * provider's redirect URI), and submits the forms it is shown the way a person would: hidden fields as they are,
 * the fields a person fills in, the button a person presses.
 */
public final class Browser {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private final String stopAt;

    /** What the browser ended up on: a page of the bank, or a redirect back to the provider. */
    public record Page(URI uri, int status, Document html, String body, HttpHeaders headers, URI redirectedTo) {

        /** The text a person reads. */
        public String text() {
            return html == null ? "" : html.text();
        }

        /** A query parameter of the redirect back to the provider. */
        public String redirectParameter(String name) {
            if (redirectedTo == null || redirectedTo.getRawQuery() == null) {
                return null;
            }
            for (String pair : redirectedTo.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).equals(name)) {
                    return java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    public Browser(String stopAt) {
        this.stopAt = stopAt;
    }

    public Page open(String url) {
        return follow(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /**
     * Fills the first form on the page that contains a field or button matching {@code formContaining} (a CSS
     * selector), sets {@code fields} (checkboxes: a value of "on" ticks the box with that name, or the name may be
     * the box's value), and presses the button whose text contains {@code button}.
     */
    public Page submit(Page page, String formContaining, Map<String, String> fields, String button) {
        Element form = page.html().select("form").stream()
                .filter(f -> !f.select(formContaining).isEmpty()).findFirst()
                .orElseThrow(() -> new IllegalStateException("No form with " + formContaining + " on " + page.uri() + ":\n" + page.text()));
        List<String[]> data = new ArrayList<>();
        for (Element input : form.select("input, textarea, select")) {
            String name = input.attr("name");
            if (name.isEmpty()) {
                continue;
            }
            String type = input.attr("type").toLowerCase();
            if (type.equals("checkbox") || type.equals("radio")) {
                String value = input.hasAttr("value") ? input.attr("value") : "on";
                boolean ticked = fields.containsKey(value) || (fields.containsKey(name) && fields.get(name).equals(value))
                        || ("on".equals(fields.get(name)) && input.hasAttr("checked"));
                if (ticked) {
                    data.add(new String[] {name, value});
                }
            } else if (type.equals("submit") || type.equals("button")) {
                continue;
            } else {
                data.add(new String[] {name, fields.getOrDefault(name, shownValue(input))});
            }
        }
        Element pressed = form.select("button, input[type=submit]").stream()
                .filter(b -> b.text().contains(button) || b.attr("value").contains(button)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No button '" + button + "' in the form on " + page.uri()));
        if (!pressed.attr("name").isEmpty()) {
            data.add(new String[] {pressed.attr("name"), pressed.attr("value")});
        }
        String action = pressed.hasAttr("formaction") ? pressed.attr("formaction") : form.attr("action");
        URI target = action.isEmpty() ? page.uri() : page.uri().resolve(action);
        String body = data.stream().map(p -> enc(p[0]) + "=" + enc(p[1])).collect(Collectors.joining("&"));
        return follow(HttpRequest.newBuilder(target).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** What a browser sends for a field left as shown: a select's selected option (else its first), a field's value. */
    private static String shownValue(Element field) {
        if (!field.tagName().equals("select")) {
            return field.val();
        }
        Element option = field.selectFirst("option[selected]");
        if (option == null) {
            option = field.selectFirst("option");
        }
        return option == null ? "" : option.hasAttr("value") ? option.attr("value") : option.text();
    }

    /** Posts a raw form, e.g. to show that a request without the page's CSRF token is refused. */
    public Page post(String url, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
        return follow(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Page follow(HttpRequest.Builder first) {
        HttpRequest request = withCookies(first).build();
        for (int hops = 0; hops < 15; hops++) {
            HttpResponse<String> response = send(request);
            remember(response.headers());
            int status = response.statusCode();
            String location = response.headers().firstValue("Location").orElse(null);
            if (status >= 300 && status < 400 && location != null) {
                URI next = request.uri().resolve(location);
                if (stopAt != null && next.toString().startsWith(stopAt)) {
                    return new Page(request.uri(), status, null, response.body(), response.headers(), next);
                }
                request = withCookies(HttpRequest.newBuilder(next).GET()).build();
                continue;
            }
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            Document html = contentType.contains("html") ? Jsoup.parse(response.body(), request.uri().toString()) : null;
            return new Page(request.uri(), status, html, response.body(), response.headers(), null);
        }
        throw new IllegalStateException("Too many redirects from " + request.uri());
    }

    private HttpRequest.Builder withCookies(HttpRequest.Builder builder) {
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return builder;
    }

    private void remember(HttpHeaders headers) {
        for (String setCookie : headers.allValues("Set-Cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = pair.substring(0, eq).trim();
            String value = pair.substring(eq + 1).trim();
            String lower = setCookie.toLowerCase();
            if (value.isEmpty() || lower.contains("max-age=0") || lower.contains("expires=thu, 01 jan 1970")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
