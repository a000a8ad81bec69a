package io.bankbridge.token.account;

import io.bankbridge.contract.call.PeerRefusal;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** account-data-service's internal API, as far as the account picker uses it. */
@RegisterRestClient(configKey = "account-data-service")
@RegisterProvider(PeerRefusal.Mapper.class)
@Timeout
@CircuitBreaker(skipOn = PeerRefusal.class)
@Path("/internal/customers")
@Produces(MediaType.APPLICATION_JSON)
public interface AccountDataClient {

    /** The customer's accounts; an unknown customer has none. */
    @GET
    @Path("/{customerId}/accounts")
    @CircuitBreakerName("account-data-accounts")
    Uni<List<CustomerAccount>> accounts(@HeaderParam("Authorization") String bearer, @PathParam("customerId") String customerId);
}
