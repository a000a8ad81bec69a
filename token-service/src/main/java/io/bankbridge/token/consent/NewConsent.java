package io.bankbridge.token.consent;

import java.util.List;

/** Body of {@code POST /internal/consents}. */
public record NewConsent(String customerId, String providerId, String providerName, List<String> dataClusters,
                         int durationDays) {
}
