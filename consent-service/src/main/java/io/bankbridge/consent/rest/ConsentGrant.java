package io.bankbridge.consent.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.bankbridge.consent.model.Consent;
import io.bankbridge.consent.model.ConsentWithHistory;
import io.bankbridge.consent.model.HistoryEntry;
import io.bankbridge.contract.cluster.DataCluster;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A consent as FDX 6 gives it ({@code ConsentGrant}), for providers that ask for {@link #MEDIA_TYPE}: the parties
 * (the bank as data provider, the provider as data recipient), the status in FDX's values, when it was created,
 * last changed and expires, its duration, and, once the customer authorized it, one resource per account (and one
 * for the customer when customer data is shared) with the FDX data clusters granted for it. No
 * {@code lookbackPeriod}: a consent here sets none.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "ConsentGrant", description = "FDX 6 ConsentGrant")
public record ConsentGrant(
        String id,
        @Schema(enumeration = {"PENDING", "ACTIVE", "EXPIRED", "REVOKED"}) String status,
        List<Party> parties,
        Instant createdTime,
        Instant updatedTime,
        Instant expirationTime,
        @Schema(enumeration = {"TIME_BOUND"}) String durationType,
        @Schema(description = "days from the authorization") Integer durationPeriod,
        List<Resource> resources) {

    /**
     * The versioned media type that asks for this shape. FDX itself names none (its APIs are versioned in the
     * path), so the name follows the vendor-tree convention: {@code vnd.fdx}, the entity, the major version.
     */
    public static final String MEDIA_TYPE = "application/vnd.fdx.consent-grant.v6+json";

    /** A party of the grant other than the customer (FDX {@code ConsentGrantParty}: name and {@code PartyType}). */
    @RegisterForReflection
    public record Party(String name, @Schema(enumeration = {"DATA_PROVIDER", "DATA_RECIPIENT"}) String type) {
    }

    /** A permissioned resource (FDX {@code ConsentGrantResource}). */
    @RegisterForReflection
    public record Resource(@Schema(enumeration = {"ACCOUNT", "CUSTOMER"}) String resourceType, String resourceId,
                           List<String> dataClusters) {
    }

    /**
     * The grant as FDX shows it at {@code now}, with {@code bank} as the data provider's name. An authorized consent
     * past its expiry is {@code EXPIRED} even before the expiry job marks it.
     */
    static ConsentGrant of(ConsentWithHistory found, String bank, Instant now) {
        Consent c = found.consent();
        List<HistoryEntry> history = found.history();
        Instant updated = history.isEmpty() ? c.createdAt() : history.getLast().at();
        return new ConsentGrant(c.id().toString(), status(c, now),
                List.of(new Party(c.providerName(), "DATA_RECIPIENT"), new Party(bank, "DATA_PROVIDER")),
                c.createdAt(), updated, c.expiresAt(), "TIME_BOUND", c.durationDays(), resources(c));
    }

    /**
     * FDX's status. A consent awaiting the customer is {@code PENDING}; one the customer declined never granted
     * anything and is {@code REVOKED} (FDX has no rejected state). Nothing here is ever {@code SUSPENDED}: a
     * provider's suspension revokes its consents.
     */
    private static String status(Consent c, Instant now) {
        return switch (c.status()) {
            case AWAITING_AUTHORIZATION -> "PENDING";
            case AUTHORIZED -> now.isBefore(c.expiresAt()) ? "ACTIVE" : "EXPIRED";
            case EXPIRED -> "EXPIRED";
            case REVOKED, REJECTED -> "REVOKED";
        };
    }

    /** Each account with the account clusters, then the customer with the customer clusters, as FDX permissions them. */
    private static List<Resource> resources(Consent c) {
        if (c.authorizedAt() == null) {
            return List.of(); // awaiting the customer, or declined: nothing was permissioned
        }
        List<String> accountClusters = new ArrayList<>();
        List<String> customerClusters = new ArrayList<>();
        for (String name : c.dataClusters()) {
            // Every name was checked when the consent was written: one this build does not know is an error here.
            DataCluster cluster = DataCluster.parse(name);
            (switch (cluster.subject()) {
                case ACCOUNT -> accountClusters;
                case CUSTOMER -> customerClusters;
            }).add(cluster.wireName());
        }
        List<Resource> resources = new ArrayList<>();
        if (!accountClusters.isEmpty()) {
            c.accountIds().forEach(account -> resources.add(new Resource("ACCOUNT", account, List.copyOf(accountClusters))));
        }
        if (!customerClusters.isEmpty()) {
            resources.add(new Resource("CUSTOMER", c.customerId(), List.copyOf(customerClusters)));
        }
        return resources;
    }
}
