package io.bankbridge.token.consent;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** Body of {@code POST /internal/consents/{id}/authorize}: the accounts the customer chose. */
@RegisterForReflection
public record ConsentApproval(List<String> accountIds, int durationDays) {
}
