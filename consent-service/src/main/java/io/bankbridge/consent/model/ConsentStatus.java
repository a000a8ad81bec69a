package io.bankbridge.consent.model;

import java.util.EnumSet;
import java.util.Set;

/** The life of a consent; {@link #canBecome} is the one table of legal transitions. */
public enum ConsentStatus {
    AWAITING_AUTHORIZATION,
    AUTHORIZED,
    REJECTED,
    REVOKED,
    EXPIRED;

    /** Whether a consent in this state may move to {@code next}; every other move is refused (409). */
    public boolean canBecome(ConsentStatus next) {
        return successors().contains(next);
    }

    private Set<ConsentStatus> successors() {
        return switch (this) {
            case AWAITING_AUTHORIZATION -> EnumSet.of(AUTHORIZED, REJECTED);
            case AUTHORIZED -> EnumSet.of(REVOKED, EXPIRED);
            case REJECTED, REVOKED, EXPIRED -> EnumSet.noneOf(ConsentStatus.class);
        };
    }
}
