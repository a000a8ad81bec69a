package io.bankbridge.consent.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.bankbridge.consent.security.Callers;
import io.bankbridge.consent.service.ConsentNotFoundException;
import io.bankbridge.consent.service.IllegalTransitionException;
import io.bankbridge.consent.service.InvalidConsentRequestException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.PermissionsAllowed;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where exceptions become HTTP errors for this service's APIs: an RFC 9457 problem body, never a
 * stack trace. Unexpected failures are logged with an id the caller can quote and answered 500 without detail.
 */
public class ProblemMapper {

    private static final String BEARER_CHALLENGE = "Bearer realm=\"bankbridge\"";

    private final Callers callers;

    ProblemMapper(Callers callers) {
        this.callers = callers;
    }

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

    /**
     * No credentials for an endpoint that needs them. The API's bearer challenge carries no error code (RFC 6750
     * §3.1); where the endpoint's tenant signs in with the code flow (the Security Center), quarkus-oidc's challenge
     * is a redirect to the sign-in, and it is answered as is.
     */
    @ServerExceptionMapper
    public Uni<Response> unauthenticated(UnauthorizedException e, RoutingContext context) {
        return challenge(context, BEARER_CHALLENGE, "This API needs a bearer access token.");
    }

    /** A bearer token that is invalid, expired, signed by an unknown key, not an access token, or for no API of ours. */
    @ServerExceptionMapper
    public Uni<Response> invalidToken(AuthenticationFailedException e, RoutingContext context) {
        return challenge(context, BEARER_CHALLENGE + ", error=\"invalid_token\"", "The access token is not valid for this API.");
    }

    /**
     * An authenticated caller the endpoint does not admit. A bearer token that lacks the role or capability gets
     * RFC 6750's insufficient_scope, naming the scope the operation declares where it declares one.
     */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, ResourceInfo resource) {
        if (!callers.bearer()) {
            return problem(403, "Forbidden", e.getMessage());
        }
        PermissionsAllowed needed = resource.getResourceMethod() == null ? null
                : resource.getResourceMethod().getAnnotation(PermissionsAllowed.class);
        String scope = needed == null ? null : String.join(" ", needed.value());
        return Response.fromResponse(problem(403, "Forbidden", scope == null
                        ? "The access token does not grant this operation."
                        : "This operation needs an internal access token with scope " + scope + "."))
                .header(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE + ", error=\"insufficient_scope\""
                        + (scope == null ? "" : ", scope=\"" + scope + "\""))
                .build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        String incident = java.util.UUID.randomUUID().toString();
        Log.errorf(e, "Unexpected failure, incident %s", incident);
        return problem(500, "Internal Server Error", "Something went wrong on our side (incident " + incident + ").");
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

    static Response problem(int status, String title, String detail) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status, detail))
                .build();
    }
}
