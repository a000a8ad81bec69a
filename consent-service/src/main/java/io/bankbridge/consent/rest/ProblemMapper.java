package io.bankbridge.consent.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.bankbridge.consent.receipt.NoReceiptException;
import io.bankbridge.consent.receipt.ReceiptSigningUnavailableException;
import io.bankbridge.consent.security.Callers;
import io.bankbridge.consent.security.dpop.SenderConstraint;
import io.bankbridge.consent.securitycenter.ErrorPage;
import io.bankbridge.consent.securitycenter.SecurityCenterPages;
import io.bankbridge.consent.service.ConsentNotFoundException;
import io.bankbridge.consent.service.ConflictException;
import io.bankbridge.consent.service.InvalidConsentRequestException;
import io.bankbridge.contract.call.BrokenConstraints;
import io.bankbridge.dpop.DPoPProofVerifier;
import io.bankbridge.dpop.DPoPRefusal;
import io.netty.handler.codec.DecoderException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import io.vertx.pgclient.PgException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become HTTP errors: an RFC 9457 problem body for the APIs, the Security Center's
 * error page for its pages, never a stack trace. {@link #problemFor} is the one exception-to-status table, also
 * used for failures before any resource runs ({@link RequestLimits}); unexpected failures are logged with an id the
 * caller can quote and answered 500 without detail.
 */
public class ProblemMapper {

    private static final String BEARER_CHALLENGE = "Bearer realm=\"bankbridge\"";
    private static final String BAD_JSON = "The request body is not valid JSON for this operation.";

    private final Callers callers;
    private final ErrorPage errorPage;
    private final SenderConstraint senderConstraint;

    ProblemMapper(Callers callers, ErrorPage errorPage, SenderConstraint senderConstraint) {
        this.callers = callers;
        this.errorPage = errorPage;
        this.senderConstraint = senderConstraint;
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, ResourceInfo resource) {
        return answer(problemFor(e), resource);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, ResourceInfo resource) {
        return answer(problemFor(e), resource);
    }

    /** JSON of the wrong shape (an unknown actor, a string where a list belongs): as specific as the built-in mapper, so ours wins. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, ResourceInfo resource) {
        return answer(problemFor(e), resource);
    }

    /**
     * A request body that breaks the constraints on its record (Bean Validation), as specific as the framework's own
     * violation report, so ours wins: the problem names each field at fault.
     */
    @ServerExceptionMapper
    public Response invalidBody(ConstraintViolationException e, ResourceInfo resource) {
        return answer(problemFor(e), resource);
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidConsentRequestException e, ResourceInfo resource) {
        return answer(new Problem("about:blank", "Bad Request", 400, e.getMessage()), resource);
    }

    @ServerExceptionMapper
    public Response notFound(ConsentNotFoundException e, ResourceInfo resource) {
        return answer(new Problem("about:blank", "Not Found", 404, e.getMessage()), resource);
    }

    @ServerExceptionMapper
    public Response noReceipt(NoReceiptException e, ResourceInfo resource) {
        return answer(new Problem("about:blank", "Not Found", 404, e.getMessage()), resource);
    }

    /** token-service could not sign a receipt: nothing is wrong with the request, and asking again later may work. */
    @ServerExceptionMapper
    public Response signingUnavailable(ReceiptSigningUnavailableException e, ResourceInfo resource) {
        return Response.fromResponse(answer(new Problem("about:blank", "Service Unavailable", 503,
                        "We are unable to process your request at this time. Please try again later."), resource))
                .header(HttpHeaders.RETRY_AFTER, "30").build();
    }

    @ServerExceptionMapper
    public Response conflict(ConflictException e, ResourceInfo resource) {
        return answer(new Problem("about:blank", "Conflict", 409, e.getMessage()), resource);
    }

    /**
     * No credentials for an endpoint that needs them. The API's bearer challenge carries no error code (RFC 6750
     * §3.1); where the endpoint's tenant signs in with the code flow (the Security Center), quarkus-oidc's challenge
     * is a redirect to the sign-in, and it is answered as is.
     */
    @ServerExceptionMapper
    public Uni<Response> unauthenticated(UnauthorizedException e, RoutingContext context) {
        return challenge(context, BEARER_CHALLENGE, "This API needs a bearer access token.");
    }

    /** A bearer token that is malformed, invalid, expired, signed by an unknown key, not an access token, or for no API of ours. */
    @ServerExceptionMapper
    public Uni<Response> invalidToken(AuthenticationFailedException e, RoutingContext context) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof DPoPRefusal refused) {
                // RFC 9449 §7.1: the DPoP scheme's challenge, and the nonce to use when that is what was missing
                Response.ResponseBuilder answer = Response.fromResponse(problem(401, "Unauthorized",
                        refused.description())).header(HttpHeaders.WWW_AUTHENTICATE, senderConstraint.challenge(refused));
                return Uni.createFrom().item((refused.nonce() == null ? answer
                        : answer.header(DPoPProofVerifier.NONCE_HEADER, refused.nonce())).build());
            }
        }
        return challenge(context, BEARER_CHALLENGE + ", error=\"invalid_token\"", "The access token is not valid for this API.");
    }

    /**
     * An authenticated caller the endpoint does not admit. A bearer token that lacks the role or capability gets
     * RFC 6750's insufficient_scope, naming the scope the operation declares where it declares one.
     */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ResourceInfo resource) {
        if (!callers.bearer()) {
            return answer(new Problem("about:blank", "Forbidden", 403, e.getMessage()), resource);
        }
        PermissionsAllowed needed = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(PermissionsAllowed.class);
        String scope = needed == null ? null : String.join(" ", needed.value());
        return Response.fromResponse(problem(403, "Forbidden", scope == null
                        ? "The access token does not grant this operation."
                        : "This operation needs an access token with scope " + scope + "."))
                .header(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE + ", error=\"insufficient_scope\""
                        + (scope == null ? "" : ", scope=\"" + scope + "\""))
                .build();
    }

    /** Everything else, through {@link #problemFor}: a 4xx for what the request did, 500 only for our own faults. */
    @ServerExceptionMapper
    public Response unexpected(Exception e, ResourceInfo resource) {
        return answer(problemFor(e), resource);
    }

    /** The endpoint tenant's own challenge when it is a redirect to sign in, else a 401 problem with {@code wwwAuthenticate}. */
    private static Uni<Response> challenge(RoutingContext context, String wwwAuthenticate, String detail) {
        HttpAuthenticator authenticator = context.get(HttpAuthenticator.class.getName());
        Uni<ChallengeData> challenge = authenticator == null ? Uni.createFrom().nullItem() : authenticator.getChallenge(context);
        return challenge.map(c -> {
            if (c != null && c.status / 100 == 3) {
                Response.ResponseBuilder redirect = Response.status(c.status);
                c.getHeaders().forEach((name, value) -> redirect.header(name.toString(), value));
                return redirect.build();
            }
            return Response.fromResponse(problem(401, "Unauthorized", detail))
                    .header(HttpHeaders.WWW_AUTHENTICATE, wwwAuthenticate)
                    .build();
        });
    }

    /** The Security Center's error page for its pages, the problem body for every API. */
    private Response answer(Problem problem, ResourceInfo resource) {
        boolean page = resource != null && resource.getResourceClass() == SecurityCenterPages.class;
        if (page) {
            return Response.status(problem.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(errorPage.render(problem.status(), problem.title(), problem.detail())).build();
        }
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    static Response problem(int status, String title, String detail) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail))
                .build();
    }

    /**
     * The one exception-to-status table, for failures in a resource and before one (HTTP parsing, body limits): what
     * the caller is told. A failure that is not the request's fault is logged with an incident id and answered 500.
     */
    public static Problem problemFor(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof WebApplicationException w) {
                Response.StatusType status = w.getResponse().getStatusInfo();
                return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), null);
            }
            if (e instanceof JsonProcessingException) {
                return new Problem("about:blank", "Bad Request", 400, BAD_JSON);
            }
            if (e instanceof ConstraintViolationException invalid && !BrokenConstraints.aboutAReturnValue(invalid)) {
                return new Problem("about:blank", "Bad Request", 400, BrokenConstraints.detail(invalid),
                        BrokenConstraints.errors(invalid, Problem.FieldError::new));
            }
            if (e instanceof PgException pg && pg.getSqlState() != null) {
                Problem refused = databaseRefusal(pg.getSqlState());
                if (refused != null) {
                    return refused;
                }
            }
            // Netty's form and HTTP decoders, matched by name: their classes move between Netty versions.
            String name = e.getClass().getSimpleName();
            if (name.equals("TooManyFormFieldsException") || name.equals("TooLongFormFieldException")) {
                return new Problem("about:blank", "Content Too Large", 413, "The form has too many or too long fields.");
            }
            if (name.equals("ErrorDataDecoderException") || e instanceof DecoderException
                    || (e instanceof IllegalArgumentException && thrownByTheFramework(e))) {
                return new Problem("about:blank", "Bad Request", 400, "The request is malformed (e.g. invalid "
                        + "percent-encoding or character encoding).");
            }
        }
        String incident = java.util.UUID.randomUUID().toString();
        Log.errorf(failure, "Unexpected failure, incident %s", incident);
        return new Problem("about:blank", "Internal Server Error", 500,
                "Something went wrong on our side (incident " + incident + ").");
    }

    /** PostgreSQL's verdict on a value the request carried (SQLSTATE classes 22, 23, 54); null if it is our fault. */
    private static Problem databaseRefusal(String sqlState) {
        if (sqlState.startsWith("22") || sqlState.startsWith("54")) {
            return new Problem("about:blank", "Bad Request", 400, "A value in the request cannot be stored or "
                    + "searched for (e.g. a NUL character, or a number or text out of range).");
        }
        if (sqlState.equals("23505")) {
            return new Problem("about:blank", "Conflict", 409, "The request conflicts with data already stored.");
        }
        if (sqlState.startsWith("23")) {
            return new Problem("about:blank", "Bad Request", 400, "The request refers to something unknown or "
                    + "carries a value that is not allowed.");
        }
        return null;
    }

    /**
     * An {@link IllegalArgumentException} raised while the framework decoded the request (a URI, a query string, a
     * form), not by this service's own code, which would be a fault of ours.
     */
    private static boolean thrownByTheFramework(Throwable e) {
        for (StackTraceElement frame : e.getStackTrace()) {
            String type = frame.getClassName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")) {
                continue;
            }
            return !type.startsWith("io.bankbridge.");
        }
        return false;
    }
}
