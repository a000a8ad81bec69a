package io.bankbridge.consent.rest;

import io.bankbridge.consent.model.RevocationCause;
import io.bankbridge.consent.service.ConsentDecision;
import io.bankbridge.consent.service.GrantAction;
import io.bankbridge.consent.service.InvalidConsentRequestException;
import io.bankbridge.revocation.contract.Actor;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the consent APIs. */
public final class RequestBodies {

    private RequestBodies() {
    }

    /** The customer's decision on a provider's request: {@code POST /internal/consents/decisions}. */
    @RegisterForReflection
    @Schema(name = "ConsentDecision", description = "The customer's decision on a provider's authorization request")
    public record Decision(
            @Schema(description = "The caller's key for this authorization request (1 to 128 of A-Z a-z 0-9 - _ . ~): "
                    + "a repeated call with it records nothing new", required = true, maxLength = 128)
            String idempotencyKey,
            @Schema(enumeration = {"APPROVED", "DECLINED"}, required = true) String decision,
            @Schema(required = true, maxLength = 128) String customerId,
            @Schema(description = "The provider's client id", required = true, maxLength = 128) String providerId,
            @Schema(required = true, maxLength = 200) String providerName,
            @Schema(description = "The data clusters the provider asked for", required = true) List<String> dataClusters,
            @Schema(description = "The duration the provider asked for, 1 to 365 days", required = true)
            Integer requestedDurationDays,
            @Schema(description = "APPROVED only: the accounts the customer chose (at most 100)", nullable = true)
            List<String> accountIds,
            @Schema(description = "APPROVED only: the duration the customer approved, 1 to 365 days", nullable = true)
            Integer durationDays) {

        public ConsentDecision asDecision() {
            return new ConsentDecision(idempotencyKey, decision, customerId, providerId, providerName, dataClusters,
                    requestedDurationDays, accountIds, durationDays);
        }
    }

    /** A merge or replace the customer approved for the provider's grant. */
    @RegisterForReflection
    public record Amend(GrantAction action, String providerId, List<String> dataClusters, List<String> accountIds,
                        Integer durationDays) {
    }

    @RegisterForReflection
    public record Revoke(Actor actor, String reason) {
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
                    required = true) String reason,
            @Schema(description = "FDX PartyType of the party that initiated the revocation", enumeration = {
                    "INDIVIDUAL", "MANAGING_ORGANIZATION", "DATA_ACCESS_PLATFORM", "DATA_RECIPIENT", "DATA_PROVIDER"},
                    required = true) String initiator) {

        /** The cause this body states; a missing or unknown value is a bad request. */
        public RevocationCause cause() {
            return new RevocationCause(known(RevocationCause.Reason.class, "reason", reason),
                    known(RevocationCause.Initiator.class, "initiator", initiator));
        }

        private static <E extends Enum<E>> E known(Class<E> type, String field, String value) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(value)) {
                    return constant;
                }
            }
            // The value is not repeated: an error body never reflects arbitrary text a caller sent.
            throw new InvalidConsentRequestException(field + " must be one of "
                    + Arrays.toString(type.getEnumConstants()) + ".");
        }
    }
}
