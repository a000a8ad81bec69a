package io.bankbridge.consent.rest;

import io.bankbridge.consent.model.Consent;
import io.bankbridge.consent.model.ConsentStatus;
import io.bankbridge.consent.model.RevocationCause;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * A consent's revocation history as FDX 6 gives it ({@code ConsentRevocationList}): empty while it is not revoked,
 * one entry once it is (a revoked consent stays revoked).
 */
@RegisterForReflection
public record RevocationList(List<Revocation> revocations) {

    /**
     * One revocation.
     *
     * @param reason    what the provider stated when it revoked with a {@code ConsentRevocationRequest}; otherwise
     *                  {@code USER_ACTION} when the customer or the provider revoked, {@code BUSINESS_RULE} when the
     *                  bank or the system did
     * @param initiator what the provider stated; otherwise the FDX party that revoked: {@code INDIVIDUAL} (the
     *                  customer), {@code DATA_RECIPIENT} (the provider), {@code DATA_PROVIDER} (the bank, its systems
     *                  included)
     */
    @RegisterForReflection
    public record Revocation(String status, String reason, String initiator, Instant updatedTime) {
    }

    static RevocationList of(Consent c) {
        if (c.status() != ConsentStatus.REVOKED || c.revokedBy() == null) {
            return new RevocationList(List.of());
        }
        RevocationCause cause = c.revocationCause();
        return new RevocationList(List.of(new Revocation("REVOKED", cause.reason().name(), cause.initiator().name(),
                c.revokedAt())));
    }
}
