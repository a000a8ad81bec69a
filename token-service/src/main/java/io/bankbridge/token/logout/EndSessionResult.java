package io.bankbridge.token.logout;

/** What the end_session endpoint answers once the hosted-pages session (if any) has ended. */
public sealed interface EndSessionResult {

    /** Back to the client's registered post-logout redirect URI (with its {@code state}). */
    record Redirect(String location) implements EndSessionResult {
    }

    /** The bank's signed-out page; {@code refusal} says why the browser was not sent back (null if none was asked). */
    record SignedOut(String refusal) implements EndSessionResult {
    }
}
