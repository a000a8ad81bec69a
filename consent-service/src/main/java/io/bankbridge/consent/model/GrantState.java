package io.bankbridge.consent.model;

import java.time.Instant;
import java.util.List;

/**
 * What a consent grants right after one of its history entries, kept with the entry: what the entry's signed receipt
 * states.
 *
 * @param authorizedAt when it was (last) authorized; null while it never was
 * @param expiresAt    when it expires; null while it was never authorized
 */
public record GrantState(ConsentStatus status, List<String> accountIds, List<String> dataClusters, Instant authorizedAt,
                         Instant expiresAt) {

    public GrantState {
        accountIds = List.copyOf(accountIds);
        dataClusters = List.copyOf(dataClusters);
    }

    public static GrantState of(Consent c) {
        return new GrantState(c.status(), c.accountIds(), c.dataClusters(), c.authorizedAt(), c.expiresAt());
    }
}
