package io.bankbridge.token.login;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HashingBoundTest {

    private static final int ARGON2_KIB = 19_456;

    @Test
    void permitsFollowTheHeapAndTheCores() {
        assertEquals(3, HashingBound.permitsFor(256L << 20, 2, 0.25, ARGON2_KIB), "256 MiB heap: 64 MiB / 19 MiB");
        assertEquals(4, HashingBound.permitsFor(4L << 30, 2, 0.25, ARGON2_KIB), "plenty of heap: twice the cores");
        assertEquals(1, HashingBound.permitsFor(32L << 20, 8, 0.25, ARGON2_KIB), "tiny heap: still one");
    }

    @Test
    void beyondThePermitsAndTheQueueASignInIsTurnedAwayAtOnce() throws InterruptedException {
        HashingBound bound = new HashingBound(1, 1, Duration.ofSeconds(10));
        CountDownLatch release = new CountDownLatch(1);
        var first = occupy(bound, release);
        var queued = bound.run(() -> "queued").subscribeAsCompletionStage();

        assertThrows(HashingBound.Busy.class, () -> bound.run(() -> "third").await().atMost(Duration.ofSeconds(5)));
        release.countDown();
        assertEquals("first", first.join());
        assertEquals("queued", queued.join());
    }

    @Test
    void aSignInThatWaitedTooLongForAPermitIsTurnedAway() throws InterruptedException {
        // A wait long enough for the first sign-in to get its thread on a busy machine, and held well beyond it
        HashingBound bound = new HashingBound(1, 4, Duration.ofSeconds(1));
        CountDownLatch release = new CountDownLatch(1);
        occupy(bound, release);
        var waiting = bound.run(() -> "late").subscribeAsCompletionStage();
        Thread.sleep(2_500);
        release.countDown();

        var failure = assertThrows(java.util.concurrent.CompletionException.class, waiting::join);
        assertEquals(HashingBound.Busy.class, failure.getCause().getClass());
    }

    /** Takes the bound's only permit until {@code release}; the answer once released is "first". */
    private static CompletableFuture<String> occupy(HashingBound bound, CountDownLatch release) throws InterruptedException {
        CountDownLatch running = new CountDownLatch(1);
        CompletableFuture<String> first = bound.run(() -> {
            running.countDown();
            await(release);
            return "first";
        }).subscribeAsCompletionStage();
        assertTrue(running.await(5, TimeUnit.SECONDS), "the first sign-in holds the permit");
        return first;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
