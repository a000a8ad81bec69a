package io.bankbridge.consent.accountnames;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The names customers know their accounts by, from account-data-service (which the bank's core systems keep current).
 * The Security Center must work while account-data-service is down, so a failure gives neutral names, not an error.
 */
@ApplicationScoped
public class AccountNames {


    private final AccountListClient accounts;

    AccountNames(@RestClient AccountListClient accounts) {
        this.accounts = accounts;
    }

    /** The names of these customers' accounts; an account that cannot be listed gets {@link AccountLabels#UNKNOWN}. */
    public Uni<AccountLabels> of(List<String> customerIds) {
        List<Uni<Optional<List<AccountSummary>>>> calls = customerIds.stream().map(this::listed).toList();
        if (calls.isEmpty()) {
            return Uni.createFrom().item(new AccountLabels(Map.of()));
        }
        return Uni.join().all(calls).andFailFast().map(answers -> {
            Map<String, String> labels = new HashMap<>();
            answers.forEach(listed -> listed.orElse(List.of())
                    .forEach(a -> labels.put(a.accountId(), AccountLabels.label(a))));
            return new AccountLabels(labels);
        });
    }

    private Uni<Optional<List<AccountSummary>>> listed(String customerId) {
        return Uni.createFrom().deferred(() -> accounts.of(customerId))
                .map(Optional::of)
                .onFailure().recoverWithItem(e -> {
                    Log.warnf("Accounts of customer %s unavailable: %s", customerId, e.toString());
                    return Optional.empty();
                });
    }
}
