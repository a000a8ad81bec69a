package io.bankbridge.token.consent;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * Body of {@code POST /internal/consents/decisions}: the customer's decision on a provider's request, recorded in one
 * call. {@code idempotencyKey} is unique per authorization request, so a repeated call records nothing new.
 *
 * @param requestedDurationDays the duration the provider asked for
 * @param accountIds            the accounts the customer chose; null when declined
 * @param durationDays          the duration the customer approved; null when declined
 */
@RegisterForReflection
public record ConsentDecision(String idempotencyKey, String decision, String customerId, String providerId,
                              String providerName, List<String> dataClusters, int requestedDurationDays,
                              List<String> accountIds, Integer durationDays) {

    public static ConsentDecision approved(String idempotencyKey, String customerId, String providerId,
                                           String providerName, List<String> dataClusters, int requestedDurationDays,
                                           List<String> accountIds, int durationDays) {
        return new ConsentDecision(idempotencyKey, "APPROVED", customerId, providerId, providerName, dataClusters,
                requestedDurationDays, accountIds, durationDays);
    }

    public static ConsentDecision declined(String idempotencyKey, String customerId, String providerId,
                                           String providerName, List<String> dataClusters, int requestedDurationDays) {
        return new ConsentDecision(idempotencyKey, "DECLINED", customerId, providerId, providerName, dataClusters,
                requestedDurationDays, null, null);
    }
}
