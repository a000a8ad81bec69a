package io.bankbridge.consent.rest;

import io.bankbridge.consent.model.Consent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A consent's current state, as the internal state endpoint answers it. */
@RegisterForReflection
public record ConsentState(@Schema(required = true) String id, @Schema(required = true) String customerId,
                           @Schema(required = true) String providerId, @Schema(required = true) String status,
                           @Schema(nullable = true) Instant expiresAt, @Schema(required = true) List<String> dataClusters,
                           @Schema(required = true) List<String> accountIds) {

    static ConsentState of(Consent c) {
        return new ConsentState(c.id().toString(), c.customerId(), c.providerId(), c.status().name(), c.expiresAt(),
                c.dataClusters(), c.accountIds());
    }
}
