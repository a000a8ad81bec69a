package io.bankbridge.revocation.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The {@code data} of a revocation event.
 *
 * @param consentId   the consent (grant) concerned; absent for provider-wide events
 * @param providerId  the provider's OAuth client id; always present
 * @param customerId  the customer who granted the consent; absent for provider-wide events
 * @param tokenId     the access token's {@code jti}, for {@code token.revoked} only
 * @param actor       who ended the grant
 * @param reason      free text for people (audit, Security Center); never parsed
 * @param effectiveAt the instant from which the grant is void; tokens of a suspended provider issued before it are refused
 *                    (for {@code consent.updated}: from which the consent grants what the event says; for
 *                    {@code consent.expiring}: when the consent will expire)
 * @param accountIds  for {@code consent.updated} only: every account the consent grants now
 * @param dataClusters for {@code consent.updated} only: every data cluster the consent grants now
 * @param expiresAt   for {@code consent.updated} only, where the sender knows it: when the consent expires now (a
 *                    renewal moves it); absent, the expiry stays as it was
 * @param grantVersion for {@code consent.updated} only, where the sender knows it: the consent's grant version,
 *                    one higher with every change of what it grants. Two updates of one consent can arrive in another
 *                    order than they were made (two replicas relaying at once, a record published again after a
 *                    crash): a subscriber applies one only above the version it holds. Absent (a sender before
 *                    versions), the update cannot be ordered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record RevocationData(
        String consentId,
        String providerId,
        String customerId,
        String tokenId,
        Actor actor,
        String reason,
        Instant effectiveAt,
        List<String> accountIds,
        List<String> dataClusters,
        Instant expiresAt,
        Long grantVersion) {

    public RevocationData {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(effectiveAt, "effectiveAt");
        accountIds = accountIds == null ? null : List.copyOf(accountIds);
        dataClusters = dataClusters == null ? null : List.copyOf(dataClusters);
    }

    /** The data of an event that ends something (revoked, expired, suspended): no accounts or clusters. */
    public RevocationData(String consentId, String providerId, String customerId, String tokenId, Actor actor,
                          String reason, Instant effectiveAt) {
        this(consentId, providerId, customerId, tokenId, actor, reason, effectiveAt, null, null, null, null);
    }

    /** The data of a {@code consent.updated} that leaves the expiry as it was. */
    public RevocationData(String consentId, String providerId, String customerId, String tokenId, Actor actor,
                          String reason, Instant effectiveAt, List<String> accountIds, List<String> dataClusters) {
        this(consentId, providerId, customerId, tokenId, actor, reason, effectiveAt, accountIds, dataClusters, null, null);
    }

}
