package io.bankbridge.accountdata.rest;

import java.util.List;
import java.util.Map;

/**
 * A request this service refuses, with the status, the problem text and the headers the answer must carry
 * (RFC 6750 {@code WWW-Authenticate}, {@code Retry-After}). {@link ProblemMapper} turns it into the response.
 */
public final class ApiProblem extends RuntimeException {

    private static final String REALM = "Bearer realm=\"bankbridge\"";

    private final int status;
    private final String title;
    private final Map<String, String> headers;

    private ApiProblem(int status, String title, String detail, Map<String, String> headers) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.headers = headers;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** RFC 6750 §3.1: a request without credentials gets the challenge and no error code. */
    public static ApiProblem missingToken() {
        return new ApiProblem(401, "Unauthorized", "A bearer access token is required.",
                Map.of("WWW-Authenticate", REALM));
    }

    public static ApiProblem invalidToken(String detail) {
        return new ApiProblem(401, "Unauthorized", detail, Map.of("WWW-Authenticate",
                REALM + ", error=\"invalid_token\", error_description=\"" + detail + "\""));
    }

    /**
     * 401 for a DPoP presentation (RFC 9449 §7.1): the DPoP scheme's challenge, and the nonce to use when the answer
     * is {@code use_dpop_nonce}.
     */
    public static ApiProblem dpop(String challenge, String detail, String nonce) {
        return new ApiProblem(401, "Unauthorized", detail, nonce == null ? Map.of("WWW-Authenticate", challenge)
                : Map.of("WWW-Authenticate", challenge, "DPoP-Nonce", nonce));
    }

    public static ApiProblem invalidRequest(String detail) {
        return new ApiProblem(400, "Bad Request", detail, Map.of("WWW-Authenticate",
                REALM + ", error=\"invalid_request\", error_description=\"" + detail + "\""));
    }

    /**
     * 403 {@code insufficient_scope}. Any one of {@code anyOf} would open the request; the RFC 6750 {@code scope}
     * attribute names the first, a scope that is enough on its own.
     */
    public static ApiProblem insufficientScope(List<String> anyOf) {
        String detail = "This request needs " + String.join(" or ", anyOf) + ", which the grant does not include.";
        return new ApiProblem(403, "Forbidden", detail, Map.of("WWW-Authenticate", REALM
                + ", error=\"insufficient_scope\", error_description=\"" + detail + "\""
                + (anyOf.isEmpty() ? "" : ", scope=\"" + anyOf.get(0) + "\"")));
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not Found", detail, Map.of());
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "Bad Request", detail, Map.of());
    }

    public static ApiProblem tooManyRequests(long retryAfterSeconds) {
        return new ApiProblem(429, "Too Many Requests", "The provider's request rate limit is exhausted; retry after "
                + retryAfterSeconds + " s.", Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public static ApiProblem unavailable(String detail) {
        return new ApiProblem(503, "Service Unavailable", detail, Map.of("Retry-After", "1"));
    }
}
