package io.bankbridge.consent.rest;

import io.bankbridge.consent.security.Callers;
import io.bankbridge.consent.service.ConsentService;
import io.bankbridge.consent.service.InvalidConsentRequestException;
import io.bankbridge.consent.service.NewConsent;
import io.quarkus.oidc.BearerTokenAuthentication;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import java.util.UUID;

/** The consent API token-service uses while a customer authorizes a provider; internal tokens (scope {@code internal}) only. */
@Path("/internal/consents")
@Authenticated
@BearerTokenAuthentication
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InternalConsentResource {

    private final ConsentService consents;
    private final Callers callers;

    InternalConsentResource(ConsentService consents, Callers callers) {
        this.consents = consents;
        this.callers = callers;
    }

    @POST
    public Uni<Response> create(RequestBodies.Create body, @Context UriInfo uri) {
        callers.internalClient();
        RequestBodies.Create request = required(body);
        return consents.create(new NewConsent(request.customerId(), request.providerId(), request.providerName(),
                        request.dataClusters(), request.durationDays()))
                .map(created -> Response.created(uri.getAbsolutePathBuilder().path(created.consent().id().toString()).build())
                        .entity(ConsentJson.of(created)).build());
    }

    @GET
    @Path("/{id}")
    public Uni<ConsentJson> get(@PathParam("id") UUID id) {
        callers.internalClient();
        return consents.get(id, c -> true).map(ConsentJson::of);
    }

    @POST
    @Path("/{id}/authorize")
    public Uni<ConsentJson> authorize(@PathParam("id") UUID id, RequestBodies.Authorize body) {
        callers.internalClient();
        RequestBodies.Authorize request = required(body);
        return consents.authorize(id, request.accountIds(), request.durationDays()).map(ConsentJson::of);
    }

    @POST
    @Path("/{id}/reject")
    public Uni<ConsentJson> reject(@PathParam("id") UUID id, RequestBodies.Reject body) {
        callers.internalClient();
        return consents.reject(id, body == null ? null : body.reason()).map(ConsentJson::of);
    }

    @POST
    @Path("/{id}/revoke")
    public Uni<ConsentJson> revoke(@PathParam("id") UUID id, RequestBodies.Revoke body) {
        callers.internalClient();
        RequestBodies.Revoke request = required(body);
        return consents.revoke(id, request.actor(), request.reason(), c -> true).map(ConsentJson::of);
    }

    static <T> T required(T body) {
        if (body == null) {
            throw new InvalidConsentRequestException("A JSON request body is required.");
        }
        return body;
    }
}
