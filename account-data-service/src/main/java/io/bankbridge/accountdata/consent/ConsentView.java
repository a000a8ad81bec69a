package io.bankbridge.accountdata.consent;

import io.bankbridge.accountdata.model.DataCluster;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The local view of one consent: enough to decide a request without asking consent-service.
 *
 * @param status    AUTHORIZED, or the status that ends it (REVOKED, EXPIRED, REJECTED, ...)
 * @param accountIds the accounts the customer chose, in the order consent-service gave them
 */
public record ConsentView(String consentId, String customerId, String providerId, String status,
                          Set<DataCluster> clusters, List<String> accountIds, Instant expiresAt) {

    public static final String AUTHORIZED = "AUTHORIZED";

    /** Whether the consent lets a token be used at {@code now}. */
    public boolean usableAt(Instant now) {
        return AUTHORIZED.equals(status) && (expiresAt == null || now.isBefore(expiresAt));
    }

    public ConsentView withStatus(String newStatus) {
        return new ConsentView(consentId, customerId, providerId, newStatus, clusters, accountIds, expiresAt);
    }

    /**
     * The same consent granting these clusters and accounts (narrowed, merged or replaced), until {@code newExpiresAt}
     * (renewed) or, when that is null, until its expiry as it was.
     */
    public ConsentView withGrant(Set<DataCluster> newClusters, List<String> newAccountIds, Instant newExpiresAt) {
        return new ConsentView(consentId, customerId, providerId, status, Set.copyOf(newClusters),
                List.copyOf(newAccountIds), newExpiresAt != null ? newExpiresAt : expiresAt);
    }
}
