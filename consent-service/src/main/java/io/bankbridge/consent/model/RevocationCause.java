package io.bankbridge.consent.model;

import io.bankbridge.revocation.contract.Actor;

/**
 * Why a consent was revoked and which party initiated it, in FDX 6's words ({@code ConsentUpdateReason} and the
 * {@code PartyType} of {@code ConsentRevocation.initiator}). A provider states both when it revokes through
 * {@code PUT /consents/{id}/revocation}; every other revocation takes them from who revoked ({@link #of}).
 */
public record RevocationCause(Reason reason, Initiator initiator) {

    /** FDX {@code ConsentUpdateReason}. */
    public enum Reason {
        BUSINESS_RULE, USER_ACTION
    }

    /** The FDX party types that may initiate a revocation. */
    public enum Initiator {
        INDIVIDUAL, MANAGING_ORGANIZATION, DATA_ACCESS_PLATFORM, DATA_RECIPIENT, DATA_PROVIDER
    }

    /**
     * The cause of a revocation nobody described: the customer's or the provider's is a user action, the bank's or
     * the system's a business rule of the data provider.
     */
    public static RevocationCause of(Actor actor) {
        return switch (actor) {
            case CUSTOMER -> new RevocationCause(Reason.USER_ACTION, Initiator.INDIVIDUAL);
            case PROVIDER -> new RevocationCause(Reason.USER_ACTION, Initiator.DATA_RECIPIENT);
            case BANK, SYSTEM -> new RevocationCause(Reason.BUSINESS_RULE, Initiator.DATA_PROVIDER);
        };
    }
}
