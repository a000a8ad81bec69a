package io.bankbridge.token.endpoint;

import io.bankbridge.token.ProblemException;
import io.bankbridge.token.admin.AdminIdentityProvider;
import io.bankbridge.token.keys.SigningKeys;
import io.quarkus.vertx.http.runtime.security.annotation.BasicAuthentication;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Rotation of the token signing key: HTTP Basic only, role admin (see {@link AdminIdentityProvider}). */
@Path("/admin/signing-keys")
@BasicAuthentication
@RolesAllowed(AdminIdentityProvider.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class SigningKeyAdminEndpoint {

    /** The key that signs from now on. */
    public record Rotated(String activeKid) {
    }

    private final SigningKeys keys;

    SigningKeyAdminEndpoint(SigningKeys keys) {
        this.keys = keys;
    }

    @POST
    @Path("rotate")
    public Uni<Rotated> rotate() {
        if (!keys.rotatable()) {
            throw ProblemException.conflict("the signing key is mounted from a file: rotate by mounting a new one");
        }
        return keys.rotate().map(Rotated::new);
    }
}
