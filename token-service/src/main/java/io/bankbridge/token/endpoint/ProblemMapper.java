package io.bankbridge.token.endpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.bankbridge.token.OAuthException;
import io.bankbridge.token.ProblemException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become HTTP errors for this service's APIs: an RFC 9457 problem body, never a
 * stack trace; on the OAuth endpoints an RFC 6749 §5.2 error body instead. Unexpected failures are logged with an
 * id the caller can quote and answered 500 without detail.
 */
public class ProblemMapper {

    static final String ADMIN_CHALLENGE = "Basic realm=\"bankbridge-admin\"";

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() < 500 && OAuthPaths.isOAuth(uri.getPath())) {
            // e.g. a JSON body or a GET sent to /token: still the OAuth error format
            return oauthError(status.getStatusCode(), "invalid_request", status.getReasonPhrase(), false);
        }
        return problem(status.getStatusCode(), status.getReasonPhrase(), null);
    }

    @ServerExceptionMapper
    public Response oauth(OAuthException e) {
        return oauthError(e.status(), e.error(), e.description(), e.basicChallenge());
    }

    @ServerExceptionMapper
    public Response apiProblem(ProblemException e) {
        return problem(e.status(), Response.Status.fromStatusCode(e.status()).getReasonPhrase(), e.detail());
    }

    /**
     * No identity, or a wrong credential: the admin API is the only API here that Quarkus Security authenticates
     * (HTTP Basic), so the challenge is its.
     */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated() {
        return Response.fromResponse(problem(401, "Unauthorized", "admin credentials are missing or wrong"))
                .header(HttpHeaders.WWW_AUTHENTICATE, ADMIN_CHALLENGE).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(403, "Forbidden", "this identity may not use this operation");
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

    static Response oauthError(int status, String error, String description, boolean basicChallenge) {
        Response.ResponseBuilder response = Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .header("Cache-Control", "no-store")
                .entity(new OAuthError(error, description));
        if (basicChallenge) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"bankbridge\"");
        }
        return response.build();
    }
}
