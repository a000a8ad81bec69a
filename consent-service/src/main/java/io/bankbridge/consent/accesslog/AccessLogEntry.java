package io.bankbridge.consent.accesslog;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** One data access a provider made under a consent, as account-data-service's audit log records it. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccessLogEntry(Instant at, String consentId, String providerId, String customerId, String endpoint,
                             String accountId, Integer status) {
}
