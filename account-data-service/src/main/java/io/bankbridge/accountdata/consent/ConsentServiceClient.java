package io.bankbridge.accountdata.consent;

import io.bankbridge.contract.call.PeerRefusal;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * consent-service's internal consent API, called with an internal token (client_credentials) on a consent's first sight,
 * and for its current state while the revocation view is stale.
 */
@RegisterRestClient(configKey = "consent-service")
@RegisterProvider(PeerRefusal.Mapper.class)
@Timeout
@CircuitBreaker(skipOn = PeerRefusal.class)
@OidcClientFilter
@Path("/internal/consents")
public interface ConsentServiceClient {

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @CircuitBreakerName("consent-get")
    Uni<ConsentResponse> get(@PathParam("id") String consentId);

    /** The consent's status and expiry as they are now (no accounts, no history): asked while the view is stale. */
    @GET
    @Path("/{id}/state")
    @Produces(MediaType.APPLICATION_JSON)
    @CircuitBreakerName("consent-state")
    Uni<ConsentResponse> state(@PathParam("id") String consentId);
}
