package io.bankbridge.token.consent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.OffsetDateTime;

/** consent-service's answer about a consent's current state. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ConsentState(String id, String status, OffsetDateTime expiresAt) {
}
