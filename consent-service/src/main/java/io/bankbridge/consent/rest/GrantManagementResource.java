package io.bankbridge.consent.rest;

import io.bankbridge.consent.model.Consent;
import io.bankbridge.consent.model.ConsentStatus;
import io.bankbridge.consent.security.Access;
import io.bankbridge.consent.security.Callers;
import io.bankbridge.consent.service.ConsentService;
import io.bankbridge.contract.token.Audiences;
import io.bankbridge.revocation.contract.Actor;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * The grant management endpoint (Grant Management for OAuth 2.0, the {@code grant_management_endpoint} token-service
 * advertises): a provider queries or revokes one of its grants, a consent's id being its {@code grant_id}, with a
 * client_credentials token carrying {@code grant_management_query} or {@code grant_management_revoke}. A grant of
 * another provider, or one that has ended, does not exist for the caller (404).
 */
@Path("/grants/{grant_id}")
@SecurityRequirement(name = ApiDescription.BEARER)
@Produces(MediaType.APPLICATION_JSON)
public class GrantManagementResource {

    private final ConsentService consents;
    private final Callers callers;

    GrantManagementResource(ConsentService consents, Callers callers) {
        this.consents = consents;
        this.callers = callers;
    }

    @GET
    @PermissionsAllowed(Access.GRANTS_QUERY)
    @Operation(summary = "Query one of the provider's grants",
            description = "Grant management token (aud " + Audiences.GRANTS + ") with scope " + Access.GRANTS_QUERY
                    + ". The scopes and authorization_details granted, with the accounts the customer chose.")
    public Uni<GrantJson> query(@PathParam("grant_id") UUID grantId) {
        return consents.get(grantId, callersActiveGrant()).map(found -> GrantJson.of(found.consent()));
    }

    @DELETE
    @PermissionsAllowed(Access.GRANTS_REVOKE)
    @Operation(summary = "Revoke one of the provider's grants",
            description = "Grant management token (aud " + Audiences.GRANTS + ") with scope " + Access.GRANTS_REVOKE
                    + ". 204; the consent is revoked (actor PROVIDER) and consent.revoked goes out as for every "
                    + "revocation, so refresh tokens stop working and resource servers refuse its access tokens.")
    public Uni<Response> revoke(@PathParam("grant_id") UUID grantId) {
        return consents.revoke(grantId, Actor.PROVIDER, "Revoked by the provider (grant management)", callersActiveGrant())
                .map(revoked -> Response.noContent().build());
    }

    /** A grant is the caller's authorized consent; whatever else exists is not the caller's business. */
    private Predicate<Consent> callersActiveGrant() {
        String provider = callers.provider();
        return c -> c.providerId().equals(provider) && c.status() == ConsentStatus.AUTHORIZED;
    }
}
