package io.bankbridge.token.authorize;

/** What {@code GET /authorize} answers. */
public sealed interface StartResult {

    /** A session was opened; the browser goes on to sign in. */
    record Started(AuthorizationSessions.Issued session) implements StartResult {
    }

    /** The browser reopened the request its session was opened from (a reload): it carries on where it was. */
    record Resumed() implements StartResult {
    }

    /** The client or its redirect URI cannot be trusted: an error page, never a redirect. */
    record Refused(String reason) implements StartResult {
    }

    /** The redirect URI is trusted but the request is not acceptable: the error goes back to the client. */
    record ErrorRedirect(String location) implements StartResult {
    }
}
