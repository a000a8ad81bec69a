package io.bankbridge.accountdata.consent;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The part of consent-service's consent JSON this service needs. {@code grantVersion} is absent from the state
 * endpoint's answer (and from a consent-service before versions).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record ConsentResponse(String id, String customerId, String providerId, List<String> dataClusters,
                              List<String> accountIds, String status, OffsetDateTime expiresAt, Long grantVersion) {
}
