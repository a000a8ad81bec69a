package io.bankbridge.consent.accountnames;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** One of a customer's accounts as account-data-service lists it; only what names it for people is read. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record AccountSummary(String accountId, String accountType, String nickname, String maskedNumber) {
}
