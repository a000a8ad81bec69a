package io.bankbridge.revocation.consume;

import io.bankbridge.revocation.RevocationEventsConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

/**
 * How fresh this instance's view of the revocations is: the last moment the broadcast consumer <em>knew</em> it had
 * applied everything up to the end of every partition. Only a broker that answers proves it: a proof round asks for
 * the partitions' end offsets (one round trip, through an admin client whose own thread waits for the answer, so the
 * consumer goes on reading meanwhile) and remembers when it was sent; once the consumer's positions have
 * reached those offsets, in that poll or a later one, the view was complete as of the moment the round was sent. So
 * an idle topic and a topic receiving a steady stream of events both prove freshness, and a frozen or unreachable
 * broker lets the view age.
 *
 * <p>Services read {@link #fresh()} on every request (one volatile read and a clock read, no allocation). The view is
 * trusted alone while it is younger than the bound minus the owner time-out; after that they ask the owners of the
 * grants, which answer within the owner time-out, so a revocation is refused within the bound.
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
    private final long ownerTimeoutMillis;
    private final long trustedMillis;
    private final long proofEveryMillis;
    private final Duration proofTimeout;
    private final Timer catchUp;
    /** Epoch millis as of which the view was known complete; 0 until the first proof. */
    private volatile long freshAt;
    /** Proof rounds the positions have not reached yet, oldest first. Consumer thread only, like the fields below. */
    private final Deque<Proof> pending = new ArrayDeque<>();
    /** Whether the previous round was answered; a round counts only if the one before it was too. */
    private boolean inContact;
    /** When the broker first answered while the view was stale; 0 while the view is fresh or no answer came. */
    private long answeredAgainAt;
    private long lastAttempt;
    /** The round sent and not answered yet, if any. */
    private Round inFlight;
    /** Whether rounds fail, from the first failure until one is answered: that first failure is logged. */
    private boolean failing;

    /** A round of the proof: when the end offsets were asked for, and what they were. */
    private record Proof(long sentAt, Map<TopicPartition, Long> ends) {
    }

    /** A round in flight: when it was sent, the broker's answer to come, and when that answer came. */
    private record Round(long sentAt, KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>> answer, AtomicLong answeredAt) {
    }

    ViewFreshness(InstantSource clock, RevocationEventsConfig config, MeterRegistry registry) {
        this.clock = clock;
        this.boundMillis = config.consumer().freshnessBound().toMillis();
        this.ownerTimeoutMillis = config.consumer().ownerTimeout().toMillis();
        if (ownerTimeoutMillis <= 0 || ownerTimeoutMillis >= boundMillis) {
            throw new IllegalArgumentException("bankbridge.revocations.consumer.owner-timeout must be positive and "
                    + "shorter than the freshness bound (" + boundMillis + " ms), not " + ownerTimeoutMillis + " ms");
        }
        this.trustedMillis = boundMillis - ownerTimeoutMillis;
        this.proofEveryMillis = Math.max(1, trustedMillis / 4);
        // A round's time-out, and the longest a position read waits: a slow answer still proves the moment the round
        // was sent (the broker had every record acknowledged before it), so a busy machine does not lose its proofs;
        // one slower than the trusted time is of no use.
        this.proofTimeout = Duration.ofMillis(trustedMillis);
        Gauge.builder("bankbridge.revocations.view.age.seconds", this, f -> f.freshAt == 0 ? Double.NaN
                        : (f.clock.millis() - f.freshAt) / 1000.0)
                .description("Time since this instance last proved it had applied every revocation event (alert when "
                        + "above the bound minus the owner time-out: requests then go to the owners of the grants)")
                .register(registry);
        this.catchUp = Timer.builder("bankbridge.revocations.view.catch.up")
                .description("After a broker outage: from the broker's first answer until this instance's view was "
                        + "complete again")
                .register(registry);
    }

    /** Whether the view may be trusted alone: proved complete less than the bound minus the owner time-out ago. */
    public boolean fresh() {
        return clock.millis() - freshAt <= trustedMillis;
    }

    /** The configured bound: the longest a revocation may go unrefused by this instance. */
    public Duration bound() {
        return Duration.ofMillis(boundMillis);
    }

    /** How long an owner may take to answer before the request is decided without it. */
    public Duration ownerTimeout() {
        return Duration.ofMillis(ownerTimeoutMillis);
    }

    /**
     * How long the view, or an owner's answer, may be trusted without asking again: the bound minus the owner
     * time-out. An answer is to be timed from when it was asked for.
     */
    public Duration trustedFor() {
        return Duration.ofMillis(trustedMillis);
    }

    /** Time since the view was last proved complete; null before the first proof. */
    public Duration age() {
        long at = freshAt;
        return at == 0 ? null : Duration.ofMillis(clock.millis() - at);
    }

    /**
     * Called by the consumer thread after each poll, once what it returned was applied: settles the rounds the
     * positions have now reached, takes the broker's answer to the round in flight if it came, and, at most every
     * quarter of the trusted time and never while a round is in flight, sends a new round. A round is asked through
     * {@code admin}, whose own thread waits for the answer: the consumer thread never waits for a proof, so an event
     * that arrives meanwhile is applied at once. A round not answered within the trusted time proves nothing.
     */
    void prove(Consumer<?, ?> consumer, Admin admin, Set<TopicPartition> assigned) {
        long now = clock.millis();
        settle(consumer, assigned, now);
        if (inFlight != null && !collect(consumer, assigned, now)) {
            return;
        }
        if (assigned.isEmpty() || now - lastAttempt < proofEveryMillis) {
            return;
        }
        lastAttempt = now;
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        assigned.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
        AtomicLong answeredAt = new AtomicLong();
        // The future handed on completes once answeredAt is set: done means the time is there.
        KafkaFuture<Map<TopicPartition, ListOffsetsResultInfo>> answer = admin.listOffsets(latest,
                        new ListOffsetsOptions().timeoutMs((int) Math.min(proofTimeout.toMillis(), Integer.MAX_VALUE))).all()
                .whenComplete((ends, error) -> answeredAt.set(clock.millis()));
        inFlight = new Round(now, answer, answeredAt);
    }

    /**
     * Takes the answer to the round in flight: returns false while it may still come, true once the round is over
     * (answered, failed, or older than the trusted time and given up).
     */
    private boolean collect(Consumer<?, ?> consumer, Set<TopicPartition> assigned, long now) {
        Round round = inFlight;
        if (!round.answer().isDone()) {
            if (now - round.sentAt() <= trustedMillis) {
                return false;
            }
            round.answer().cancel(true);
            inFlight = null;
            lose("no answer within " + trustedMillis + " ms");
            return true;
        }
        inFlight = null;
        Map<TopicPartition, Long> ends = new HashMap<>();
        try {
            round.answer().get().forEach((tp, info) -> ends.put(tp, info.offset()));
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            lose(cause.getClass().getSimpleName() + ": " + cause.getMessage());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
        failing = false;
        long answeredAt = round.answeredAt().get();
        if (answeredAgainAt == 0 && freshAt != 0 && answeredAt - freshAt > trustedMillis) {
            answeredAgainAt = answeredAt;
        }
        if (!inContact) {
            // The first answer after silence only restores contact: it may come from a broker just back that has not
            // yet taken in the records the relays kept for it. Freshness resumes from the next round.
            inContact = true;
            pending.clear();
            return true;
        }
        pending.addLast(new Proof(round.sentAt(), Map.copyOf(ends)));
        settle(consumer, assigned, now);
        return true;
    }

    /** A round proved nothing: contact is lost until the next answer; the first failure after an answer is logged. */
    private void lose(String reason) {
        inContact = false;
        if (!failing) {
            Log.warnf("Revocation view: the broker did not answer a freshness round (%s); the view ages until it does",
                    reason);
            failing = true;
        }
    }

    /** Makes the view fresh as of the newest pending round the positions have reached, and forgets older ones. */
    private void settle(Consumer<?, ?> consumer, Set<TopicPartition> assigned, long now) {
        Proof reached = null;
        for (Iterator<Proof> it = pending.iterator(); it.hasNext(); ) {
            Proof proof = it.next();
            if (now - proof.sentAt() > trustedMillis || proof.ends().size() != assigned.size()) {
                it.remove(); // too old to make the view fresh, or a partition was added since
            } else if (reached(consumer, proof)) {
                reached = proof;
            }
        }
        if (reached == null) {
            return;
        }
        while (pending.peekFirst() != reached) {
            pending.removeFirst();
        }
        pending.removeFirst();
        long before = freshAt;
        freshAt = Math.max(before, reached.sentAt());
        if (before != 0 && now - before > trustedMillis && fresh()) { // it was stale until this proof
            long caughtUpAt = clock.millis();
            Duration caughtUp = Duration.ofMillis(answeredAgainAt == 0 ? 0 : caughtUpAt - answeredAgainAt);
            catchUp.record(caughtUp);
            Log.infof("Revocation view fresh again after %d ms without proof; caught up %d ms after the broker "
                    + "answered again", caughtUpAt - before, caughtUp.toMillis());
            answeredAgainAt = 0;
        }
    }

    private boolean reached(Consumer<?, ?> consumer, Proof proof) {
        try {
            for (Map.Entry<TopicPartition, Long> end : proof.ends().entrySet()) {
                if (consumer.position(end.getKey(), proofTimeout) < end.getValue()) {
                    return false;
                }
            }
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }
}
