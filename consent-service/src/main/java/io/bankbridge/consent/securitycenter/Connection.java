package io.bankbridge.consent.securitycenter;

import io.bankbridge.consent.model.Consent;
import io.bankbridge.revocation.contract.Actor;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * One provider connection as the customer sees it in the Security Center.
 *
 * @param since          when the customer authorized it
 * @param until          when it expires (or expired)
 * @param revokedAt      when it was revoked, if it was
 * @param lastAccessedAt the provider's last data access, null if none or if the audit log is unavailable
 * @param expiresInDays  for a connection in force that expires within the longest expiry-notice lead time: the days
 *                       left, counting a part of a day as one; null otherwise
 */
@RegisterForReflection
public record Connection(String id, String providerId, String providerName, List<String> dataClusters,
                         List<String> accountIds, String status, Instant since, Instant until, Instant revokedAt,
                         Actor revokedBy, String revocationReason, Instant lastAccessedAt,
                         Integer expiresInDays) {

    static Connection of(Consent c, Instant lastAccessedAt, Integer expiresInDays) {
        return new Connection(c.id().toString(), c.providerId(), c.providerName(), c.dataClusters(), c.accountIds(),
                c.status().name(), c.authorizedAt(), c.expiresAt(), c.revokedAt(), c.revokedBy(), c.revocationReason(),
                lastAccessedAt, expiresInDays);
    }
}
