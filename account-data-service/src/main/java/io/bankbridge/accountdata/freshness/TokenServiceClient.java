package io.bankbridge.accountdata.freshness;

import io.bankbridge.contract.call.PeerRefusal;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * token-service's introspection (RFC 7662), asked only while the revocation view is stale: token-service owns what
 * ends a token outside consent-service (a revoked {@code jti}, a refresh token revoked under RFC 7009, a suspended
 * provider). This service authenticates as its internal client ({@code client_secret_basic}).
 */
@RegisterRestClient(configKey = "token-service")
@RegisterProvider(PeerRefusal.Mapper.class)
@Timeout
@CircuitBreaker(skipOn = PeerRefusal.class)
@Path("/introspect")
public interface TokenServiceClient {

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @CircuitBreakerName("token-introspect")
    Uni<Map<String, Object>> introspect(@HeaderParam("Authorization") String basic, @FormParam("token") String token);
}
