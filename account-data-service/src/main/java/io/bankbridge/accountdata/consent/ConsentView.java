package io.bankbridge.accountdata.consent;

import io.bankbridge.contract.cluster.DataCluster;
import io.bankbridge.contract.cluster.UnknownDataClusterException;
import io.quarkus.logging.Log;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The local view of one consent: enough to decide a request without asking consent-service.
 *
 * @param status         AUTHORIZED, or the status that ends it (REVOKED, EXPIRED, REJECTED, ...)
 * @param clusters       what it grants; empty when {@code unknownCluster} is set
 * @param accountIds     the accounts the customer chose, in the order consent-service gave them
 * @param unknownCluster a data cluster consent-service named that this build does not know, or null: such a consent
 *                       is refused as a whole, since granting what is known would narrow it silently and nothing
 *                       here can serve what is not
 * @param grantVersion   consent-service's grant version of what the view grants ({@code consent.updated} below it is
 *                       older and not applied); 0 when consent-service did not say
 */
public record ConsentView(String consentId, String customerId, String providerId, String status,
                          Set<DataCluster> clusters, List<String> accountIds, Instant expiresAt, String unknownCluster,
                          long grantVersion) {

    public static final String AUTHORIZED = "AUTHORIZED";

    /** A consent as consent-service or one of its events describes it, with the data clusters as named there. */
    public static ConsentView of(String consentId, String customerId, String providerId, String status,
                                 Collection<String> clusterNames, List<String> accountIds, Instant expiresAt,
                                 long grantVersion) {
        return new ConsentView(consentId, customerId, providerId, status, Set.of(), List.copyOf(accountIds), expiresAt,
                null, grantVersion).withGrant(clusterNames, accountIds, expiresAt, grantVersion);
    }

    /** Whether every data cluster the consent names is one this service knows. */
    public boolean readable() {
        return unknownCluster == null;
    }

    /** Whether the consent lets a token be used at {@code now}. */
    public boolean usableAt(Instant now) {
        return readable() && AUTHORIZED.equals(status) && (expiresAt == null || now.isBefore(expiresAt));
    }

    public ConsentView withStatus(String newStatus) {
        return new ConsentView(consentId, customerId, providerId, newStatus, clusters, accountIds, expiresAt,
                unknownCluster, grantVersion);
    }

    /**
     * The same consent granting these clusters and accounts (narrowed, merged or replaced) as of grant version
     * {@code newGrantVersion}, until {@code newExpiresAt} (renewed) or, when that is null, until its expiry as it was.
     * A cluster name this build does not know makes the view unreadable (logged here, once per view built, not per
     * request).
     */
    public ConsentView withGrant(Collection<String> clusterNames, List<String> newAccountIds, Instant newExpiresAt,
                                 long newGrantVersion) {
        Set<DataCluster> newClusters;
        String unknown = null;
        try {
            newClusters = Set.copyOf(DataCluster.parseAll(clusterNames));
        } catch (UnknownDataClusterException e) {
            newClusters = Set.of();
            unknown = e.name();
            Log.warnf("Consent %s names data cluster '%s', which this service does not know: its tokens are refused "
                    + "until this service knows it", consentId, unknown);
        }
        return new ConsentView(consentId, customerId, providerId, status, newClusters, List.copyOf(newAccountIds),
                newExpiresAt != null ? newExpiresAt : expiresAt, unknown, newGrantVersion);
    }
}
