package io.bankbridge.consent.rest;

import io.bankbridge.consent.service.GrantAction;
import io.bankbridge.revocation.contract.Actor;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** Request bodies of the consent APIs. */
public final class RequestBodies {

    private RequestBodies() {
    }

    @RegisterForReflection
    public record Create(String customerId, String providerId, String providerName, List<String> dataClusters,
                         Integer durationDays) {
    }

    @RegisterForReflection
    public record Authorize(List<String> accountIds, Integer durationDays) {
    }

    /** A merge or replace the customer approved for the provider's grant. */
    @RegisterForReflection
    public record Amend(GrantAction action, String providerId, List<String> dataClusters, List<String> accountIds,
                        Integer durationDays) {
    }

    @RegisterForReflection
    public record Reject(String reason) {
    }

    @RegisterForReflection
    public record Revoke(Actor actor, String reason) {
    }

    /** Body of the provider's and the customer's revocation: only a reason, who revokes is known from the token. */
    @RegisterForReflection
    public record Reason(String reason) {
    }
}
