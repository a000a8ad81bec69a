package io.bankbridge.token.receipt;

import io.bankbridge.contract.cluster.DataCluster;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a consent receipt states, as consent-service sends it to be signed: only receipt fields (an unknown field is a
 * bad request), each checked against its constraints by {@link ReceiptSigner} before anything is signed. Times are
 * ISO-8601 instants.
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
public record ReceiptRequest(
        @NotNull @Pattern(regexp = "^" + UUID + "$", message = "must be a consent id (a UUID)") String grantId,
        @NotNull @Min(value = 1, message = "must be a history entry number from 1") Integer entry,
        @NotNull @Pattern(regexp = "^[A-Z][A-Z_]{0,63}$", message = "must be an event name (A-Z and _)") String action,
        @NotNull @Pattern(regexp = "^(?:CUSTOMER|PROVIDER|BANK|SYSTEM)$",
                message = "must be one of [BANK, CUSTOMER, PROVIDER, SYSTEM]") String actor,
        @NotNull @IsoInstant String actionAt,
        @NotNull @Pattern(regexp = "^(?:AWAITING_AUTHORIZATION|AUTHORIZED|REJECTED|REVOKED|EXPIRED)$",
                message = "must be one of [AUTHORIZED, AWAITING_AUTHORIZATION, EXPIRED, REJECTED, REVOKED]") String status,
        @NotNull @Pattern(regexp = "^[A-Za-z0-9._~:-]{1,128}$", message = "must be a client id") String providerId,
        @ReceiptText String providerName,
        @NotNull @Size(max = MAX_ITEMS) List<@ReceiptText String> accounts,
        @NotNull @Size(max = MAX_ITEMS) List<@NotNull @Pattern(regexp = DataCluster.Names.ONE,
                message = "must be one of " + DataCluster.Names.ANY) String> dataClusters,
        @Schema(nullable = true) @IsoInstant String grantedAt,
        @Schema(nullable = true) @IsoInstant String expiresAt) {

    /** A receipt lists at most this many accounts, and as many clusters. */
    static final int MAX_ITEMS = 50;
    private static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
}
