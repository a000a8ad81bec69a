package io.bankbridge.consent.rest;

import io.bankbridge.consent.model.Consent;
import io.bankbridge.consent.model.ConsentWithHistory;
import io.bankbridge.consent.model.HistoryEntry;
import io.bankbridge.revocation.contract.Actor;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The consent as every API shows it (the cross-service contract's consent JSON). */
@RegisterForReflection
public record ConsentJson(
        @Schema(required = true) String id,
        @Schema(required = true) String customerId,
        @Schema(required = true) String providerId,
        @Schema(required = true) String providerName,
        @Schema(required = true) List<String> dataClusters,
        @Schema(required = true) List<String> accountIds,
        @Schema(required = true) String status,
        @Schema(required = true) Instant createdAt,
        @Schema(nullable = true) Instant authorizedAt,
        @Schema(nullable = true) Instant expiresAt,
        @Schema(nullable = true) Instant revokedAt,
        @Schema(nullable = true) Actor revokedBy,
        @Schema(nullable = true) String revocationReason,
        @Schema(required = true, minimum = "1", description = "1 when the consent is created, one higher with every "
                + "change of what it grants while in force (accounts, data clusters, a renewal's expiry). The "
                + "consent.updated event of a change carries the same number.") long grantVersion,
        @Schema(required = true) List<HistoryJson> history) {

    /** One history line. */
    @RegisterForReflection
    public record HistoryJson(@Schema(required = true) Instant at, @Schema(required = true) String event,
            @Schema(nullable = true) Actor actor, @Schema(nullable = true) String detail) {

        static HistoryJson of(HistoryEntry e) {
            return new HistoryJson(e.at(), e.event(), e.actor(), e.detail());
        }
    }

    public static ConsentJson of(ConsentWithHistory found) {
        Consent c = found.consent();
        return new ConsentJson(c.id().toString(), c.customerId(), c.providerId(), c.providerName(), c.dataClusters(),
                c.accountIds(), c.status().name(), c.createdAt(), c.authorizedAt(), c.expiresAt(), c.revokedAt(),
                c.revokedBy(), c.revocationReason(), c.grantVersion(),
                found.history().stream().map(HistoryJson::of).toList());
    }
}
