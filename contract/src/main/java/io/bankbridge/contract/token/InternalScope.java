package io.bankbridge.contract.token;

import java.util.Arrays;
import java.util.Optional;

/**
 * The scopes of internal access tokens: one per capability of the services' internal APIs, so that one leaked
 * internal credential opens one capability, not all.
 */
public enum InternalScope {

    /** account-data-service: {@code GET /internal/customers/{id}/accounts} (the account picker). */
    ACCOUNTS_LIST(Scopes.INTERNAL_ACCOUNTS_LIST),
    /**
     * consent-service: {@code POST /internal/consents/decisions}, {@code /internal/consents/{id}/amend},
     * {@code .../revoke}.
     */
    CONSENTS_DECIDE(Scopes.INTERNAL_CONSENTS_DECIDE),
    /** consent-service: {@code GET /internal/consents/{id}} and {@code /internal/consents/{id}/state}. */
    CONSENTS_READ(Scopes.INTERNAL_CONSENTS_READ),
    /** account-data-service: {@code GET /internal/access-log}. */
    ACCESS_LOG_READ(Scopes.INTERNAL_ACCESS_LOG_READ),
    /**
     * account-data-service: {@code PUT /internal/customers/{id}}, {@code /internal/accounts/{id}} and
     * {@code /internal/accounts/{id}/transactions} (the bank's core systems).
     */
    INGEST(Scopes.INTERNAL_INGEST),
    /** token-service: {@code POST /internal/receipts} (consent-service has the customer's consent receipts signed). */
    RECEIPTS_SIGN(Scopes.INTERNAL_RECEIPTS_SIGN);

    private final String value;

    InternalScope(String value) {
        this.value = value;
    }

    /** The scope as it appears in requests and in the token's {@code scope} claim. */
    public String value() {
        return value;
    }

    public static Optional<InternalScope> fromValue(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

}
