package io.bankbridge.consent.securitycenter;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Where token-service's end_session endpoint sends the browser after a Security Center sign-out. It shows nothing
 * about anyone, so it needs no session (and starts no sign-in).
 */
@Path("/security-center/signed-out")
// Public: the session has just ended; the page only says so and offers to sign in again.
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class SignedOutPage {

    private final Template page;

    SignedOutPage(@Location("signed-out.html") Template page) {
        this.page = page;
    }

    @GET
    @APIResponse(responseCode = "200", description = "The page saying the customer is signed out",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public TemplateInstance get() {
        return page.instance();
    }
}
