package io.bankbridge.consent.accountnames;

import io.bankbridge.contract.call.PeerRefusal;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** account-data-service's account listing, read with this service's internal token (client_credentials). */
@RegisterRestClient(configKey = "account-data-service")
@RegisterProvider(PeerRefusal.Mapper.class)
@Timeout
@CircuitBreaker(skipOn = PeerRefusal.class)
@OidcClientFilter
@Path("/internal/customers/{customerId}/accounts")
@Produces(MediaType.APPLICATION_JSON)
public interface AccountListClient {

    @GET
    @CircuitBreakerName("account-data-accounts")
    Uni<List<AccountSummary>> of(@PathParam("customerId") String customerId);
}
