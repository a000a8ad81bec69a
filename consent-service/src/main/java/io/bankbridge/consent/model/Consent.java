package io.bankbridge.consent.model;

import io.bankbridge.revocation.contract.Actor;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A consent: the grant behind every token a provider holds for a customer.
 *
 * @param durationDays     how long an authorization lasts, 1 to 365 days
 * @param revokedBy        who ended it, when it was revoked
 * @param revocationReason why it was revoked or rejected, free text for people
 * @param revocationCause  why it was revoked and who initiated it, in FDX's words; present exactly when
 *                         {@code revokedBy} is (taken from it when not given)
 * @param grantVersion     1 when the consent is created, one higher with every change of what it grants while in force
 *                         (accounts, data clusters, a renewal's expiry), so that {@code consent.updated} events, which
 *                         can arrive out of order, can be ordered by their readers
 */
public record Consent(
        UUID id,
        String customerId,
        String providerId,
        String providerName,
        List<String> dataClusters,
        List<String> accountIds,
        ConsentStatus status,
        int durationDays,
        Instant createdAt,
        Instant authorizedAt,
        Instant expiresAt,
        Instant revokedAt,
        Actor revokedBy,
        String revocationReason,
        RevocationCause revocationCause,
        long grantVersion) {

    /** The grant version of a consent just created. */
    public static final long FIRST_GRANT_VERSION = 1;

    public Consent {
        dataClusters = List.copyOf(dataClusters);
        accountIds = List.copyOf(accountIds);
        if (revokedBy == null) {
            revocationCause = null;
        } else if (revocationCause == null) {
            revocationCause = RevocationCause.of(revokedBy);
        }
    }

    public Consent authorized(List<String> accounts, int days, Instant at) {
        return new Consent(id, customerId, providerId, providerName, dataClusters, accounts, ConsentStatus.AUTHORIZED,
                days, createdAt, at, at.plus(java.time.Duration.ofDays(days)), null, null, null, null, grantVersion);
    }

    /**
     * The same grant (id, history, expiry) for other clusters and accounts: a merge, a replace or a narrowing, one grant
     * version higher.
     */
    public Consent amended(List<String> clusters, List<String> accounts) {
        return new Consent(id, customerId, providerId, providerName, clusters, accounts, status, durationDays, createdAt,
                authorizedAt, expiresAt, revokedAt, revokedBy, revocationReason, revocationCause, grantVersion + 1);
    }

    /**
     * The same grant authorized again at {@code at} for {@code days} days: a renewal sets a new expiry. A renewal comes
     * with an amendment ({@link #amended}), which moves the grant version.
     */
    public Consent renewed(int days, Instant at) {
        return new Consent(id, customerId, providerId, providerName, dataClusters, accountIds, status, days, createdAt,
                at, at.plus(java.time.Duration.ofDays(days)), revokedAt, revokedBy, revocationReason, revocationCause,
                grantVersion);
    }

    public Consent rejected(String reason) {
        return new Consent(id, customerId, providerId, providerName, dataClusters, accountIds, ConsentStatus.REJECTED,
                durationDays, createdAt, null, null, null, null, reason, null, grantVersion);
    }

    /** Revoked by {@code actor}, for the reason and on the initiative {@code cause} states. */
    public Consent revoked(Actor actor, RevocationCause cause, String reason, Instant at) {
        return new Consent(id, customerId, providerId, providerName, dataClusters, accountIds, ConsentStatus.REVOKED,
                durationDays, createdAt, authorizedAt, expiresAt, at, actor, reason, cause, grantVersion);
    }

    public Consent expired() {
        return new Consent(id, customerId, providerId, providerName, dataClusters, accountIds, ConsentStatus.EXPIRED,
                durationDays, createdAt, authorizedAt, expiresAt, null, null, null, null, grantVersion);
    }
}
