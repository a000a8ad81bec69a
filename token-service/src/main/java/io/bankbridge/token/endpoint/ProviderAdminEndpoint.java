package io.bankbridge.token.endpoint;

import io.bankbridge.token.client.ProviderAdministration;
import io.bankbridge.token.client.ProviderRegistration;
import io.bankbridge.token.admin.AdminIdentityProvider;
import io.bankbridge.token.client.ProviderView;
import io.quarkus.vertx.http.runtime.security.annotation.BasicAuthentication;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;

/** The bank's provider onboarding API: HTTP Basic only, role admin (see {@link AdminIdentityProvider}). */
@Path("/admin/providers")
@BasicAuthentication
@RolesAllowed(AdminIdentityProvider.ROLE)
@Produces(MediaType.APPLICATION_JSON)
public class ProviderAdminEndpoint {

    /** Optional body of a suspension. */
    public record Suspension(String reason) {
    }

    private final ProviderAdministration administration;

    ProviderAdminEndpoint(ProviderAdministration administration) {
        this.administration = administration;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> onboard(ProviderRegistration registration) {
        return administration.onboard(registration).map(view -> Response
                .created(URI.create("/admin/providers/" + view.clientId())).entity(view).build());
    }

    @GET
    public Uni<List<ProviderView>> list() {
        return administration.list();
    }

    @GET
    @Path("{clientId}")
    public Uni<ProviderView> get(@PathParam("clientId") String clientId) {
        return administration.get(clientId);
    }

    @POST
    @Path("{clientId}/suspend")
    public Uni<ProviderView> suspend(@PathParam("clientId") String clientId, Suspension suspension) {
        return administration.suspend(clientId, suspension == null ? null : suspension.reason());
    }

    @POST
    @Path("{clientId}/reactivate")
    public Uni<ProviderView> reactivate(@PathParam("clientId") String clientId) {
        return administration.reactivate(clientId);
    }
}
