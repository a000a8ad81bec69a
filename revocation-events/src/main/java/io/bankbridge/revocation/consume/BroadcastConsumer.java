package io.bankbridge.revocation.consume;

import io.bankbridge.revocation.KafkaClientProperties;
import io.bankbridge.revocation.RevocationEventsConfig;
import io.bankbridge.revocation.RevocationTopic;
import io.bankbridge.revocation.contract.RevocationEvent;
import io.bankbridge.revocation.contract.RevocationEventCodec;
import io.bankbridge.revocation.contract.RevocationEventCodec.Decoded;
import io.bankbridge.revocation.contract.RevocationEventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads every partition of the revocation topic in every instance (no consumer group: a group would split the
 * partitions between replicas and each would miss events). At start it replays the configured window of history
 * and reports ready only once it has caught up with the end offsets it found, so a restarted instance refuses
 * every grant revoked while it was down.
 *
 * <p>What it passes over and what it never does: a record that is not a revocation event this version understands
 * (not decodable, breaking the contract, or of an unknown type) is logged, counted and passed over, as the contract
 * asks of every subscriber. A revocation event of a known type is never passed over: while a listener fails to
 * apply it, the consumer tries again with a capped backoff, applies no later event, counts each failure and reports
 * not ready, because an instance that passed over a revocation would honour that grant for good. Once the event
 * applies, the consumer goes on and readiness comes back by itself.
 */
@ApplicationScoped
public class BroadcastConsumer {

    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration PARTITION_REFRESH = Duration.ofSeconds(30);
    private static final int REMEMBERED_EVENT_IDS = 100_000;

    private final Instance<RevocationEventListener> listeners;
    private final RevocationEventsConfig config;
    private final Map<String, Object> kafka;
    private final String applicationName;
    private final MeterRegistry registry;
    private final ViewFreshness freshness;
    private final AtomicLong lag = new AtomicLong();
    private final AtomicLong lastEventTime = new AtomicLong();
    private final Timer delay;
    private final Map<RevocationEventType, Counter> applyFailures = new HashMap<>();
    private final AtomicReference<Stall> stall = new AtomicReference<>();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private final Map<String, Boolean> seenEventIds = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_EVENT_IDS;
        }
    };
    private volatile boolean caughtUp;
    private volatile boolean running;
    private volatile String lastProblem = "starting";
    private Thread thread;

    BroadcastConsumer(@Any Instance<RevocationEventListener> listeners, RevocationEventsConfig config,
                      @Identifier("default-kafka-broker") Map<String, Object> kafka,
                      @ConfigProperty(name = "quarkus.application.name") String applicationName, MeterRegistry registry,
                      ViewFreshness freshness) {
        this.listeners = listeners;
        this.config = config;
        this.kafka = kafka;
        this.applicationName = applicationName;
        this.registry = registry;
        this.freshness = freshness;
        Gauge.builder("bankbridge.revocations.consumer.lag", lag, AtomicLong::get)
                .description("Revocation records not yet read by this instance").register(registry);
        Gauge.builder("bankbridge.revocations.consumer.last.event.age.seconds", lastEventTime,
                        t -> t.get() == 0 ? Double.NaN : (System.currentTimeMillis() - t.get()) / 1000.0)
                .description("Age of the newest revocation event applied by this instance").register(registry);
        this.delay = Timer.builder("bankbridge.revocations.consumer.delay")
                .description("From a live event's time (the revocation) until every listener of this instance returned: "
                        + "the change in force and, where a listener keeps it, persisted; requests may be refused "
                        + "from a little earlier, when a listener takes it into memory before it writes")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram(false)
                .register(registry);
        for (RevocationEventType type : RevocationEventType.values()) {
            applyFailures.put(type, Counter.builder("bankbridge.revocations.consumer.apply.failures")
                    .description("Failed attempts of a listener to apply a revocation event (each is retried)")
                    .tag("type", type.type()).register(registry));
        }
        Gauge.builder("bankbridge.revocations.consumer.stalled", stall, s -> s.get() == null ? 0 : 1)
                .description("1 while an event this instance cannot apply holds up every later one (not ready), else 0")
                .register(registry);
    }

    /**
     * The event the consumer is stuck on: which record, how many attempts failed so far, and the last error.
     *
     * @param record topic-partition@offset
     */
    record Stall(String eventId, String type, String record, long failedAttempts) {
    }

    void start(@Observes StartupEvent ignored) {
        if (!config.consumer().enabled()) {
            caughtUp = true;
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("revocation-broadcast-consumer").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        stopping.countDown();
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the start-up replay has caught up; readiness waits for it. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** Why the consumer is not caught up, for the readiness check. */
    String lastProblem() {
        return lastProblem;
    }

    /** The event this instance is stuck on, if any; readiness is down meanwhile. */
    Optional<Stall> stall() {
        return Optional.ofNullable(stall.get());
    }

    private void run() {
        while (running) {
            String clientId = applicationName + "-revocations-" + UUID.randomUUID().toString().substring(0, 8);
            try (Consumer<String, String> consumer = new KafkaConsumer<>(KafkaClientProperties.broadcastConsumer(kafka, clientId));
                 Admin admin = Admin.create(KafkaClientProperties.admin(kafka, clientId + "-admin"))) {
                consume(consumer, admin);
            } catch (RuntimeException e) {
                lastProblem = e.getClass().getSimpleName() + ": " + e.getMessage();
                Log.warnf("Revocation consumer: %s; reconnecting", lastProblem);
                pause(Duration.ofSeconds(1));
            }
        }
    }

    /**
     * Reads and applies; {@code admin} creates the topic if it is missing and asks for the end offsets that prove the
     * view fresh, off this thread.
     */
    private void consume(Consumer<String, String> consumer, Admin admin) {
        List<PartitionInfo> known = consumer.partitionsFor(config.topic());
        if (known == null || known.isEmpty()) {
            RevocationTopic.ensureExists(admin, config);
        }
        Set<TopicPartition> assigned = new HashSet<>();
        Map<TopicPartition, Long> replayTarget = new HashMap<>();
        Instant nextRefresh = Instant.MIN;
        long replayStarted = System.nanoTime();
        while (running) {
            if (Instant.now().isAfter(nextRefresh)) {
                assignNewPartitions(consumer, assigned, replayTarget);
                nextRefresh = Instant.now().plus(PARTITION_REFRESH);
            }
            for (ConsumerRecord<String, String> record : consumer.poll(POLL)) {
                apply(record);
            }
            long behind = 0;
            for (TopicPartition tp : assigned) {
                behind += consumer.currentLag(tp).orElse(0);
            }
            lag.set(behind);
            freshness.prove(consumer, admin, assigned);
            if (!caughtUp && replayTarget.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                caughtUp = true;
                lastProblem = null;
                Log.infof("Revocation consumer caught up on %d partition(s) of %s in %d ms", assigned.size(),
                        config.topic(), (System.nanoTime() - replayStarted) / 1_000_000);
            }
        }
    }

    private void assignNewPartitions(Consumer<String, String> consumer, Set<TopicPartition> assigned,
                                     Map<TopicPartition, Long> replayTarget) {
        List<PartitionInfo> infos = consumer.partitionsFor(config.topic());
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + config.topic() + " has no partitions");
        }
        Set<TopicPartition> added = new HashSet<>();
        infos.forEach(p -> {
            TopicPartition tp = new TopicPartition(p.topic(), p.partition());
            if (!assigned.contains(tp)) {
                added.add(tp);
            }
        });
        if (added.isEmpty()) {
            return;
        }
        boolean firstAssignment = assigned.isEmpty();
        assigned.addAll(added);
        consumer.assign(assigned);
        if (firstAssignment) {
            long from = System.currentTimeMillis() - config.consumer().replay().toMillis();
            Map<TopicPartition, Long> query = new HashMap<>();
            added.forEach(tp -> query.put(tp, from));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query);
            Map<TopicPartition, Long> ends = consumer.endOffsets(added);
            for (TopicPartition tp : added) {
                OffsetAndTimestamp at = offsets.get(tp);
                consumer.seek(tp, at == null ? ends.get(tp) : at.offset());
            }
            replayTarget.putAll(ends);
        } else {
            // A partition added while running holds only events newer than this instance: read all of it.
            consumer.seekToBeginning(added);
        }
    }

    private void apply(ConsumerRecord<String, String> record) {
        Decoded decoded = RevocationEventCodec.decode(record.value());
        if (decoded instanceof Decoded.Skipped skipped) {
            registry.counter("bankbridge.revocations.consumer.skipped", "reason", skipped.reason()).increment();
            Log.warnf("Skipped revocation record %s-%d@%d (%s: %s)", record.topic(), record.partition(), record.offset(),
                    skipped.reason(), skipped.detail());
            return;
        }
        RevocationEvent event = ((Decoded.Event) decoded).event();
        if (seenEventIds.containsKey(event.id())) {
            registry.counter("bankbridge.revocations.consumer.duplicates").increment();
            return;
        }
        String position = record.topic() + "-" + record.partition() + "@" + record.offset();
        for (RevocationEventListener listener : listeners) {
            if (!applyUntilDone(listener, event, position)) {
                return; // stopping: the event was not applied here, and nothing after it will be
            }
        }
        seenEventIds.put(event.id(), Boolean.TRUE);
        Stall resolved = stall.getAndSet(null);
        if (resolved != null) {
            Log.infof("Applied revocation event %s (%s) at %s after %d failed attempt(s); going on", event.id(),
                    event.type().type(), position, resolved.failedAttempts());
        }
        lastEventTime.set(event.time().toEpochMilli());
        if (caughtUp) { // replayed history is old by design; the delay is about live events
            delay.record(Duration.between(event.time(), Instant.now()));
        }
        registry.counter("bankbridge.revocations.consumer.applied", "type", event.type().type()).increment();
    }

    /**
     * Hands the event to the listener until it succeeds, waiting longer after each failure up to the configured
     * maximum. Returns false only if the application stops first.
     */
    private boolean applyUntilDone(RevocationEventListener listener, RevocationEvent event, String position) {
        Duration backoff = config.consumer().retryBackoff();
        long failed = 0;
        while (running) {
            try {
                listener.onRevocation(event);
                return true;
            } catch (Exception e) {
                failed++;
                applyFailures.get(event.type()).increment();
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                stall.set(new Stall(event.id(), event.type().type(), position, failed));
                if (failed == 1) {
                    Log.errorf(e, "Could not apply revocation event %s (%s) at %s; not ready, and no later event is "
                            + "applied, until it is", event.id(), event.type().type(), position);
                } else {
                    Log.warnf("Still cannot apply revocation event %s (%s) at %s, attempt %d: %s; next in %s",
                            event.id(), event.type().type(), position, failed, error, backoff);
                }
            }
            if (!pause(backoff)) {
                return false;
            }
            Duration doubled = backoff.multipliedBy(2);
            backoff = doubled.compareTo(config.consumer().retryMaxBackoff()) < 0 ? doubled : config.consumer().retryMaxBackoff();
        }
        return false;
    }

    /** Waits, unless the application stops first; returns false if it does. */
    private boolean pause(Duration d) {
        try {
            return !stopping.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
