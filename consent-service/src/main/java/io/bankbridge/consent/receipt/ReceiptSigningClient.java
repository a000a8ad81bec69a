package io.bankbridge.consent.receipt;

import io.bankbridge.contract.call.PeerRefusal;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * token-service's receipt signing, called with an internal token of this service that carries
 * {@code internal.receipts.sign} only (OIDC client {@code receipts}): only token-service holds the bank's signing key.
 */
@RegisterRestClient(configKey = "token-service")
@RegisterProvider(PeerRefusal.Mapper.class)
@Timeout
@CircuitBreaker(skipOn = PeerRefusal.class)
@OidcClientFilter("receipts")
@Path("/internal/receipts")
public interface ReceiptSigningClient {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(Receipts.MEDIA_TYPE)
    @CircuitBreakerName("token-receipts")
    Uni<String> sign(ReceiptClaims claims);
}
