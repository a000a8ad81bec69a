package io.bankbridge.consent.receipt;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * One history entry of a consent and its signed receipt, as the provider's receipt list shows it.
 *
 * @param receipt the receipt (compact JWS); absent for an entry recorded before receipts were kept
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record Receipt(int entry, String event, Instant at, String receipt) {
}
