package io.bankbridge.token.consent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * The part of consent-service's consent JSON that the consent page and grant management read back. {@code expiresAt}
 * is set once the consent is authorized; the refresh token issued under it ends then too.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@RegisterForReflection
public record Consent(String id, String customerId, String providerId, List<String> dataClusters,
                      List<String> accountIds, String status, Instant expiresAt) {

    /** Whether the consent grants access at {@code now}: authorized and not expired. */
    public boolean activeAt(Instant now) {
        return "AUTHORIZED".equals(status) && expiresAt != null && now.isBefore(expiresAt);
    }
}
