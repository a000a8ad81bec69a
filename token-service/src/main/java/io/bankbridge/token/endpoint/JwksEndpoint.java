package io.bankbridge.token.endpoint;

import io.bankbridge.token.keys.SigningKeys;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.SchemaProperty;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The public signing keys (JWKS) resource servers verify tokens with; short caching so rotations show quickly. */
@Path("/jwks")
// Public by definition: resource servers and clients verify signatures with these keys (RFC 7517).
@PermitAll
public class JwksEndpoint {

    private final SigningKeys keys;

    JwksEndpoint(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @APIResponse(responseCode = "200", description = "The JWK set (RFC 7517): the active key and the previous one",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.OBJECT,
                    requiredProperties = "keys", properties = @SchemaProperty(name = "keys", type = SchemaType.ARRAY))))
    public Response jwks() {
        return Response.ok(keys.publicKeys().toJSONObject(true)).header("Cache-Control", "public, max-age=60").build();
    }
}
