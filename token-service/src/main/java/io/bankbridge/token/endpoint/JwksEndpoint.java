package io.bankbridge.token.endpoint;

import io.bankbridge.token.keys.SigningKeys;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
    public Response jwks() {
        return Response.ok(keys.publicKeys().toJSONObject(true)).header("Cache-Control", "public, max-age=60").build();
    }
}
