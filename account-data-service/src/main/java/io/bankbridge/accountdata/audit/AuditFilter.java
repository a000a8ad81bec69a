package io.bankbridge.accountdata.audit;

import io.bankbridge.accountdata.model.AccessRecord;
import io.bankbridge.accountdata.security.ProviderAccess;
import io.bankbridge.accountdata.security.VerifiedToken;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.time.InstantSource;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Records every request that presented a verified provider token, whatever the answer (200, 403, 404, 429, or 401
 * for a revoked consent): consent, provider, customer, endpoint, account, status, time.
 */
@ApplicationScoped
public class AuditFilter {

    private final AuditTrail trail;
    private final InstantSource clock;

    AuditFilter(AuditTrail trail, InstantSource clock) {
        this.trail = trail;
        this.clock = clock;
    }

    @ServerResponseFilter
    public void record(ContainerRequestContext request, ContainerResponseContext response, RoutingContext rc) {
        // Only a request that presented a verified provider token has someone to record.
        ProviderAccess access = ProviderAccess.find(rc);
        VerifiedToken token = ProviderAccess.token(rc);
        if (access == null && token == null) {
            return;
        }
        String consentId = access != null ? access.consentId() : token.consentId();
        String providerId = access != null ? access.providerId() : token.clientId();
        String customerId = access != null ? access.customerId() : token.subject();
        String accountId = request.getUriInfo().getPathParameters().getFirst("accountId");
        trail.record(new AccessRecord(clock.instant(), consentId, providerId, customerId,
                request.getMethod() + " " + rc.normalizedPath(), accountId, response.getStatus()));
    }
}
