package io.bankbridge.consent.security;

import io.quarkus.oidc.TenantResolver;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The bearer tenant for every endpoint that does not name another with {@code @Tenant}. quarkus-oidc consults
 * resolvers only when no {@code @Tenant} annotation chose the tenant; without this one it would fall back to
 * picking a tenant whose name appears as a segment of the request path, so how a request authenticates would
 * depend on how its path is spelled.
 */
@ApplicationScoped
public class DeclaredTenantResolver implements TenantResolver {

    /** quarkus-oidc's id of the tenant configured under {@code quarkus.oidc.*}. */
    static final String DEFAULT_TENANT = "Default";

    @Override
    public String resolve(RoutingContext context) {
        return DEFAULT_TENANT;
    }
}
