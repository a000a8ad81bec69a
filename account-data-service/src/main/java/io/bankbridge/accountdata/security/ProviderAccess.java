package io.bankbridge.accountdata.security;

import io.bankbridge.accountdata.model.DataCluster;
import io.bankbridge.accountdata.rest.ApiProblem;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Set;

/**
 * What one provider request may see, decided by {@link AccessGate} from the token and the consent view: the
 * granted data clusters and the accounts the customer chose. Resources read it from the routing context.
 *
 * @param accountIds the consented accounts; {@code null} only when enforcement is off for a benchmark
 */
public record ProviderAccess(String consentId, String providerId, String customerId, Set<DataCluster> clusters,
                             List<String> accountIds) {

    private static final String KEY = "bankbridge.provider-access";

    public static ProviderAccess of(RoutingContext rc) {
        ProviderAccess access = rc.get(KEY);
        if (access == null) {
            throw new IllegalStateException("provider request without an access decision");
        }
        return access;
    }

    /** The decision for this request, or null when none was made (token refused before). */
    public static ProviderAccess find(RoutingContext rc) {
        return rc.get(KEY);
    }

    void attach(RoutingContext rc) {
        rc.put(KEY, this);
    }

    public boolean has(DataCluster cluster) {
        return clusters.contains(cluster);
    }

    /** 403 insufficient_scope unless the consent grants the cluster. */
    public void require(DataCluster cluster) {
        if (!has(cluster)) {
            throw ApiProblem.insufficientScope(cluster.name());
        }
    }

    /** 404 for any account outside the consent, whether it exists or not: no existence leak. */
    public void requireAccount(String accountId) {
        if (accountIds != null && !accountIds.contains(accountId)) {
            throw ApiProblem.notFound("No account " + accountId + " under this consent.");
        }
    }
}
