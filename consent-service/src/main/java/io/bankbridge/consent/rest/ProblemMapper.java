package io.bankbridge.consent.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.bankbridge.consent.service.ConsentNotFoundException;
import io.bankbridge.consent.service.IllegalTransitionException;
import io.bankbridge.consent.service.InvalidConsentRequestException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become HTTP errors for this service's APIs: an RFC 9457 problem body, never a
 * stack trace. Unexpected failures are logged with an id the caller can quote and answered 500 without detail.
 */
public class ProblemMapper {

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        return problem(status.getStatusCode(), status.getReasonPhrase(), null);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return problem(400, "Bad Request", "The request body is not valid JSON for this operation.");
    }

    /** JSON of the wrong shape (an unknown actor, a string where a list belongs): as specific as the built-in mapper, so ours wins. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper
    public Response invalidRequest(InvalidConsentRequestException e) {
        return problem(400, "Bad Request", e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(ConsentNotFoundException e) {
        return problem(404, "Not Found", e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(IllegalTransitionException e) {
        return problem(409, "Conflict", e.getMessage());
    }

    /** A bearer token that is invalid, expired, signed by an unknown key or meant for another API (RFC 6750 §3.1). */
    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e) {
        return Response.fromResponse(problem(401, "Unauthorized", "The access token is not valid for this API."))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(403, "Forbidden", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        String incident = java.util.UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected failure, incident %s", incident);
        return problem(500, "Internal Server Error", "Something went wrong on our side (incident " + incident + ").");
    }

    static Response problem(int status, String title, String detail) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail))
                .build();
    }
}
