package io.bankbridge.consent.securitycenter;

import io.bankbridge.consent.accesslog.AccessHistory;
import io.bankbridge.consent.config.ConsentConfig;
import io.bankbridge.consent.model.Consent;
import io.bankbridge.consent.model.ConsentStatus;
import io.bankbridge.consent.model.ConsentWithHistory;
import io.bankbridge.consent.receipt.Receipts;
import io.bankbridge.consent.service.ConsentService;
import io.bankbridge.revocation.contract.Actor;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The Security Center's view of consents, shared by its pages and its JSON API: always scoped to the customers the
 * signed-in login acts for (its own and its linked logins', see {@link io.bankbridge.consent.security.Callers#customers()}).
 */
@ApplicationScoped
public class CustomerConnections {

    private static final Duration DAY = Duration.ofDays(1);

    private final ConsentService consents;
    private final AccessHistory accessHistory;
    private final Receipts receipts;
    private final Clock clock;
    /** Connections expiring within this say how many days they have left: the longest notice lead time. */
    private final Duration expiringSoon;

    CustomerConnections(ConsentService consents, AccessHistory accessHistory, Receipts receipts, Clock clock,
                        ConsentConfig config) {
        this.consents = consents;
        this.receipts = receipts;
        this.accessHistory = accessHistory;
        this.clock = clock;
        this.expiringSoon = config.expiring().leadTimes().stream().max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** Active, expired and revoked connections; requests never authorized (pending, rejected) are not connections. */
    public Uni<Connections> of(List<String> customerIds) {
        return Uni.combine().all()
                .unis(consents.ofCustomers(customerIds), accessHistory.lastAccessByConsent(customerIds))
                .with((all, lastAccess) -> {
                    Map<String, Instant> last = lastAccess.orElse(Map.of());
                    Instant now = clock.instant();
                    return new Connections(
                            select(all, ConsentStatus.AUTHORIZED, last, now),
                            select(all, ConsentStatus.EXPIRED, last, now),
                            select(all, ConsentStatus.REVOKED, last, now),
                            lastAccess.isPresent());
                });
    }

    public Uni<ConnectionDetail> detail(List<String> customerIds, UUID id) {
        return consents.get(id, owner(customerIds)).chain(found -> accessHistory.ofConsent(id.toString())
                .map(log -> new ConnectionDetail(found, log.orElse(List.of()), log.isPresent())));
    }

    public Uni<ConsentWithHistory> revoke(List<String> customerIds, UUID id, String reason) {
        String why = reason == null || reason.isBlank() ? "Revoked by the customer in the Security Center" : reason;
        return consents.revoke(id, Actor.CUSTOMER, why, owner(customerIds));
    }

    /** Removes one account or one data cluster from one of these customers' connections, which stays in force. */
    public Uni<ConsentWithHistory> narrow(List<String> customerIds, UUID id, String accountId, String dataCluster) {
        return consents.narrow(id, owner(customerIds), accountId, dataCluster);
    }

    /** The signed receipt of history entry {@code entry} of one of these customers' connections. */
    public Uni<String> receipt(List<String> customerIds, UUID id, int entry) {
        return receipts.one(id, owner(customerIds), entry);
    }

    private static Predicate<Consent> owner(List<String> customerIds) {
        return c -> customerIds.contains(c.customerId());
    }

    private List<Connection> select(List<Consent> all, ConsentStatus status, Map<String, Instant> lastAccess,
                                    Instant now) {
        return all.stream()
                .filter(c -> c.status() == status)
                .map(c -> Connection.of(c, lastAccess.get(c.id().toString()), daysLeftIfSoon(c, now)))
                .toList();
    }

    /** The days an authorized consent has left (a part of a day counts as one), if it expires soon; else null. */
    private Integer daysLeftIfSoon(Consent c, Instant now) {
        if (c.status() != ConsentStatus.AUTHORIZED || c.expiresAt() == null || !now.isBefore(c.expiresAt())) {
            return null;
        }
        Duration left = Duration.between(now, c.expiresAt());
        if (left.compareTo(expiringSoon) > 0) {
            return null;
        }
        return (int) ((left.toSeconds() + DAY.toSeconds() - 1) / DAY.toSeconds());
    }
}
