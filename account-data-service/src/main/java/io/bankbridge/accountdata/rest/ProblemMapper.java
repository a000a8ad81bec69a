package io.bankbridge.accountdata.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.bankbridge.accountdata.security.Permissions;
import io.bankbridge.contract.call.BrokenConstraints;
import io.netty.handler.codec.DecoderException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.UnauthorizedException;
import io.vertx.pgclient.PgException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become HTTP errors for this service's APIs: an RFC 9457 problem body, never a
 * stack trace. {@link #problemFor} is the one exception-to-status table, also used for failures before any resource
 * runs ({@link RequestLimits}); unexpected failures are logged with an id the caller can quote and answered 500
 * without detail.
 */
public class ProblemMapper {

    private static final String BAD_JSON = "The request body is not valid JSON for this operation.";

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return problem(status.getStatusCode(), status.getReasonPhrase(), null);
    }

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem e) {
        Response.ResponseBuilder response = Response.status(e.status())
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", e.title(), e.status(), e.getMessage()));
        e.headers().forEach(response::header);
        return response.build();
    }

    /** No credentials at all (RFC 6750 §3.1: the challenge without an error code). */
    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return apiProblem(ApiProblem.missingToken());
    }

    /** quarkus-oidc refused the token (signature, issuer, audience, expiry), or the access check did. */
    @ServerExceptionMapper
    public Response invalidToken(AuthenticationFailedException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiProblem problem) {
                return apiProblem(problem);
            }
        }
        return apiProblem(ApiProblem.invalidToken("The access token is invalid or has expired."));
    }

    /** A valid token without the permission the endpoint declares: the scopes that would open it. */
    @ServerExceptionMapper
    public Response insufficientScope(ForbiddenException e, ResourceInfo resource) {
        Method method = resource == null ? null : resource.getResourceMethod();
        PermissionsAllowed needed = method == null ? null : method.getAnnotation(PermissionsAllowed.class);
        List<String> scopes = needed == null ? List.of() : Arrays.stream(needed.value()).map(Permissions::scopeOf)
                .toList();
        return apiProblem(ApiProblem.insufficientScope(scopes));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return problem(400, "Bad Request", BAD_JSON);
    }

    /** JSON of the wrong shape: as specific as the built-in mapper, so ours wins and no class name leaks. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    /**
     * A request body that breaks the constraints on its record (Bean Validation), as specific as the framework's own
     * violation report, so ours wins: the problem names each field at fault.
     */
    @ServerExceptionMapper
    public Response brokenConstraints(ConstraintViolationException e) {
        return answer(problemFor(e));
    }

    /** Everything else, through {@link #problemFor}: a 4xx for what the request did, 500 only for our own faults. */
    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        return answer(problemFor(e));
    }

    private static Response answer(Problem problem) {
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
            if (e instanceof ApiProblem p) {
                return new Problem("about:blank", p.title(), p.status(), p.getMessage());
            }
            if (e instanceof WebApplicationException w) {
                Response.StatusType status = w.getResponse().getStatusInfo();
                return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), null);
            }
            if (e instanceof JsonProcessingException) {
                return new Problem("about:blank", "Bad Request", 400, BAD_JSON);
            }
            if (e instanceof ConstraintViolationException broken && !BrokenConstraints.aboutAReturnValue(broken)) {
                return new Problem("about:blank", "Bad Request", 400, BrokenConstraints.detail(broken),
                        BrokenConstraints.errors(broken, Problem.FieldError::new));
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
