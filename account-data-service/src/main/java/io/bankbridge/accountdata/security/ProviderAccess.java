package io.bankbridge.accountdata.security;

import io.bankbridge.accountdata.rest.ApiProblem;
import io.bankbridge.contract.cluster.DataCluster;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What one provider request may see, decided by {@link AccessAugmentor} from the token and the consent view: the
 * granted data clusters and the accounts the customer chose. Resources read it from the routing context; which
 * cluster an endpoint needs is declared on the endpoint ({@code @PermissionsAllowed}).
 *
 * @param accountIds the consented accounts; {@code null} only when enforcement is off for a benchmark
 */
public record ProviderAccess(String consentId, String providerId, String customerId, Set<DataCluster> clusters,
                             List<String> accountIds) {

    private static final String KEY = "bankbridge.provider-access";
    private static final String TOKEN_KEY = "bankbridge.provider-token";

    /** What a benchmark run with the check switched off may see: everything. */
    static ProviderAccess unchecked() {
        return new ProviderAccess("bench", "bench", "bench", EnumSet.allOf(DataCluster.class), null);
    }

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

    /** The verified provider token of this request, even when it was refused after (the audit log wants it). */
    public static VerifiedToken token(RoutingContext rc) {
        return rc.get(TOKEN_KEY);
    }

    static void remember(RoutingContext rc, VerifiedToken token) {
        if (rc != null) {
            rc.put(TOKEN_KEY, token);
        }
    }

    void attach(RoutingContext rc) {
        if (rc != null) {
            rc.put(KEY, this);
        }
    }

    public boolean has(DataCluster cluster) {
        return clusters.contains(cluster);
    }

    /** 404 for any account outside the consent, whether it exists or not: no existence leak. */
    public void requireAccount(String accountId) {
        if (accountIds != null && !accountIds.contains(accountId)) {
            throw ApiProblem.notFound("No account " + accountId + " under this consent.");
        }
    }
}
