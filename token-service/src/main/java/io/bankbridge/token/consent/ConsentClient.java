package io.bankbridge.token.consent;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * consent-service's internal API, as far as the consent page uses it (create, authorize, reject, and read, merge into
 * or replace a grant under Grant Management) and the grants while the revocation view is stale (a consent's current
 * state).
 */
@RegisterRestClient(configKey = "consent-service")
@Path("/internal/consents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ConsentClient {

    /** Records a consent awaiting the customer's decision. */
    @POST
    Uni<Consent> create(@HeaderParam("Authorization") String bearer, NewConsent consent);

    /** The customer approved, for exactly these accounts. */
    @POST
    @Path("/{id}/authorize")
    Uni<Consent> authorize(@HeaderParam("Authorization") String bearer, @PathParam("id") String id, ConsentApproval approval);

    /** The consent as it is now. */
    @GET
    @Path("/{id}")
    Uni<Consent> get(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    /** The customer approved a merge into, or a replacement of, the provider's grant. */
    @POST
    @Path("/{id}/amend")
    Uni<Consent> amend(@HeaderParam("Authorization") String bearer, @PathParam("id") String id, ConsentAmendment amendment);

    /** The consent's status and expiry as they are now. */
    @GET
    @Path("/{id}/state")
    Uni<ConsentState> state(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    /** The customer declined. */
    @POST
    @Path("/{id}/reject")
    Uni<Consent> reject(@HeaderParam("Authorization") String bearer, @PathParam("id") String id, ConsentRejection rejection);
}
