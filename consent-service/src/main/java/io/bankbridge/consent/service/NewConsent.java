package io.bankbridge.consent.service;

import java.util.List;

/** What token-service asks for when a provider starts an authorization: a consent awaiting the customer's decision. */
public record NewConsent(String customerId, String providerId, String providerName, List<String> dataClusters,
                         Integer durationDays) {
}
