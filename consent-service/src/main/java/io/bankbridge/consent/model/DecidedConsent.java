package io.bankbridge.consent.model;

/**
 * A consent recorded by the customer's decision, and whether this call recorded it ({@code created}) or found it
 * recorded by an earlier call with the same idempotency key.
 */
public record DecidedConsent(ConsentWithHistory consent, boolean created) {
}
