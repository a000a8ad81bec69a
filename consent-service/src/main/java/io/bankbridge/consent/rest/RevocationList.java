package io.bankbridge.consent.rest;

import io.bankbridge.consent.model.Consent;
import io.bankbridge.consent.model.ConsentStatus;
import io.bankbridge.revocation.contract.Actor;
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
     * @param reason    {@code USER_ACTION} when the customer or the provider revoked, {@code BUSINESS_RULE} when the bank
     *                  or the system did
     * @param initiator the FDX party: {@code INDIVIDUAL} (the customer), {@code DATA_RECIPIENT} (the provider),
     *                  {@code DATA_PROVIDER} (the bank, its systems included)
     */
    @RegisterForReflection
    public record Revocation(String status, String reason, String initiator, Instant updatedTime) {
    }

    static RevocationList of(Consent c) {
        if (c.status() != ConsentStatus.REVOKED || c.revokedBy() == null) {
            return new RevocationList(List.of());
        }
        Actor by = c.revokedBy();
        String reason = by == Actor.CUSTOMER || by == Actor.PROVIDER ? "USER_ACTION" : "BUSINESS_RULE";
        String initiator = switch (by) {
            case CUSTOMER -> "INDIVIDUAL";
            case PROVIDER -> "DATA_RECIPIENT";
            case BANK, SYSTEM -> "DATA_PROVIDER";
        };
        return new RevocationList(List.of(new Revocation("REVOKED", reason, initiator, c.revokedAt())));
    }
}
