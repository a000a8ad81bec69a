package io.bankbridge.token.consent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * The part of consent-service's consent JSON that the consent page reads back. {@code expiresAt} is set once the
 * consent is authorized; the refresh token issued under it ends then too.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record Consent(String id, String customerId, String providerId, List<String> accountIds, String status,
                      Instant expiresAt) {
}
