package io.bankbridge.token.consent;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * Body of {@code POST /internal/consents/{id}/amend}: {@code action} {@code MERGE} or {@code REPLACE}, for the
 * provider whose grant it is, with the clusters and accounts the customer approved now and for how long: the
 * approval renews the grant, which then expires {@code durationDays} after it.
 */
@RegisterForReflection
public record ConsentAmendment(String action, String providerId, List<String> dataClusters, List<String> accountIds,
                               int durationDays) {
}
