package io.bankbridge.consent.rest;

import io.bankbridge.consent.security.Access;
import io.bankbridge.consent.service.ConsentService;
import io.quarkus.security.PermissionsAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * The internal consent API: token-service records the customer's decision on a provider's request in one idempotent
 * call, changes consents, and asks for the revocation of those whose grant it ended itself (scope
 * {@value Access#CONSENTS_DECIDE}); account-data-service reads them (scope {@value Access#CONSENTS_READ}).
 * Internal access tokens only, and each operation needs its own capability.
 */
@Path("/internal/consents")
@SecurityRequirement(name = ApiDescription.BEARER)
@APIResponse(responseCode = "401", description = "No or an invalid internal access token")
@APIResponse(responseCode = "403", description = "The token does not carry the operation's scope")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalConsentResource {

    private static final String UNKNOWN = "No such consent";
    private static final String ENDED = "The consent is no longer in force: nothing changes";

    private final ConsentService consents;

    InternalConsentResource(ConsentService consents) {
        this.consents = consents;
    }

    @POST
    @Path("/decisions")
    @PermissionsAllowed(Access.CONSENTS_DECIDE)
    @Operation(summary = "Record the customer's decision on a provider's request",
            description = "Internal access token with scope " + Access.CONSENTS_DECIDE + ". One call, one transaction: "
                    + "APPROVED records the consent authorized for the accountIds chosen, for durationDays from now "
                    + "(history CREATED, AUTHORIZED); DECLINED records it rejected (history CREATED, REJECTED) and "
                    + "names no accountIds or durationDays. The idempotencyKey (unique per authorization request) is "
                    + "kept with the consent: repeating the call with the same key and the same body records nothing "
                    + "and answers the same consent (200); the same key with a different body is 409. Missing, "
                    + "ill-typed or oversize fields are 400.")
    @APIResponse(responseCode = "201", description = "The decision is recorded; Location names the consent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsentJson.class)))
    @APIResponse(responseCode = "200", description = "This key recorded this decision before: the same consent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsentJson.class)))
    @APIResponse(responseCode = "400", description = "A field is missing, ill-typed, out of range or too long")
    @APIResponse(responseCode = "409", description = "This key recorded a different decision")
    public Uni<Response> decide(@Valid @NotNull(message = RequestBodies.BODY_REQUIRED) RequestBodies.Decision body,
                                @Context UriInfo uri) {
        return consents.decide(body.asDecision()).map(decided -> {
            ConsentJson consent = ConsentJson.of(decided.consent());
            return decided.created()
                    ? Response.created(uri.getBaseUriBuilder().path("internal/consents").path(consent.id()).build())
                            .entity(consent).build()
                    : Response.ok(consent).build();
        });
    }

    @GET
    @Path("/{id}")
    @PermissionsAllowed(Access.CONSENTS_READ)
    @Operation(summary = "Read a consent with its history",
            description = "Internal access token with scope " + Access.CONSENTS_READ + ".")
    @APIResponse(responseCode = "200", description = "The consent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsentJson.class)))
    @APIResponse(responseCode = "404", description = UNKNOWN)
    public Uni<ConsentJson> get(@PathParam("id") UUID id) {
        return consents.get(id, c -> true).map(ConsentJson::of);
    }

    @GET
    @Path("/{id}/state")
    @PermissionsAllowed(Access.CONSENTS_READ)
    @Operation(summary = "Read a consent's current state",
            description = "Internal access token with scope " + Access.CONSENTS_READ + ". The status and expiry as "
                    + "they are now, with the clusters and accounts it grants, without history: asked by account-data-service and token-service for each check "
                    + "while their view of the revocation events is stale (the broker is away), so it stays small.")
    @APIResponse(responseCode = "200", description = "The consent's current state",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsentState.class)))
    @APIResponse(responseCode = "404", description = UNKNOWN)
    public Uni<ConsentState> state(@PathParam("id") UUID id) {
        return consents.current(id).map(ConsentState::of);
    }

    @POST
    @Path("/{id}/amend")
    @PermissionsAllowed(Access.CONSENTS_DECIDE)
    @Operation(summary = "Merge into or replace what an authorized consent grants",
            description = "Internal access token with scope " + Access.CONSENTS_DECIDE + ". The customer approved a "
                    + "provider's grant_management_action merge (the clusters and accounts are added) or replace (the "
                    + "consent grants exactly these); the consent keeps its id and history, and a MERGED or REPLACED "
                    + "history line records the change. With durationDays (1 to 365, what the customer approved now) "
                    + "the approval also renews the consent: authorizedAt becomes now, expiresAt now plus that many "
                    + "days, and a RENEWED history line records it; without, the expiry stays. 404 for another "
                    + "provider's consent, 409 for one that is no longer in force (revoked or expired: it cannot be "
                    + "renewed), 400 for a duration out of range.")
    @APIResponse(responseCode = "200", description = "The consent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsentJson.class)))
    @APIResponse(responseCode = "400", description = "A field is missing, ill-typed or out of range")
    @APIResponse(responseCode = "404", description = "No such consent of this provider")
    @APIResponse(responseCode = "409", description = ENDED)
    public Uni<ConsentJson> amend(@PathParam("id") UUID id,
                                  @Valid @NotNull(message = RequestBodies.BODY_REQUIRED) RequestBodies.Amend body) {
        return consents.amend(id, body.providerId(), body.action(), body.dataClusters(), body.accountIds(),
                        body.durationDays())
                .map(ConsentJson::of);
    }

    @POST
    @Path("/{id}/revoke")
    @PermissionsAllowed(Access.CONSENTS_DECIDE)
    @Operation(summary = "Revoke a consent for the customer or the bank",
            description = "Internal access token with scope " + Access.CONSENTS_DECIDE + ". Also how token-service "
                    + "ends a consent it found misused (an authorization code presented twice: actor SYSTEM) or whose "
                    + "refresh token the provider revoked (RFC 7009: actor PROVIDER): this service alone writes the "
                    + "consent's state and announces consent.revoked. 404 for an unknown consent, 409 for one that is "
                    + "no longer authorized (already revoked, expired, rejected): nothing changes and nothing is "
                    + "announced again.")
    @APIResponse(responseCode = "200", description = "The consent",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsentJson.class)))
    @APIResponse(responseCode = "400", description = "A field is missing, ill-typed or out of range")
    @APIResponse(responseCode = "404", description = UNKNOWN)
    @APIResponse(responseCode = "409", description = ENDED)
    public Uni<ConsentJson> revoke(@PathParam("id") UUID id,
                                   @Valid @NotNull(message = RequestBodies.BODY_REQUIRED) RequestBodies.Revoke body) {
        return consents.revoke(id, body.actor(), body.reason(), c -> true).map(ConsentJson::of);
    }
}
