package io.bankbridge.token.client;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The scopes of internal access tokens: one per capability of the services' internal APIs, so that one leaked
 * internal credential opens one capability, not all.
 */
public enum InternalScope {

    /** account-data-service: {@code GET /internal/customers/{id}/accounts} (the account picker). */
    ACCOUNTS_LIST("internal.accounts.list"),
    /**
     * consent-service: {@code POST /internal/consents}, {@code /internal/consents/{id}/authorize}, {@code .../reject},
     * {@code .../revoke}.
     */
    CONSENTS_DECIDE("internal.consents.decide"),
    /** consent-service: {@code GET /internal/consents/{id}} and {@code /internal/consents/{id}/state}. */
    CONSENTS_READ("internal.consents.read"),
    /** account-data-service: {@code GET /internal/access-log}. */
    ACCESS_LOG_READ("internal.access-log.read"),
    /**
     * account-data-service: {@code PUT /internal/customers/{id}}, {@code /internal/accounts/{id}} and
     * {@code /internal/accounts/{id}/transactions} (the bank's core systems).
     */
    INGEST("internal.ingest"),
    /** token-service: {@code POST /internal/receipts} (consent-service has the customer's consent receipts signed). */
    RECEIPTS_SIGN("internal.receipts.sign");

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

    /** Reads configured scope names, so that a misspelt one stops the start instead of granting nothing. */
    public static final class Converter implements org.eclipse.microprofile.config.spi.Converter<InternalScope> {

        @Override
        public InternalScope convert(String value) {
            return fromValue(value.trim()).orElseThrow(() -> new IllegalArgumentException("unknown internal scope '"
                    + value + "', known: " + Arrays.stream(values()).map(InternalScope::value)
                    .collect(Collectors.joining(", "))));
        }
    }
}
