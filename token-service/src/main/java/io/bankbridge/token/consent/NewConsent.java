package io.bankbridge.token.consent;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** Body of {@code POST /internal/consents}. */
@RegisterForReflection
public record NewConsent(String customerId, String providerId, String providerName, List<String> dataClusters,
                         int durationDays) {
}
