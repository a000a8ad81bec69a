package io.bankbridge.token.endpoint;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Tokens and request URIs must not be stored by any cache (RFC 6749 §5.1): every OAuth endpoint answer says so. */
public class NoStoreFilter {

    @ServerResponseFilter
    public void noStore(ContainerRequestContext request, ContainerResponseContext response) {
        if (OAuthPaths.isOAuth(request.getUriInfo().getPath())) {
            response.getHeaders().putSingle("Cache-Control", "no-store");
            response.getHeaders().putSingle("Pragma", "no-cache");
        }
    }
}
