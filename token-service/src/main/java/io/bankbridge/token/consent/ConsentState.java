package io.bankbridge.token.consent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.OffsetDateTime;

/** consent-service's answer about a consent's current state. */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record ConsentState(String id, String status, OffsetDateTime expiresAt) {
}
