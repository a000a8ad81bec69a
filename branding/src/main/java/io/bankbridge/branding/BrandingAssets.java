package io.bankbridge.branding;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The brand's stylesheet and logo, served by this service so that no page loads anything from another site. */
@Path("/branding")
// Public: a stylesheet and a logo, shown on pages a customer sees before signing in.
@PermitAll
public class BrandingAssets {

    private final Branding branding;

    BrandingAssets(Branding branding) {
        this.branding = branding;
    }

    @GET
    @Path("/brand.css")
    @Operation(summary = "The bank's colours for the hosted pages")
    public Response stylesheet() {
        return Response.ok(branding.stylesheet(), "text/css; charset=utf-8").cacheControl(hour()).build();
    }

    @GET
    @Path("/logo")
    @Operation(summary = "The bank's logo; 404 when none is configured")
    public Response logo() {
        if (!branding.hasLogo()) {
            throw new NotFoundException();
        }
        return Response.ok(branding.logo().bytes(), branding.logo().mediaType()).cacheControl(hour()).build();
    }

    private static CacheControl hour() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(3600);
        return cache;
    }
}
