package io.bankbridge.token.consent;

import io.bankbridge.revocation.contract.Actor;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Body of {@code POST /internal/consents/{id}/revoke}: who ended the consent and why. */
@RegisterForReflection
public record ConsentRevocation(Actor actor, String reason) {
}
