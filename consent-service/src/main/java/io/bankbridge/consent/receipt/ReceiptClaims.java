package io.bankbridge.consent.receipt;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * What one consent receipt states, as token-service's {@code POST /internal/receipts} takes it to sign: one history
 * entry of a consent and what the consent granted right after it. Times are ISO-8601 instants.
 *
 * @param entry    the entry's number in the consent's history, 1 for the first
 * @param accounts the accounts as the Security Center names them (nickname and last four digits), never their ids
 */
@RegisterForReflection
public record ReceiptClaims(String grantId, int entry, String action, String actor, String actionAt, String status,
                           String providerId, String providerName, List<String> accounts, List<String> dataClusters,
                           String grantedAt, String expiresAt) {
}
