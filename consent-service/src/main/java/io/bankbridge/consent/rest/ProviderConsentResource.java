package io.bankbridge.consent.rest;

import io.bankbridge.branding.Branding;
import io.bankbridge.consent.model.RevocationCause;
import io.bankbridge.consent.receipt.Receipt;
import io.bankbridge.consent.receipt.Receipts;
import io.bankbridge.consent.security.Access;
import io.bankbridge.consent.security.Callers;
import io.bankbridge.consent.service.ConsentService;
import io.bankbridge.revocation.contract.Actor;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/**
 * The consent API for providers (FDX style), with the provider's access token. A provider only ever sees its own
 * consents: another provider's consent answers 404, exactly like one that does not exist. {@code GET} answers the
 * FDX 6 {@code ConsentGrant} to a client that asks for {@link ConsentGrant#MEDIA_TYPE}, and this service's own
 * consent JSON otherwise; {@code PUT .../revocation} takes FDX's {@code ConsentRevocationRequest};
 * {@code .../receipts} answers the signed receipt of each history entry.
 */
@Path("/consents/{id}")
@RolesAllowed(Access.PROVIDER)
@SecurityRequirement(name = ApiDescription.BEARER)
@Produces(MediaType.APPLICATION_JSON)
public class ProviderConsentResource {

    private final ConsentService consents;
    private final Callers callers;
    private final Branding branding;
    private final Clock clock;
    private final Receipts receipts;

    ProviderConsentResource(ConsentService consents, Callers callers, Branding branding, Clock clock, Receipts receipts) {
        this.consents = consents;
        this.receipts = receipts;
        this.callers = callers;
        this.branding = branding;
        this.clock = clock;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, ConsentGrant.MEDIA_TYPE})
    @Operation(summary = "Read the consent",
            description = "application/json (and any Accept that does not name the FDX type): the consent with its "
                    + "status, data clusters, accounts, expiry and history. " + ConsentGrant.MEDIA_TYPE + ": the FDX 6 "
                    + "ConsentGrant (parties, FDX status, times, duration, resources with their data clusters), "
                    + "chosen when the Accept header names it with a quality above application/json's and no lower "
                    + "than any wildcard's. "
                    + "Another provider's consent is 404.")
    @APIResponse(responseCode = "200", description = "The consent in the representation the Accept header chose",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsentJson.class)),
                    @Content(mediaType = ConsentGrant.MEDIA_TYPE, schema = @Schema(implementation = ConsentGrant.class))})
    @APIResponse(responseCode = "404", description = "No such consent of this provider")
    public Uni<Response> get(@PathParam("id") UUID id, @Context HttpHeaders headers) {
        String provider = callers.provider();
        boolean fdx = prefersFdx(headers.getAcceptableMediaTypes());
        return consents.get(id, c -> c.providerId().equals(provider)).map(found -> Response
                .ok(fdx ? ConsentGrant.of(found, branding.name(), clock.instant()) : ConsentJson.of(found),
                        fdx ? ConsentGrant.MEDIA_TYPE : MediaType.APPLICATION_JSON)
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                .build());
    }

    /**
     * Whether the client asked for the FDX shape: it names {@link ConsentGrant#MEDIA_TYPE} with a quality above
     * {@code application/json}'s and no lower than any wildcard's. Everything else keeps today's shape.
     */
    static boolean prefersFdx(List<MediaType> accepted) {
        MediaType fdx = MediaType.valueOf(ConsentGrant.MEDIA_TYPE);
        double fdxQuality = 0;
        double jsonQuality = 0;
        double wildcardQuality = 0;
        for (MediaType type : accepted) {
            double quality = quality(type);
            if (type.getType().equalsIgnoreCase(fdx.getType()) && type.getSubtype().equalsIgnoreCase(fdx.getSubtype())) {
                fdxQuality = Math.max(fdxQuality, quality);
            } else if (type.isWildcardType() || type.isWildcardSubtype()) {
                wildcardQuality = Math.max(wildcardQuality, quality);
            } else if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                jsonQuality = Math.max(jsonQuality, quality);
            }
        }
        return fdxQuality > 0 && fdxQuality > jsonQuality && fdxQuality >= wildcardQuality;
    }

    private static double quality(MediaType type) {
        String q = type.getParameters().get("q");
        try {
            return q == null ? 1 : Double.parseDouble(q);
        } catch (NumberFormatException e) {
            return 0;
        }
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

    @GET
    @Path("/receipts")
    @Operation(summary = "List the consent's signed receipts",
            description = "One per history entry, oldest first: the entry's number, event and time, and its receipt, a "
                    + "JWS signed with the bank's key (header typ consent-receipt+jwt; verify it against "
                    + "token-service's /jwks). An entry recorded before receipts were kept has no receipt. Another "
                    + "provider's consent is 404; 503 while receipts cannot be signed.")
    @APIResponse(responseCode = "200", description = "The entries and their receipts")
    @APIResponse(responseCode = "404", description = "No such consent of this provider")
    @APIResponse(responseCode = "503", description = "Receipts cannot be signed right now")
    public Uni<List<Receipt>> receipts(@PathParam("id") UUID id) {
        String provider = callers.provider();
        return receipts.all(id, c -> c.providerId().equals(provider));
    }

    @GET
    @Path("/receipts/{entry}")
    @Produces(Receipts.MEDIA_TYPE)
    @Operation(summary = "Read the signed receipt of one history entry",
            description = "The receipt of entry {entry} (1 for the first) as a JWS signed with the bank's key: grant_id, "
                    + "entry, action, actor, action_at, and the consent's state right after it (status, provider, "
                    + "accounts masked as the customer sees them, data_clusters, granted_at, expires_at). The newest "
                    + "entry's receipt states the consent as it is now. 404 for another provider's consent, an entry "
                    + "that does not exist, or one recorded before receipts were kept; 503 while receipts cannot be "
                    + "signed.")
    @APIResponse(responseCode = "200", description = "The receipt (compact JWS)",
            content = @Content(mediaType = Receipts.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such consent of this provider, or no receipt for that entry")
    @APIResponse(responseCode = "503", description = "Receipts cannot be signed right now")
    public Uni<Response> receipt(@PathParam("id") UUID id, @PathParam("entry") int entry) {
        String provider = callers.provider();
        return receipts.one(id, c -> c.providerId().equals(provider), entry)
                .map(jws -> Response.ok(jws, Receipts.MEDIA_TYPE).build());
    }

    @DELETE
    public Uni<Response> delete(@PathParam("id") UUID id) {
        return revoke(id, "Revoked by the provider");
    }

    @PUT
    @Path("/revocation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Revoke the consent (FDX ConsentRevocationRequest)",
            description = "The body states why (reason: BUSINESS_RULE or USER_ACTION) and which party initiated the "
                    + "revocation (initiator: INDIVIDUAL, MANAGING_ORGANIZATION, DATA_ACCESS_PLATFORM, DATA_RECIPIENT or "
                    + "DATA_PROVIDER); GET /consents/{id}/revocation then shows both. The consent ends like every "
                    + "revocation (consent.revoked through the outbox). A missing or unknown value is 400, another "
                    + "provider's consent 404, a consent no longer in force 409.")
    @APIResponse(responseCode = "204", description = "Revoked")
    @APIResponse(responseCode = "400", description = "reason or initiator missing or unknown")
    @APIResponse(responseCode = "404", description = "No such consent of this provider")
    @APIResponse(responseCode = "409", description = "The consent is not in force (already revoked, expired, never authorized)")
    public Uni<Response> revocation(@PathParam("id") UUID id, @Valid @NotNull(message = "The body must give reason and "
            + "initiator (FDX ConsentRevocationRequest).") RequestBodies.Revocation body) {
        RevocationCause cause = body.cause();
        return revoke(id, cause, "Revoked by the provider (reason " + cause.reason() + ", initiated by "
                + cause.initiator() + ")");
    }

    private Uni<Response> revoke(UUID id, String reason) {
        return revoke(id, RevocationCause.of(Actor.PROVIDER), reason);
    }

    private Uni<Response> revoke(UUID id, RevocationCause cause, String reason) {
        String provider = callers.provider();
        return consents.revoke(id, Actor.PROVIDER, cause, reason, c -> c.providerId().equals(provider))
                .map(revoked -> Response.noContent().build());
    }
}
