package io.bankbridge.token.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.bankbridge.contract.call.BrokenConstraints;
import io.bankbridge.dpop.DPoPProofVerifier;
import io.bankbridge.dpop.DPoPRefusal;
import io.bankbridge.token.OAuthException;
import io.bankbridge.token.ProblemException;
import io.bankbridge.token.internal.InternalTokenMechanism;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become HTTP errors for this service's APIs: an RFC 9457 problem body, never a
 * stack trace; on the OAuth endpoints an RFC 6749 §5.2 error body, on the hosted pages the error page instead (see
 * {@link ErrorAnswers}; the status comes from {@link ErrorStatus}). Unexpected failures are logged with an id the
 * caller can quote and answered 500 without detail.
 */
public class ProblemMapper {

    static final String ADMIN_CHALLENGE = "Basic realm=\"bankbridge-admin\"";

    private final ErrorAnswers answers;

    ProblemMapper(ErrorAnswers answers) {
        this.answers = answers;
    }

    /** A framework refusal (404, 405, 415, a parameter that does not convert…), in the endpoint's own format. */
    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        Response.ResponseBuilder response = Response.fromResponse(
                answers.answer(uri.getPath(), status.getStatusCode(), null).toResponse());
        // 405 says which methods would do
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return (allow == null ? response : response.header(HttpHeaders.ALLOW, allow)).build();
    }

    @ServerExceptionMapper
    public Response oauth(OAuthException e) {
        return oauthError(e.status(), e.error(), e.description(), e.basicChallenge());
    }

    /** RFC 9449 §5, §8: a refused proof, with the nonce to use when that is what was missing. */
    @ServerExceptionMapper
    public Response dpop(DPoPRefusal e) {
        Response answer = oauthError(400, e.code().value(), e.description(), false);
        return e.nonce() == null ? answer
                : Response.fromResponse(answer).header(DPoPProofVerifier.NONCE_HEADER, e.nonce()).build();
    }

    @ServerExceptionMapper
    public Response apiProblem(ProblemException e) {
        return problem(e.status(), Response.Status.fromStatusCode(e.status()).getReasonPhrase(), e.detail());
    }

    /**
     * A request body that breaks the constraints on its record (the admin API's registration, a receipt request): 400
     * listing each field at fault in {@code errors}, and in one line in {@code detail}. This mapper is as specific as
     * the framework's violation report, so that report is never sent; a value this service returned that breaks a
     * constraint is its own fault (500).
     */
    @ServerExceptionMapper
    public Response brokenConstraints(ConstraintViolationException e, UriInfo uri) {
        if (BrokenConstraints.aboutAReturnValue(e)) {
            return unexpected(e, uri);
        }
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(new Problem("about:blank", "Bad Request", 400,
                BrokenConstraints.detail(e), BrokenConstraints.errors(e, Problem.FieldError::new))).build();
    }

    /**
     * No identity, or a wrong credential: the internal API takes an internal access token (RFC 6750 challenge), the
     * admin API HTTP Basic (its challenge).
     */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(Exception e, ResourceInfo resource) {
        if (internal(resource)) {
            return Response.fromResponse(problem(401, "Unauthorized", "This API needs an internal access token."))
                    .header(HttpHeaders.WWW_AUTHENTICATE, InternalTokenMechanism.CHALLENGE
                            + (e instanceof AuthenticationFailedException ? ", error=\"invalid_token\"" : ""))
                    .build();
        }
        return Response.fromResponse(problem(401, "Unauthorized", "admin credentials are missing or wrong"))
                .header(HttpHeaders.WWW_AUTHENTICATE, ADMIN_CHALLENGE).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ResourceInfo resource) {
        if (internal(resource)) {
            return Response.fromResponse(problem(403, "Forbidden", "This operation needs an access token with scope "
                            + ReceiptEndpoint.SCOPE + "."))
                    .header(HttpHeaders.WWW_AUTHENTICATE, InternalTokenMechanism.CHALLENGE
                            + ", error=\"insufficient_scope\", scope=\"" + ReceiptEndpoint.SCOPE + "\"")
                    .build();
        }
        return problem(403, "Forbidden", "this identity may not use this operation");
    }

    private static boolean internal(ResourceInfo resource) {
        return resource != null && resource.getResourceClass() == ReceiptEndpoint.class;
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return answers.answer(uri.getPath(), 400, "The request body is not valid JSON for this operation.").toResponse();
    }

    /** Anything else: a 4xx if the request caused it (see {@link ErrorStatus}), otherwise a logged 500. */
    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        int status = ErrorStatus.of(e);
        if (status < 500) {
            return answers.answer(uri.getPath(), status, null).toResponse();
        }
        String incident = java.util.UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected failure, incident %s", incident);
        return answers.answer(uri.getPath(), 500, "Something went wrong on our side (incident " + incident + ").")
                .toResponse();
    }

    static Response problem(int status, String title, String detail) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail))
                .build();
    }

    static Response oauthError(int status, String error, String description, boolean basicChallenge) {
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store")
                .entity(new OAuthError(error, description));
        if (basicChallenge) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"bankbridge\"");
        }
        if (status == 503) {
            response.header(HttpHeaders.RETRY_AFTER, "1");
        }
        return response.build();
    }
}
