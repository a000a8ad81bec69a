package io.bankbridge.accountdata.consent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;
import java.util.List;

/** The part of consent-service's consent JSON this service needs. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConsentResponse(String id, String customerId, String providerId, List<String> dataClusters,
                              List<String> accountIds, String status, OffsetDateTime expiresAt) {
}
