package io.bankbridge.token.consent;

import io.bankbridge.contract.call.PeerRefusal;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * consent-service's internal API, as far as the consent page uses it (record the customer's decision, and read, merge
 * into or replace a grant under Grant Management), the grants while the revocation view is stale (a consent's current
 * state), and token-service's own revocations of consents (revoke).
 */
@RegisterRestClient(configKey = "consent-service")
@RegisterProvider(PeerRefusal.Mapper.class)
@Timeout
@CircuitBreaker(skipOn = PeerRefusal.class)
@Path("/internal/consents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ConsentClient {

    /**
     * The customer approved (for exactly these accounts) or declined: one call, which records the consent in one
     * transaction and may be repeated with the same idempotency key (the same consent is answered).
     */
    @POST
    @Path("/decisions")
    @CircuitBreakerName("consent-decide")
    Uni<Consent> decide(@HeaderParam("Authorization") String bearer, ConsentDecision decision);

    /** The consent as it is now. */
    @GET
    @Path("/{id}")
    @CircuitBreakerName("consent-get")
    Uni<Consent> get(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    /** The customer approved a merge into, or a replacement of, the provider's grant. */
    @POST
    @Path("/{id}/amend")
    @CircuitBreakerName("consent-amend")
    Uni<Consent> amend(@HeaderParam("Authorization") String bearer, @PathParam("id") String id, ConsentAmendment amendment);

    /** The consent's status and expiry as they are now. */
    @GET
    @Path("/{id}/state")
    @CircuitBreakerName("consent-state")
    Uni<ConsentState> state(@HeaderParam("Authorization") String bearer, @PathParam("id") String id);

    /** token-service ended the consent's grant itself (code replay, RFC 7009): consent-service revokes the consent. */
    @POST
    @Path("/{id}/revoke")
    @CircuitBreakerName("consent-revoke")
    Uni<Void> revoke(@HeaderParam("Authorization") String bearer, @PathParam("id") String id, ConsentRevocation revocation);
}
