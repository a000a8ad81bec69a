package io.bankbridge.consent.rest;

import io.bankbridge.consent.model.RevocationCause;
import io.bankbridge.consent.service.ConsentDecision;
import io.bankbridge.consent.service.ConsentService;
import io.bankbridge.consent.service.GrantAction;
import io.bankbridge.contract.cluster.DataCluster;
import io.bankbridge.revocation.contract.Actor;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Request bodies of the consent APIs. Each field's constraints are checked (Bean Validation, {@code @Valid} on the
 * resource method) before the operation runs; a body that breaks one is a 400 naming the field. What needs the
 * stored consent, or reads several fields at once (an approval names accounts, a decline none), is checked by
 * {@link ConsentService}.
 */
public final class RequestBodies {

    /** The longest id (customer, provider, account) a body may carry. */
    static final int MAX_ID_LENGTH = 128;
    /** What a request without a body is told. */
    static final String BODY_REQUIRED = "A JSON request body is required.";
    /** The longest provider name a body may carry. */
    static final int MAX_NAME_LENGTH = 200;
    /** Durations are whole days, at most a year. */
    static final String DURATION = "must be between 1 and " + ConsentService.MAX_DURATION_DAYS;

    private RequestBodies() {
    }

    /** The customer's decision on a provider's request: {@code POST /internal/consents/decisions}. */
    @RegisterForReflection
    @Schema(name = "ConsentDecision", description = "The customer's decision on a provider's authorization request")
    public record Decision(
            @Schema(description = "The caller's key for this authorization request (1 to 128 of A-Z a-z 0-9 - _ . ~): "
                    + "a repeated call with it records nothing new", required = true, maxLength = 128)
            @NotNull @Pattern(regexp = "^[A-Za-z0-9._~-]{1," + ConsentService.MAX_KEY_LENGTH + "}$",
                    message = "must be 1 to " + ConsentService.MAX_KEY_LENGTH
                            + " letters, digits or the characters - _ . ~")
            String idempotencyKey,
            @Schema(enumeration = {"APPROVED", "DECLINED"}, required = true)
            @NotNull @Pattern(regexp = "^(?:" + ConsentDecision.APPROVED + "|" + ConsentDecision.DECLINED + ")$",
                    message = "must be " + ConsentDecision.APPROVED + " or " + ConsentDecision.DECLINED)
            String decision,
            @Schema(required = true, maxLength = MAX_ID_LENGTH) @NotBlank @Size(max = MAX_ID_LENGTH) String customerId,
            @Schema(description = "The provider's client id", required = true, maxLength = MAX_ID_LENGTH)
            @NotBlank @Size(max = MAX_ID_LENGTH) String providerId,
            @Schema(required = true, maxLength = MAX_NAME_LENGTH) @NotBlank @Size(max = MAX_NAME_LENGTH) String providerName,
            @Schema(description = "The data clusters the provider asked for", required = true)
            @NotEmpty List<@OneOf(DataCluster.class) String> dataClusters,
            @Schema(description = "The duration the provider asked for, 1 to 365 days", required = true)
            @NotNull @Min(value = 1, message = DURATION) @Max(value = ConsentService.MAX_DURATION_DAYS, message = DURATION)
            Integer requestedDurationDays,
            @Schema(description = "APPROVED only: the accounts the customer chose (at most 100)", nullable = true)
            @Size(max = 100) List<@NotBlank @Size(max = MAX_ID_LENGTH) String> accountIds,
            @Schema(description = "APPROVED only: the duration the customer approved, 1 to 365 days", nullable = true)
            @Min(value = 1, message = DURATION) @Max(value = ConsentService.MAX_DURATION_DAYS, message = DURATION)
            Integer durationDays) {

        public ConsentDecision asDecision() {
            return new ConsentDecision(idempotencyKey, decision, customerId, providerId, providerName, dataClusters,
                    requestedDurationDays, accountIds, durationDays);
        }
    }

    /** A merge or replace the customer approved for the provider's grant. */
    @RegisterForReflection
    public record Amend(
            @NotNull GrantAction action,
            @NotBlank String providerId,
            @NotEmpty List<@OneOf(DataCluster.class) String> dataClusters,
            @NotEmpty List<@NotBlank String> accountIds,
            @Min(value = 1, message = DURATION) @Max(value = ConsentService.MAX_DURATION_DAYS, message = DURATION)
            Integer durationDays) {
    }

    @RegisterForReflection
    public record Revoke(@NotNull Actor actor, String reason) {
    }

    /** Body of the customer's revocation: only a reason, who revokes is known from the session. */
    @RegisterForReflection
    public record Reason(String reason) {
    }

    /**
     * FDX 6 {@code ConsentRevocationRequest}, the body of the provider's {@code PUT /consents/{id}/revocation}: why
     * the consent ends and which party initiated it. Both are required; the provider who calls is known from the
     * token.
     */
    @RegisterForReflection
    @Schema(name = "ConsentRevocationRequest", description = "FDX 6 ConsentRevocationRequest")
    public record Revocation(
            @Schema(description = "FDX ConsentUpdateReason", enumeration = {"BUSINESS_RULE", "USER_ACTION"},
                    required = true) @OneOf(RevocationCause.Reason.class) String reason,
            @Schema(description = "FDX PartyType of the party that initiated the revocation", enumeration = {
                    "INDIVIDUAL", "MANAGING_ORGANIZATION", "DATA_ACCESS_PLATFORM", "DATA_RECIPIENT", "DATA_PROVIDER"},
                    required = true) @OneOf(RevocationCause.Initiator.class) String initiator) {

        /** The cause this (validated) body states. */
        public RevocationCause cause() {
            return new RevocationCause(RevocationCause.Reason.valueOf(reason), RevocationCause.Initiator.valueOf(initiator));
        }
    }
}
