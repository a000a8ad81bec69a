package io.bankbridge.consent.rest;

import io.bankbridge.consent.accesslog.AccessLogEntry;
import io.bankbridge.consent.security.Access;
import io.bankbridge.consent.security.Callers;
import io.bankbridge.consent.securitycenter.Connections;
import io.bankbridge.consent.securitycenter.CustomerConnections;
import io.quarkus.oidc.Tenant;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;

/**
 * The Security Center as JSON, for the bank's own apps: the signed-in customer's connections, those made through
 * the logins linked to theirs included (code-flow session, never a provider's bearer token, whose subject is also
 * a customer).
 */
@Path("/me/consents")
@Tenant(Access.SECURITY_CENTER_TENANT)
@RolesAllowed(Access.CUSTOMER)
@Produces(MediaType.APPLICATION_JSON)
public class MeConsentResource {

    /** A connection with its history and the provider's data accesses. */
    @RegisterForReflection
    public record Detail(ConsentJson consent, List<AccessLogEntry> accessHistory, boolean accessHistoryAvailable) {
    }

    private final CustomerConnections connections;
    private final Callers callers;

    MeConsentResource(CustomerConnections connections, Callers callers) {
        this.connections = connections;
        this.callers = callers;
    }

    @GET
    public Uni<Connections> list() {
        return connections.of(callers.customers());
    }

    @GET
    @Path("/{id}")
    public Uni<Detail> get(@PathParam("id") UUID id) {
        return connections.detail(callers.customers(), id)
                .map(d -> new Detail(ConsentJson.of(d.consent()), d.accessHistory(), d.accessHistoryAvailable()));
    }

    @POST
    @Path("/{id}/revocation")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<ConsentJson> revoke(@PathParam("id") UUID id, RequestBodies.Reason body) {
        return connections.revoke(callers.customers(), id, body == null ? null : body.reason()).map(ConsentJson::of);
    }
}
