package io.bankbridge.token.receipt;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a consent receipt states, as consent-service sends it to be signed: only receipt fields (an unknown field is a
 * bad request), each checked by {@link ReceiptSigner} before anything is signed. Times are ISO-8601 instants.
 *
 * @param grantId      the consent id (the {@code grant_id} of its tokens)
 * @param entry        the history entry the receipt is for, 1 for the first
 * @param action       the entry's event ({@code CREATED}, {@code AUTHORIZED}, {@code NARROWED}, {@code REVOKED}, ...)
 * @param actor        who caused it: {@code CUSTOMER}, {@code PROVIDER}, {@code BANK} or {@code SYSTEM}
 * @param actionAt     when
 * @param status       the grant's status right after the entry
 * @param providerId   the provider's client id
 * @param providerName the provider's name as onboarded
 * @param accounts     the accounts shared, masked as the customer sees them ("Everyday Card ••••1234")
 * @param dataClusters the data clusters shared
 * @param grantedAt    when the grant was (last) authorized; null while it never was
 * @param expiresAt    when it expires; null while it was never authorized
 */
@RegisterForReflection
@Schema(additionalProperties = Schema.False.class, requiredProperties = {"grantId", "entry", "action", "actor",
        "actionAt", "status", "providerId", "providerName", "accounts", "dataClusters"})
public record ReceiptRequest(String grantId, Integer entry, String action, String actor, String actionAt,
                             String status, String providerId, String providerName, List<String> accounts,
                             List<String> dataClusters, @Schema(nullable = true) String grantedAt,
                             @Schema(nullable = true) String expiresAt) {
}
