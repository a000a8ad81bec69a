package io.bankbridge.accountdata.model;

import java.time.Instant;

/** One provider request as the audit log keeps it. */
public record AccessRecord(Instant at, String consentId, String providerId, String customerId, String endpoint,
                           String accountId, int status) {
}
