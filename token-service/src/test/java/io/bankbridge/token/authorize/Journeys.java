package io.bankbridge.token.authorize;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.bankbridge.testsupport.Browser;
import io.restassured.response.Response;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The steps of a customer's journey through the hosted pages, shared by the page tests. */
final class Journeys {

    static final String INVALID = "The user name and password combination you provided is not valid";
    static final String LOCKED = "temporarily locked";
    static final String UNABLE = "We are unable to process your request at this time. Please try again later.";
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk-verifier";
    static final List<String> CLUSTERS = List.of("ACCOUNT_BASIC", "TRANSACTIONS");

    /** The address token-service names itself by (its issuer) in links and redirects. */
    static final URI ISSUER = URI.create("http://localhost:8081");

    private Journeys() {
    }

    /**
     * A customer's browser on the hosted pages: it follows redirects that stay on the pages ({@code /authorize...}),
     * never one to a provider's redirect URI or to the Security Center.
     */
    static Browser browser() {
        return new Browser(Browser.testServer(), ISSUER, location -> location.getHost() == null
                || "localhost".equals(location.getHost()) && location.getPath().startsWith("/authorize"));
    }

    /** The provider sends the browser to /authorize; the browser lands on the sign-in page. */
    static Browser atSignIn(ProviderFixture provider, String state) {
        Browser browser = browser();
        Response page = browser.follow(provider.authorizeUrl(provider.push(state, VERIFIER, CLUSTERS, 90)));
        assertThat(page.statusCode(), equalTo(200));
        return browser;
    }

    /** Signs in on the sign-in page; the answer is the 303 after the POST. */
    static Response signIn(Browser browser, String username, String password) {
        Response response = browser.post("/authorize/signin", "username", username, "password", password);
        assertThat(response.statusCode(), equalTo(303));
        return response;
    }

    /** A browser signed in as {@code username} (password by the demo convention), looking at the account picker. */
    static Browser atPicker(ProviderFixture provider, String username, String state) {
        return signedInAt(provider, provider.push(state, VERIFIER, CLUSTERS, 90), username);
    }

    /** The same for a request the provider has already pushed. */
    static Browser signedInAt(ProviderFixture provider, String requestUri, String username) {
        Browser browser = browser();
        assertThat(browser.follow(provider.authorizeUrl(requestUri)).statusCode(), equalTo(200));
        Response signedIn = signIn(browser, username, demoPassword(username));
        assertThat(signedIn.header("Location"), endsWith("/authorize/consent"));
        assertThat(browser.follow(signedIn.header("Location")).statusCode(), equalTo(200));
        return browser;
    }

    static String demoPassword(String username) {
        return "Demo-" + username.substring(username.length() - 4) + "-pass!";
    }

    /** The query parameters of a redirect to a client. */
    static Map<String, String> query(String location) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = URI.create(location).getRawQuery();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
