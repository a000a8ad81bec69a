package io.bankbridge.token;

/**
 * An OAuth error to answer as RFC 6749 §5.2 JSON ({@code error}, {@code error_description}); thrown anywhere on the
 * OAuth endpoints' paths and turned into a response in one place. Carries no stack trace: it is an answer, not a fault.
 */
public final class OAuthException extends RuntimeException {

    private final int status;
    private final String error;
    private final boolean basicChallenge;

    private OAuthException(int status, String error, String description, boolean basicChallenge) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.basicChallenge = basicChallenge;
    }

    public static OAuthException invalidRequest(String description) {
        return new OAuthException(400, "invalid_request", description, false);
    }

    /** 401; {@code basic} adds a {@code WWW-Authenticate: Basic} challenge (the client tried HTTP Basic). */
    public static OAuthException invalidClient(String description, boolean basic) {
        return new OAuthException(401, "invalid_client", description, basic);
    }

    public static OAuthException invalidGrant(String description) {
        return new OAuthException(400, "invalid_grant", description, false);
    }

    public static OAuthException unauthorizedClient(String description) {
        return new OAuthException(400, "unauthorized_client", description, false);
    }

    public static OAuthException unsupportedGrantType(String description) {
        return new OAuthException(400, "unsupported_grant_type", description, false);
    }

    public static OAuthException unsupportedResponseType(String description) {
        return new OAuthException(400, "unsupported_response_type", description, false);
    }

    public static OAuthException invalidScope(String description) {
        return new OAuthException(400, "invalid_scope", description, false);
    }

    /** 503 (RFC 6749 §4.1.2.1 {@code temporarily_unavailable}): the answer comes with {@code Retry-After}. */
    public static OAuthException temporarilyUnavailable(String description) {
        return new OAuthException(503, "temporarily_unavailable", description, false);
    }

    /**
     * Grant Management for OAuth 2.0: the {@code grant_id} is unknown, has ended, or is another client's grant.
     */
    public static OAuthException invalidGrantId(String description) {
        return new OAuthException(400, "invalid_grant_id", description, false);
    }

    /** RFC 9396 §5. */
    public static OAuthException invalidAuthorizationDetails(String description) {
        return new OAuthException(400, "invalid_authorization_details", description, false);
    }

    public int status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String description() {
        return getMessage();
    }

    public boolean basicChallenge() {
        return basicChallenge;
    }
}
