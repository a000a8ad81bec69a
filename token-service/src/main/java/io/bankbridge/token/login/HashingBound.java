package io.bankbridge.token.login;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The bound on password hashing: each Argon2id run holds its memory cost (19 MiB by default) on the heap, so only
 * a fixed number run at once, a few more wait briefly in a bounded queue, and everything beyond is refused with
 * {@link Busy} (the sign-in page answers 503 with {@code Retry-After}). However many sign-ins arrive at once, hashing
 * never holds more than {@code permits × memory cost} of heap.
 */
@ApplicationScoped
public class HashingBound {

    /** Hashing is at its bound: the caller should answer "try again in a moment". */
    public static final class Busy extends RuntimeException {

        Busy() {
            super("password hashing is at its bound", null, false, false);
        }
    }

    private final int permits;
    private final Duration maxWait;
    private final ThreadPoolExecutor executor;

    @Inject
    HashingBound(LoginConfig config) {
        this(config.hashing().permits().orElse(permitsFor(Runtime.getRuntime().maxMemory(),
                        Runtime.getRuntime().availableProcessors(), config.hashing().heapShare(), config.argon2().memoryKib())),
                config.hashing().queue(), config.hashing().maxWait());
        Log.infof("Password hashing: at most %d at once, %d waiting up to %s (max heap %d MiB)", permits,
                config.hashing().queue(), maxWait, Runtime.getRuntime().maxMemory() >> 20);
    }

    HashingBound(int permits, int queue, Duration maxWait) {
        this.permits = Math.max(1, permits);
        this.maxWait = maxWait;
        AtomicInteger threads = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(this.permits, this.permits, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, queue)), runnable -> {
                    Thread thread = new Thread(runnable, "password-hashing-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /**
     * How many hashes may run at once: max(1, min(2 × cores, heap × share / memory cost)). Twice the cores because
     * a hash is pure CPU, more would only queue on the cores; the heap share keeps the rest of the heap for
     * everything else the service does.
     */
    static int permitsFor(long maxHeapBytes, int cores, double heapShare, int memoryKib) {
        long byHeap = (long) (maxHeapBytes * heapShare) / (memoryKib * 1024L);
        return (int) Math.max(1, Math.min(2L * cores, byHeap));
    }

    public int permits() {
        return permits;
    }

    /** Runs {@code hash} within the bound; fails with {@link Busy} when the queue is full or the wait too long. */
    public <T> Uni<T> run(Supplier<T> hash) {
        return Uni.createFrom().emitter(emitter -> {
            long queuedAt = System.nanoTime();
            try {
                executor.execute(() -> {
                    if (System.nanoTime() - queuedAt > maxWait.toNanos()) {
                        emitter.fail(new Busy());
                        return;
                    }
                    try {
                        emitter.complete(hash.get());
                    } catch (RuntimeException e) {
                        emitter.fail(e);
                    }
                });
            } catch (RejectedExecutionException e) {
                emitter.fail(new Busy());
            }
        });
    }

    void onStop(@Observes ShutdownEvent ignored) {
        executor.shutdownNow();
    }
}
