package io.bankbridge.consent.service;

import io.bankbridge.consent.config.ConsentConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Ends consents that reached their expiry. Every replica runs it; {@code FOR UPDATE SKIP LOCKED} lets them share
 * the due consents without expiring one twice, so no leader election is needed.
 */
@ApplicationScoped
public class ExpiryJob {

    private final ConsentService consents;
    private final int batchSize;

    ExpiryJob(ConsentService consents, ConsentConfig config) {
        this.consents = consents;
        this.batchSize = config.expiry().batchSize();
    }

    @Scheduled(identity = "consent-expiry", every = "${bankbridge.consent.expiry.every:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return expireAllDue()
                .onFailure().invoke(e -> Log.warnf("Consent expiry run failed: %s", e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** Expires every consent past its expiry, batch by batch; returns how many this instance expired. */
    public Uni<Integer> expireAllDue() {
        return consents.expireDue(batchSize).chain(expired -> expired < batchSize
                ? Uni.createFrom().item(expired)
                : expireAllDue().map(more -> expired + more));
    }
}
