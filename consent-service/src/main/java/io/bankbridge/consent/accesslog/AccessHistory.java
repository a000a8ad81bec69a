package io.bankbridge.consent.accesslog;

import io.bankbridge.consent.config.ConsentConfig;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * What providers read under a customer's consents. The Security Center must work while account-data-service is
 * down, so every failure becomes "unavailable" (an empty optional) rather than an error page.
 */
@ApplicationScoped
public class AccessHistory {

    /** Enough entries to find the last access of every connection of one customer. */
    private static final int CUSTOMER_WINDOW = 1000;

    private final AccessLogClient log;
    private final int historySize;

    AccessHistory(@RestClient AccessLogClient log, ConsentConfig config) {
        this.log = log;
        this.historySize = config.securityCenter().accessHistorySize();
    }

    /** The newest accesses under one consent, newest first; empty when the audit log cannot be read. */
    public Uni<Optional<List<AccessLogEntry>>> ofConsent(String consentId) {
        return available(() -> log.ofConsent(consentId, historySize), "consent " + consentId);
    }

    /** The last access per consent id of these customers; empty when the audit log cannot be read. */
    public Uni<Optional<Map<String, Instant>>> lastAccessByConsent(List<String> customerIds) {
        List<Uni<Optional<List<AccessLogEntry>>>> calls = customerIds.stream()
                .map(id -> AccessHistory.<List<AccessLogEntry>>available(
                        () -> log.ofCustomer(id, CUSTOMER_WINDOW), "customer " + id))
                .toList();
        return Uni.join().all(calls).andFailFast().map(answers -> {
            if (answers.stream().anyMatch(Optional::isEmpty)) {
                return Optional.empty();
            }
            Map<String, Instant> last = new HashMap<>();
            answers.forEach(entries -> entries.get()
                    .forEach(e -> last.merge(e.consentId(), e.at(), (a, b) -> a.isAfter(b) ? a : b)));
            return Optional.of(last);
        });
    }

    private static <T> Uni<Optional<T>> available(Supplier<Uni<? extends T>> call, String what) {
        return Uni.createFrom().deferred(call)
                .map(Optional::of)
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("Access history of %s unavailable: %s", what, e.toString());
                    return Optional.empty();
                });
    }
}
