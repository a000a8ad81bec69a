package io.bankbridge.revocation.outbox;

import io.bankbridge.revocation.RevocationEventsConfig;
import io.bankbridge.revocation.RevocationTopic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Publishes the outbox: takes unsent rows in id order ({@code FOR UPDATE SKIP LOCKED}, so several replicas
 * never hold the same row), publishes them, waits for the broker's acknowledgement, and only then marks them
 * sent in the same transaction. A crash between publish and commit publishes the row again (at least once,
 * never zero); consumers apply events idempotently by event id.
 *
 * <p>Events a transaction of this instance wrote are handed over once it committed
 * ({@link RevocationOutbox#inTransaction}) and published first, as they were written, without reading the table: a
 * revocation reaches the broker one hand-over after its commit instead of after a transaction of the relay's own. They are marked sent the same way,
 * once acknowledged; until then their rows stay unsent, so one lost here (a crash, a broker that did not acknowledge,
 * more handed over than {@link #HANDED_OVER_LIMIT}) is published from the table. A relay of another replica that
 * reads the row before it is marked publishes it a second time, which consumers ignore.
 *
 * <p>The same loop keeps the table bounded: every {@code prune-interval} it deletes rows sent longer ago than
 * {@code sent-retention}, a bounded batch per turn so that relaying never waits long behind it. Unsent rows are
 * never deleted. It runs here rather than in a scheduler because only the services that relay have the table.
 */
@ApplicationScoped
public class OutboxRelay {

    /** Events handed over and not yet published, at most: past it, they wait in the table for the next look. */
    static final int HANDED_OVER_LIMIT = 10_000;
    /** Events published from the table that are remembered, not to publish them again when handed over late. */
    private static final int RECENTLY_FROM_TABLE = 1_000;

    private static final String SELECT_UNSENT = "SELECT event_id, event_key, payload, created_at FROM revocation_outbox "
            + "WHERE sent_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED";
    private static final String MARK_SENT = "UPDATE revocation_outbox SET sent_at = $2, attempts = attempts + 1 "
            + "WHERE event_id = ANY($1) AND sent_at IS NULL";
    private static final String MARK_FAILED = "UPDATE revocation_outbox SET attempts = attempts + 1, last_error = $2 "
            + "WHERE event_id = ANY($1) AND sent_at IS NULL";
    /*
     * Oldest rows first through the primary key: the rows kept (one retention of traffic, and the rare unsent
     * one) bound the scan, so no index on sent_at is needed. SKIP LOCKED lets replicas prune at once without
     * waiting on each other; deleting is idempotent.
     */
    private static final String PRUNE_SENT = "DELETE FROM revocation_outbox WHERE id IN (SELECT id FROM revocation_outbox "
            + "WHERE sent_at < $1 ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED)";

    private final Instance<Pool> pool;
    private final RevocationPublisher publisher;
    private final RevocationEventsConfig config;
    private final Map<String, Object> kafka;
    private final Counter published;
    private final Counter failed;
    private final Counter pruned;
    private final Timer delay;
    private final InstantSource clock;
    private final Semaphore wakeUps = new Semaphore(0);
    private final BlockingQueue<OutgoingEvent> handedOver = new LinkedBlockingQueue<>(HANDED_OVER_LIMIT);
    /**
     * The events this relay last published from the table: one handed over after its row was read there (the relay
     * read the table between the commit and the hand-over) is not published again.
     */
    private final Set<UUID> publishedFromTable = Collections.newSetFromMap(Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
                    return size() > RECENTLY_FROM_TABLE;
                }
            }));
    /** Whether the relay reads the table at its next turn, before its poll interval is up. */
    private final AtomicBoolean tableWaiting = new AtomicBoolean(true);
    private volatile boolean running;
    /** Whether the topic was checked (and created where allowed); once per process, before the first send. */
    private volatile boolean topicChecked;
    private Thread thread;
    private long nextPrune = System.nanoTime();

    OutboxRelay(Instance<Pool> pool, RevocationPublisher publisher, RevocationEventsConfig config,
                @Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry registry,
                InstantSource clock) {
        this.pool = pool;
        this.publisher = publisher;
        this.config = config;
        this.kafka = kafka;
        this.clock = clock;
        this.published = registry.counter("bankbridge.revocations.outbox.published");
        this.failed = registry.counter("bankbridge.revocations.outbox.failed");
        this.pruned = registry.counter("bankbridge.revocations.outbox.pruned");
        this.delay = Timer.builder("bankbridge.revocations.outbox.delay")
                .description("From the transaction that wrote an event until the broker acknowledged it (the relay's "
                        + "share of the time a revocation takes to reach every instance)")
                .publishPercentiles(0.5, 0.99).publishPercentileHistogram(false)
                .register(registry);
    }

    void start(@Observes StartupEvent ignored) {
        if (!config.relay().enabled()) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("revocation-outbox-relay").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        wakeUp();
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(15));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Makes the relay look at the outbox now rather than at its next poll. */
    public void wakeUp() {
        tableWaiting.set(true);
        wakeUps.release();
    }

    /** Events whose transaction committed here: published at the relay's next turn, before it reads the table. */
    void handOver(List<OutgoingEvent> events) {
        if (!running || events.isEmpty()) {
            return;
        }
        for (OutgoingEvent event : events) {
            if (!handedOver.offer(event)) {
                tableWaiting.set(true);
                break;
            }
        }
        wakeUps.release();
    }

    private void run() {
        Duration poll = config.relay().pollInterval();
        Duration backoff = poll;
        long nextLook = System.nanoTime();
        while (running) {
            boolean more = false;
            try {
                publishHandedOver();
                // The table at least every poll interval, however often events are handed over, and when asked to.
                if (tableWaiting.getAndSet(false) || System.nanoTime() - nextLook >= 0) {
                    nextLook = System.nanoTime() + poll.toNanos();
                    if (relayOnce() == config.relay().batchSize()) {
                        tableWaiting.set(true);
                        more = true;
                    }
                }
                more |= !handedOver.isEmpty();
                backoff = poll;
            } catch (RuntimeException e) {
                // What was handed over waits in the table as well: read from there once the broker answers again.
                handedOver.clear();
                // At most a second between tries: once the broker is back, what waited in the outbox goes out at
                // once, since a resource server whose view is fresh again cannot see a revocation still waiting here
                backoff = min(backoff.multipliedBy(2), Duration.ofSeconds(1));
                nextLook = System.nanoTime() + backoff.toNanos();
                Log.warnf("Revocation outbox relay: %s; retrying in %s", e.getMessage(), backoff);
            }
            pruneWhenDue();
            if (!more) {
                await(Duration.ofNanos(Math.max(0, nextLook - System.nanoTime())));
            }
        }
    }

    private void pruneWhenDue() {
        if (System.nanoTime() - nextPrune < 0) {
            return;
        }
        Duration interval = config.relay().pruneInterval();
        try {
            // After a full batch, more are due: the next batch comes at the next turn, after relaying.
            boolean full = pruneOnce() == config.relay().pruneBatchSize();
            nextPrune = System.nanoTime() + (full ? 0 : interval.toNanos());
        } catch (RuntimeException e) {
            Log.warnf("Revocation outbox prune: %s; trying again in %s", e.getMessage(), interval);
            nextPrune = System.nanoTime() + interval.toNanos();
        }
    }

    /**
     * Deletes one batch (at most {@code prune-batch-size}) of rows sent longer ago than {@code sent-retention};
     * returns how many. Unsent rows are never deleted. Safe on several replicas at once.
     */
    public int pruneOnce() {
        OffsetDateTime cutoff = OffsetDateTime.ofInstant(clock.instant().minus(config.relay().sentRetention()), ZoneOffset.UTC);
        int deleted = pool.get().preparedQuery(PRUNE_SENT).execute(Tuple.of(cutoff, config.relay().pruneBatchSize()))
                .await().atMost(Duration.ofSeconds(10)).rowCount();
        pruned.increment(deleted);
        return deleted;
    }

    /**
     * Publishes one batch of unsent rows; returns how many were acknowledged and marked sent. Rows the broker
     * did not acknowledge stay unsent (their attempt is counted) for the next round.
     */
    public int relayOnce() {
        SqlConnection connection = pool.get().getConnection().await().atMost(Duration.ofSeconds(10));
        try {
            Transaction tx = connection.begin().await().atMost(Duration.ofSeconds(10));
            List<Row> rows = new ArrayList<>();
            connection.preparedQuery(SELECT_UNSENT).execute(Tuple.of(config.relay().batchSize()))
                    .await().atMost(Duration.ofSeconds(10)).forEach(rows::add);
            if (rows.isEmpty()) {
                tx.commit().await().atMost(Duration.ofSeconds(10));
                return 0;
            }
            Outcome outcome = publish(rows.stream().map(r -> new OutgoingEvent(r.getUUID("event_id"), r.getString("event_key"),
                    r.getString("payload"), r.getOffsetDateTime("created_at").toInstant())).toList());
            outcome.mark(connection);
            tx.commit().await().atMost(Duration.ofSeconds(10));
            publishedFromTable.addAll(outcome.sent);
            return outcome.counted();
        } finally {
            connection.close().await().atMost(Duration.ofSeconds(10));
        }
    }

    /**
     * Publishes up to a batch of the events handed over, and marks those acknowledged sent. Rows the broker did not
     * acknowledge stay unsent (their attempt is counted) for the relay's next look at the table.
     */
    private void publishHandedOver() {
        List<OutgoingEvent> events = new ArrayList<>();
        handedOver.drainTo(events, config.relay().batchSize());
        events.removeIf(e -> publishedFromTable.remove(e.id()));
        if (!events.isEmpty()) {
            Outcome outcome = publish(events);
            outcome.mark(pool.get());
            outcome.counted();
        }
    }

    /** Publishes {@code events} and waits for the broker's acknowledgement of each, up to the acknowledgement timeout. */
    private Outcome publish(List<OutgoingEvent> events) {
        if (!topicChecked) {
            // Checked once there is something to send, not at start, where an admin client costs every start.
            try {
                RevocationTopic.ensureExists(kafka, config);
                topicChecked = true;
            } catch (RuntimeException e) {
                return new Outcome(List.of(), events.stream().map(OutgoingEvent::id).toList(), e.getMessage());
            }
        }
        List<CompletableFuture<?>> acks = events.stream()
                .<CompletableFuture<?>>map(e -> publisher.publish(e.key(), e.payload()))
                .toList();
        List<UUID> sent = new ArrayList<>();
        List<UUID> notSent = new ArrayList<>();
        String lastError = null;
        long deadline = System.nanoTime() + config.relay().ackTimeout().plusSeconds(2).toNanos();
        for (int i = 0; i < events.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                sent.add(events.get(i).id());
                delay.record(Duration.between(events.get(i).writtenAt(), Instant.now()));
            } catch (Exception e) {
                notSent.add(events.get(i).id());
                lastError = rootMessage(e);
            }
        }
        return new Outcome(sent, notSent, lastError);
    }

    /** Which events the broker acknowledged, which not, and why the last of those was not. */
    private final class Outcome {
        private final List<UUID> sent;
        private final List<UUID> notSent;
        private final String lastError;

        Outcome(List<UUID> sent, List<UUID> notSent, String lastError) {
            this.sent = sent;
            this.notSent = notSent;
            this.lastError = lastError;
        }

        /** Marks the acknowledged rows sent and counts an attempt on the others, through {@code sql}. */
        void mark(SqlClient sql) {
            if (!sent.isEmpty()) {
                sql.preparedQuery(MARK_SENT)
                        .execute(Tuple.of(sent.toArray(UUID[]::new),
                                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
                        .await().atMost(Duration.ofSeconds(10));
            }
            if (!notSent.isEmpty()) {
                sql.preparedQuery(MARK_FAILED).execute(Tuple.of(notSent.toArray(UUID[]::new), lastError))
                        .await().atMost(Duration.ofSeconds(10));
            }
        }

        /** Counts the outcome once it is recorded; returns how many were sent, or throws if any was not. */
        int counted() {
            published.increment(sent.size());
            failed.increment(notSent.size());
            if (!notSent.isEmpty()) {
                throw new IllegalStateException(notSent.size() + " event(s) not acknowledged by Kafka (" + lastError + ")");
            }
            return sent.size();
        }
    }

    private void await(Duration duration) {
        try {
            if (wakeUps.tryAcquire(duration.toNanos(), TimeUnit.NANOSECONDS)) {
                wakeUps.drainPermits();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) < 0 ? a : b;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
