package io.bankbridge.consent.rest;

import io.bankbridge.consent.model.Consent;
import io.bankbridge.consent.model.ConsentWithHistory;
import io.bankbridge.consent.model.HistoryEntry;
import io.bankbridge.revocation.contract.Actor;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** The consent as every API shows it (the cross-service contract's consent JSON). */
@RegisterForReflection
public record ConsentJson(
        String id,
        String customerId,
        String providerId,
        String providerName,
        List<String> dataClusters,
        List<String> accountIds,
        String status,
        Instant createdAt,
        Instant authorizedAt,
        Instant expiresAt,
        Instant revokedAt,
        Actor revokedBy,
        String revocationReason,
        List<HistoryJson> history) {

    /** One history line. */
    @RegisterForReflection
    public record HistoryJson(Instant at, String event, Actor actor, String detail) {

        static HistoryJson of(HistoryEntry e) {
            return new HistoryJson(e.at(), e.event(), e.actor(), e.detail());
        }
    }

    public static ConsentJson of(ConsentWithHistory found) {
        Consent c = found.consent();
        return new ConsentJson(c.id().toString(), c.customerId(), c.providerId(), c.providerName(), c.dataClusters(),
                c.accountIds(), c.status().name(), c.createdAt(), c.authorizedAt(), c.expiresAt(), c.revokedAt(),
                c.revokedBy(), c.revocationReason(), found.history().stream().map(HistoryJson::of).toList());
    }
}
