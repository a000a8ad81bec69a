package io.bankbridge.accountdata.consent;

import io.bankbridge.accountdata.config.ConsentViewConfig;
import io.bankbridge.accountdata.repository.RevocationRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Keeps the revoked-token table bounded: an id revoked longer ago than the access-token lifetime plus a margin
 * names a token that has expired, so its row is deleted.
 */
@ApplicationScoped
public class RevokedTokenPruning {

    private final RevocationRepository revocations;
    private final Duration retention;
    private final InstantSource clock;

    RevokedTokenPruning(RevocationRepository revocations, ConsentViewConfig config, InstantSource clock) {
        this.revocations = revocations;
        this.clock = clock;
        this.retention = config.retention();
    }

    @Scheduled(identity = "revoked-token-pruning", every = "${bankbridge.consent-view.prune-every:1m}",
            delayed = "${bankbridge.consent-view.prune-every:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return prune(clock.instant()).replaceWithVoid();
    }

    /** Deletes what was revoked before {@code now} minus the retention; answers how many rows went. */
    public Uni<Integer> prune(Instant now) {
        return revocations.pruneRevokedTokens(now.minus(retention))
                .invoke(n -> {
                    if (n > 0) {
                        Log.debugf("Pruned %d revoked token ids", n);
                    }
                });
    }
}
