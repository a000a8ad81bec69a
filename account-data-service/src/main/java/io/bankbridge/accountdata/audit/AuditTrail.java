package io.bankbridge.accountdata.audit;

import io.bankbridge.accountdata.config.AuditConfig;
import io.bankbridge.accountdata.model.AccessRecord;
import io.bankbridge.accountdata.repository.AccessLogRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The data-access audit log's write side. A request only offers its record to a bounded queue (no I/O on the
 * request path); one writer thread drains it and inserts whole batches in one statement each. If the database is
 * slow the batch is retried; if the queue overflows, records are counted as dropped rather than slowing requests.
 */
@ApplicationScoped
public class AuditTrail {

    private final AccessLogRepository repository;
    private final BlockingQueue<AccessRecord> queue;
    private final int batchSize;
    private final Duration flushInterval;
    private final Counter dropped;
    private final Counter written;
    private volatile boolean running;
    private Thread writer;

    AuditTrail(AccessLogRepository repository, AuditConfig config, MeterRegistry registry) {
        this.repository = repository;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.batchSize = config.batchSize();
        this.flushInterval = config.flushInterval();
        this.dropped = registry.counter("bankbridge.audit.dropped");
        this.written = registry.counter("bankbridge.audit.written");
        registry.gaugeCollectionSize("bankbridge.audit.pending", List.of(), queue);
    }

    void start(@Observes StartupEvent ignored) {
        running = true;
        writer = Thread.ofPlatform().name("audit-writer").daemon().start(this::run);
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        if (writer != null) {
            writer.interrupt();
            try {
                writer.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flushAll();
    }

    /** Never blocks. */
    public void record(AccessRecord record) {
        if (!queue.offer(record)) {
            dropped.increment();
        }
    }

    private void run() {
        while (running) {
            try {
                AccessRecord first = queue.poll(flushInterval.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<AccessRecord> batch = new ArrayList<>(batchSize);
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                write(batch);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void flushAll() {
        List<AccessRecord> batch = new ArrayList<>();
        while (queue.drainTo(batch, batchSize) > 0) {
            write(batch);
            batch = new ArrayList<>();
        }
    }

    private void write(List<AccessRecord> batch) {
        for (int attempt = 1; attempt <= 3; attempt++) {
            try {
                repository.insert(batch).await().atMost(Duration.ofSeconds(10));
                written.increment(batch.size());
                return;
            } catch (RuntimeException e) {
                Log.warnf("Audit batch of %d not written (attempt %d): %s", batch.size(), attempt, e.getMessage());
            }
        }
        dropped.increment(batch.size());
    }
}
