package io.bankbridge.consent.rest;

import io.bankbridge.consent.security.Access;
import io.bankbridge.consent.security.Callers;
import io.bankbridge.consent.service.ConsentService;
import io.bankbridge.revocation.contract.Actor;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * The consent API for providers (FDX style), with the provider's access token. A provider only ever sees its own
 * consents: another provider's consent answers 404, exactly like one that does not exist.
 */
@Path("/consents/{id}")
@RolesAllowed(Access.PROVIDER)
@SecurityRequirement(name = ApiDescription.BEARER)
@Produces(MediaType.APPLICATION_JSON)
public class ProviderConsentResource {

    private final ConsentService consents;
    private final Callers callers;

    ProviderConsentResource(ConsentService consents, Callers callers) {
        this.consents = consents;
        this.callers = callers;
    }

    @GET
    public Uni<ConsentJson> get(@PathParam("id") UUID id) {
        String provider = callers.provider();
        return consents.get(id, c -> c.providerId().equals(provider)).map(ConsentJson::of);
    }

    @GET
    @Path("/revocation")
    @Operation(summary = "Read the consent's revocation history",
            description = "FDX ConsentRevocationList: no entry while the consent is not revoked, one once it is, with "
                    + "its initiator (INDIVIDUAL, DATA_RECIPIENT or DATA_PROVIDER), reason (USER_ACTION or "
                    + "BUSINESS_RULE) and time. Another provider's consent is 404.")
    public Uni<RevocationList> revocations(@PathParam("id") UUID id) {
        String provider = callers.provider();
        return consents.get(id, c -> c.providerId().equals(provider)).map(found -> RevocationList.of(found.consent()));
    }

    @DELETE
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return revoke(id, "Revoked by the provider");
    }

    @PUT
    @Path("/revocation")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> revocation(@PathParam("id") UUID id, RequestBodies.Reason body) {
        return revoke(id, body == null || body.reason() == null ? "Revoked by the provider" : body.reason());
    }

    private Uni<Response> revoke(UUID id, String reason) {
        String provider = callers.provider();
        return consents.revoke(id, Actor.PROVIDER, reason, c -> c.providerId().equals(provider))
                .map(revoked -> Response.noContent().build());
    }
}
