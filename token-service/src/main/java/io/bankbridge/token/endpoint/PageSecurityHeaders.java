package io.bankbridge.token.endpoint;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * Security headers on every response of the hosted pages: no framing (clickjacking), no script at all, only this
 * origin's stylesheets and images (nothing from another site), no referrer leaking the request, no caching of pages carrying
 * CSRF tokens or account lists.
 */
@Provider
@HostedPage
public class PageSecurityHeaders implements ContainerResponseFilter {

    // No form-action: browsers apply it to the 303 that follows a form POST, and that goes to the client's redirect URI.
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'none'; style-src 'self'; "
            + "img-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    /** The headers every page answer carries, error pages written by the HTTP layer included. */
    static final Map<String, String> HEADERS = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "X-Content-Type-Options", "nosniff",
            "Cache-Control", "no-store",
            "Pragma", "no-cache");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MultivaluedMap<String, Object> headers = response.getHeaders();
        HEADERS.forEach(headers::putSingle);
    }
}
