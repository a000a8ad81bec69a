package io.bankbridge.token.consent;

import java.util.List;

/** Body of {@code POST /internal/consents/{id}/authorize}: the accounts the customer chose. */
public record ConsentApproval(List<String> accountIds, int durationDays) {
}
