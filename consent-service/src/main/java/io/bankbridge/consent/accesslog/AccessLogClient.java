package io.bankbridge.consent.accesslog;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** account-data-service's data-access audit log, read with this service's internal token (client_credentials). */
@RegisterRestClient(configKey = "account-data-service")
@OidcClientFilter
@Path("/internal/access-log")
@Produces(MediaType.APPLICATION_JSON)
public interface AccessLogClient {

    @GET
    Uni<List<AccessLogEntry>> ofConsent(@QueryParam("consentId") String consentId, @QueryParam("limit") int limit);

    @GET
    Uni<List<AccessLogEntry>> ofCustomer(@QueryParam("customerId") String customerId, @QueryParam("limit") int limit);
}
