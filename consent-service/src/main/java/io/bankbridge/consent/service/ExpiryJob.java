package io.bankbridge.consent.service;

import io.bankbridge.consent.config.ConsentConfig;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Ends consents that reached their expiry, and announces them before it ({@code consent.expiring}, once per consent
 * and lead time, {@code bankbridge.consent.expiring.lead-times}). Every replica runs both: {@code FOR UPDATE SKIP
 * LOCKED} lets them share the due consents without expiring one twice, and a notice's row in the database decides
 * which instance announces it, so no leader election is needed.
 */
@ApplicationScoped
public class ExpiryJob {

    private final ConsentService consents;
    private final int batchSize;
    /** Nearest first: each lead time's window ends where the nearer one's begins. */
    private final List<Duration> leadTimes;
    private final int noticeBatchSize;

    ExpiryJob(ConsentService consents, ConsentConfig config) {
        this.consents = consents;
        this.batchSize = config.expiry().batchSize();
        if (config.expiring().leadTimes().stream().anyMatch(d -> d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException("bankbridge.consent.expiring.lead-times must be positive durations");
        }
        this.leadTimes = config.expiring().leadTimes().stream().distinct().sorted().toList();
        this.noticeBatchSize = config.expiring().batchSize();
    }

    @Scheduled(identity = "consent-expiry", every = "${bankbridge.consent.expiry.every:60s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return logged("Consent expiry", expireAllDue());
    }

    @Scheduled(identity = "consent-expiry-notices", every = "${bankbridge.consent.expiring.every:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduledNotices() {
        return logged("Consent expiry notice", announceAllDue());
    }

    /** Expires every consent past its expiry, batch by batch; returns how many this instance expired. */
    public Uni<Integer> expireAllDue() {
        return untilDrained(() -> consents.expireDue(batchSize), batchSize);
    }

    /** Announces every expiry notice that is due and was not announced yet; returns how many this instance announced. */
    public Uni<Integer> announceAllDue() {
        Uni<Integer> announced = Uni.createFrom().item(0);
        for (int i = 0; i < leadTimes.size(); i++) {
            Duration lead = leadTimes.get(i);
            Duration nearer = i == 0 ? Duration.ZERO : leadTimes.get(i - 1);
            announced = announced.chain(sum -> untilDrained(() -> consents.announceExpiring(lead, nearer, noticeBatchSize),
                    noticeBatchSize).map(n -> sum + n));
        }
        return announced;
    }

    /** Runs {@code batch} until one does less than a full batch; returns how much all did. */
    private static Uni<Integer> untilDrained(Supplier<Uni<Integer>> batch, int size) {
        return batch.get().chain(done -> done < size
                ? Uni.createFrom().item(done)
                : untilDrained(batch, size).map(more -> done + more));
    }

    private static Uni<Void> logged(String run, Uni<Integer> work) {
        return work.onFailure().invoke(e -> Log.warnf("%s run failed: %s", run, e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }
}
