package io.bankbridge.token;

/**
 * A client error on a non-OAuth API (the admin API), answered as RFC 9457 problem+json with {@code detail}. Carries
 * no stack trace: it is an answer, not a fault.
 */
public final class ProblemException extends RuntimeException {

    private final int status;

    public ProblemException(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, detail);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, detail);
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, detail);
    }

    public int status() {
        return status;
    }

    public String detail() {
        return getMessage();
    }
}
