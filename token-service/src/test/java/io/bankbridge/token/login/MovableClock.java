package io.bankbridge.token.login;

import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * The service's clock in tests that move time (enabled per test profile). Time flows as usual unless a test stops
 * it, so that only {@link #advance} moves it and how long the machine takes between two steps does not matter.
 */
@Alternative
@Singleton
public class MovableClock implements InstantSource {

    private volatile Duration offset = Duration.ZERO;
    private volatile Instant stoppedAt;

    @Override
    public Instant instant() {
        Instant stopped = stoppedAt;
        return (stopped != null ? stopped : Instant.now()).plus(offset);
    }

    public void advance(Duration by) {
        offset = offset.plus(by);
    }

    /** From now on, time moves only by {@link #advance}. */
    public void stop() {
        stoppedAt = Instant.now();
    }

    /** Time flows again, from where it would have been. */
    public void resume() {
        stoppedAt = null;
    }
}
