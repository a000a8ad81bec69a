package io.bankbridge.accountdata.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.bankbridge.accountdata.security.Permissions;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.container.ResourceInfo;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import jakarta.ws.rs.WebApplicationException;
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
        return problem(400, "Bad Request", "The request body is not valid JSON for this operation.");
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
