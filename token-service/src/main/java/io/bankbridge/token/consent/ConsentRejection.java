package io.bankbridge.token.consent;

/** Body of {@code POST /internal/consents/{id}/reject}. */
public record ConsentRejection(String reason) {
}
