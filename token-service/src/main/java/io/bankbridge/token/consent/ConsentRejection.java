package io.bankbridge.token.consent;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code POST /internal/consents/{id}/reject}. */
@RegisterForReflection
public record ConsentRejection(String reason) {
}
