package io.bankbridge.e2e;

import java.util.Map;

/**
 * A customer signed in to the bank's Security Center in their own browser, doing what its pages offer: opening a
 * connection and pressing one of its "Stop sharing" buttons (the page's form, with its CSRF token).
 */
public final class SecurityCenter {

    private final String baseUrl;
    private final Browser browser;

    /** A change answers with a redirect back to the connection's page, where this browser stops (to time the change). */
    private SecurityCenter(String baseUrl) {
        this.baseUrl = baseUrl;
        this.browser = new Browser(baseUrl + "/security-center/connections/");
    }

    /** Signs {@code login} in on consent-service at {@code baseUrl}; fails unless the list of connections shows. */
    public static SecurityCenter signIn(String baseUrl, String login, String password) {
        SecurityCenter center = new SecurityCenter(baseUrl);
        Browser.Page list = Journey.signIn(center.browser, center.browser.open(baseUrl + "/security-center"), login, password);
        if (list.status() != 200) {
            throw new IllegalStateException("Security Center sign-in failed: " + list.status() + " " + list.text());
        }
        return center;
    }

    /** The connection's page. */
    public Browser.Page connection(String consentId) {
        return browser.open(baseUrl + "/security-center/connections/" + consentId);
    }

    /**
     * "Share less": on the connection's page, presses "Stop sharing" for {@code accountOrCluster} (an account id or a
     * data cluster, the button's value). Returns as soon as the change is answered: the redirect back to the
     * connection's page, not yet followed.
     */
    public Browser.Page stopSharing(String consentId, String accountOrCluster) {
        Browser.Page page = connection(consentId);
        if (page.status() != 200) {
            throw new IllegalStateException("The connection's page answered " + page.status() + ": " + page.text());
        }
        return browser.submit(page, "button[value=\"" + accountOrCluster + "\"]", Map.of(), accountOrCluster);
    }

    /** A page the Security Center sent the browser to, e.g. after {@link #stopSharing}. */
    public Browser.Page open(String url) {
        return browser.open(url);
    }
}
