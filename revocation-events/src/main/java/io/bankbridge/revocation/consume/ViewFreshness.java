package io.bankbridge.revocation.consume;

import io.bankbridge.revocation.RevocationEventsConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * How fresh this instance's view of the revocations is: the last moment the broadcast consumer <em>knew</em> it had
 * applied everything up to the end of every partition. Only a broker that answers proves it: the consumer asks for
 * the end offsets (one round trip) and compares them with its positions, so an idle topic proves freshness too, and
 * a frozen or unreachable broker lets the view age. Services read {@link #fresh()} on every request (one volatile
 * read); while it is false they ask the owners of the grants instead of trusting the view.
 *
 * <p>Reported as {@code bankbridge_revocations_view_age_seconds} and in the readiness detail. Staleness does not take
 * the instance out of service: the owner check keeps the bound, and a broker outage must not become an outage of
 * every replica. When the view is fresh again after being stale, the time from the broker's first answer to
 * freshness is recorded ({@code bankbridge_revocations_view_catch_up_seconds}) and one line is logged. An instance
 * whose consumer is disabled has no view: it is never fresh, and the services always ask the owners.
 */
@Singleton // read on every request: no client proxy in between
public class ViewFreshness {

    private final InstantSource clock;
    private final long boundMillis;
    private final long proofEveryMillis;
    private final Duration proofTimeout;
    private final Timer catchUp;
    /** Epoch millis from which the view was known complete; 0 until the first proof. */
    private volatile long freshAt;
    /** The last proof before the current outage; 0 while there is none. Consumer thread only, like the next two. */
    private long outageFrom;
    /** When the first proof answered during the current outage was sent. */
    private long answeredAgainAt;
    private long lastAttempt;

    ViewFreshness(InstantSource clock, RevocationEventsConfig config, MeterRegistry registry) {
        this.clock = clock;
        Duration bound = config.consumer().freshnessBound();
        this.boundMillis = bound.toMillis();
        this.proofEveryMillis = Math.max(1, boundMillis / 4);
        this.proofTimeout = bound;
        Gauge.builder("bankbridge.revocations.view.age.seconds", this, f -> f.freshAt == 0 ? Double.NaN
                        : (f.clock.millis() - f.freshAt) / 1000.0)
                .description("Time since this instance last proved it had applied every revocation event (alert when "
                        + "above the freshness bound: requests then go to the owners of the grants)")
                .register(registry);
        this.catchUp = Timer.builder("bankbridge.revocations.view.catch.up")
                .description("After a broker outage: from the broker's first answer until this instance's view was "
                        + "complete again")
                .register(registry);
    }

    /** Whether the view may be trusted alone: it was proved complete less than the bound ago. */
    public boolean fresh() {
        return clock.millis() - freshAt <= boundMillis;
    }

    /** The configured bound. */
    public Duration bound() {
        return Duration.ofMillis(boundMillis);
    }

    /** Time since the view was last proved complete; null before the first proof. */
    public Duration age() {
        long at = freshAt;
        return at == 0 ? null : Duration.ofMillis(clock.millis() - at);
    }

    /**
     * Called by the consumer thread after each poll and what it returned was applied: at most every quarter of the
     * bound, asks the broker for the end offsets and, if every position is there, the view was complete when the
     * question was sent. A broker that does not answer within the bound proves nothing; the view ages.
     */
    void prove(Consumer<?, ?> consumer, Set<TopicPartition> assigned) {
        long sentAt = clock.millis();
        if (assigned.isEmpty() || sentAt - lastAttempt < proofEveryMillis) {
            return;
        }
        lastAttempt = sentAt;
        boolean atEnd = true;
        try {
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, proofTimeout);
            for (TopicPartition tp : assigned) {
                Long end = ends.get(tp);
                if (end == null || consumer.position(tp, proofTimeout) < end) {
                    atEnd = false;
                    break;
                }
            }
        } catch (TimeoutException e) {
            return;
        }
        answered(sentAt, atEnd);
    }

    private void answered(long sentAt, boolean atEnd) {
        long now = clock.millis();
        if (outageFrom == 0 && freshAt != 0 && now - freshAt > boundMillis) {
            outageFrom = freshAt;
            answeredAgainAt = sentAt;
        }
        if (!atEnd) {
            return;
        }
        freshAt = Math.max(freshAt, sentAt);
        // A proof sent while the broker was frozen may answer only after it resumes: it proves an old moment, and
        // the outage is over only once a proof makes the view fresh.
        if (outageFrom != 0 && now - sentAt <= boundMillis) {
            Duration caughtUp = Duration.ofMillis(now - answeredAgainAt);
            catchUp.record(caughtUp);
            Log.infof("Revocation view fresh again after %d ms without proof; caught up %d ms after the broker "
                    + "answered again", now - outageFrom, caughtUp.toMillis());
            outageFrom = 0;
        }
    }
}
