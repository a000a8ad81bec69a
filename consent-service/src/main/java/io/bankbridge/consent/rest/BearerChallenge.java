package io.bankbridge.consent.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The provider and internal APIs are for API clients: a request without credentials gets an RFC 6750 bearer
 * challenge at once. Without this the hybrid OIDC mechanism answers it with a redirect to the customer sign-in.
 */
public class BearerChallenge {

    @ServerRequestFilter(preMatching = true)
    public Response requireBearerToken(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean api = path.startsWith("/internal/") || path.startsWith("/consents/");
        if (!api || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null) {
            return null;
        }
        return Response.status(401)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"bankbridge\"")
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Unauthorized", 401, "This API needs a bearer access token."))
                .build();
    }
}
