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
        RevocationCause revocationCause) {

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
                days, createdAt, at, at.plus(java.time.Duration.ofDays(days)), null, null, null, null);
    }

    /** The same grant (id, history, expiry) for other clusters and accounts: a merge or a replace. */
    public Consent amended(List<String> clusters, List<String> accounts) {
        return new Consent(id, customerId, providerId, providerName, clusters, accounts, status, durationDays, createdAt,
                authorizedAt, expiresAt, revokedAt, revokedBy, revocationReason, revocationCause);
    }

    /** The same grant authorized again at {@code at} for {@code days} days: a renewal sets a new expiry. */
    public Consent renewed(int days, Instant at) {
        return new Consent(id, customerId, providerId, providerName, dataClusters, accountIds, status, days, createdAt,
                at, at.plus(java.time.Duration.ofDays(days)), revokedAt, revokedBy, revocationReason, revocationCause);
    }

    public Consent rejected(String reason) {
        return new Consent(id, customerId, providerId, providerName, dataClusters, accountIds, ConsentStatus.REJECTED,
                durationDays, createdAt, null, null, null, null, reason, null);
    }

    /** Revoked by {@code actor}, for the reason and on the initiative {@code cause} states. */
    public Consent revoked(Actor actor, RevocationCause cause, String reason, Instant at) {
        return new Consent(id, customerId, providerId, providerName, dataClusters, accountIds, ConsentStatus.REVOKED,
                durationDays, createdAt, authorizedAt, expiresAt, at, actor, reason, cause);
    }

    public Consent expired() {
        return new Consent(id, customerId, providerId, providerName, dataClusters, accountIds, ConsentStatus.EXPIRED,
                durationDays, createdAt, authorizedAt, expiresAt, null, null, null, null);
    }
}
