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
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Publishes the outbox: takes unsent rows in id order ({@code FOR UPDATE SKIP LOCKED}, so several replicas
 * never hold the same row), publishes them, waits for the broker's acknowledgement, and only then marks them
 * sent in the same transaction. A crash between publish and commit publishes the row again (at least once,
 * never zero); consumers apply events idempotently by event id.
 *
 * <p>The same loop keeps the table bounded: every {@code prune-interval} it deletes rows sent longer ago than
 * {@code sent-retention}, a bounded batch per turn so that relaying never waits long behind it. Unsent rows are
 * never deleted. It runs here rather than in a scheduler because only the services that relay have the table.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final String SELECT_UNSENT = "SELECT id, event_key, payload, created_at FROM revocation_outbox "
            + "WHERE sent_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED";
    private static final String MARK_SENT = "UPDATE revocation_outbox SET sent_at = $2, attempts = attempts + 1 "
            + "WHERE id = ANY($1)";
    private static final String MARK_FAILED = "UPDATE revocation_outbox SET attempts = attempts + 1, last_error = $2 "
            + "WHERE id = ANY($1)";
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
        wakeUps.release();
    }

    private void run() {
        Duration backoff = config.relay().pollInterval();
        while (running) {
            boolean moreWaiting = false;
            try {
                moreWaiting = relayOnce() == config.relay().batchSize();
                backoff = config.relay().pollInterval();
            } catch (RuntimeException e) {
                Log.warnf("Revocation outbox relay: %s; retrying in %s", e.getMessage(), backoff);
                // At most a second between tries: once the broker is back, what waited in the outbox goes out at
                // once, since a resource server whose view is fresh again cannot see a revocation still waiting here
                backoff = min(backoff.multipliedBy(2), Duration.ofSeconds(1));
            }
            pruneWhenDue();
            if (!moreWaiting) {
                await(backoff);
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
            if (!topicChecked) {
                // Checked once there is something to send, not at start, where an admin client costs every start.
                RevocationTopic.ensureExists(kafka, config);
                topicChecked = true;
            }
            List<CompletableFuture<?>> acks = rows.stream()
                    .<CompletableFuture<?>>map(r -> publisher.publish(r.getString("event_key"), r.getString("payload")))
                    .toList();
            List<Long> sent = new ArrayList<>();
            List<Long> notSent = new ArrayList<>();
            String lastError = null;
            long deadline = System.nanoTime() + config.relay().ackTimeout().plusSeconds(2).toNanos();
            for (int i = 0; i < rows.size(); i++) {
                try {
                    acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    sent.add(rows.get(i).getLong("id"));
                    delay.record(Duration.between(rows.get(i).getOffsetDateTime("created_at").toInstant(), Instant.now()));
                } catch (Exception e) {
                    notSent.add(rows.get(i).getLong("id"));
                    lastError = rootMessage(e);
                }
            }
            if (!sent.isEmpty()) {
                connection.preparedQuery(MARK_SENT)
                        .execute(Tuple.of(sent.toArray(Long[]::new), OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC)))
                        .await().atMost(Duration.ofSeconds(10));
            }
            if (!notSent.isEmpty()) {
                connection.preparedQuery(MARK_FAILED).execute(Tuple.of(notSent.toArray(Long[]::new), lastError))
                        .await().atMost(Duration.ofSeconds(10));
            }
            tx.commit().await().atMost(Duration.ofSeconds(10));
            published.increment(sent.size());
            failed.increment(notSent.size());
            if (!notSent.isEmpty()) {
                throw new IllegalStateException(notSent.size() + " event(s) not acknowledged by Kafka (" + lastError + ")");
            }
            return sent.size();
        } finally {
            connection.close().await().atMost(Duration.ofSeconds(10));
        }
    }

    private void await(Duration duration) {
        try {
            if (wakeUps.tryAcquire(duration.toMillis(), TimeUnit.MILLISECONDS)) {
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
