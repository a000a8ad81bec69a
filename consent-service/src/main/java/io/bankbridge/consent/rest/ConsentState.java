package io.bankbridge.consent.rest;

import io.bankbridge.consent.model.Consent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** A consent's current state, as the internal state endpoint answers it. */
@RegisterForReflection
public record ConsentState(String id, String customerId, String providerId, String status, Instant expiresAt,
                           List<String> dataClusters, List<String> accountIds) {

    static ConsentState of(Consent c) {
        return new ConsentState(c.id().toString(), c.customerId(), c.providerId(), c.status().name(), c.expiresAt(),
                c.dataClusters(), c.accountIds());
    }
}
