package io.bankbridge.testsupport;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's clock in every service's tests (it replaces the {@code Clock} or {@code InstantSource} the
 * service reads): the system clock in UTC, moved forward while a test needs days to pass, so tests move time
 * instead of rewriting rows. A test that moves it puts it back ({@link #reset}) before it ends, so later tests see
 * the real time.
 */
@Alternative
@Priority(1)
@Singleton
public class TestClock extends Clock {

    private volatile Duration ahead = Duration.ZERO;

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the services read UTC only");
    }

    /** The clock reads {@code duration} later than the real time from now on. */
    public void advanceTo(Duration duration) {
        ahead = duration;
    }

    /** The clock reads {@code duration} later than it did. */
    public void advance(Duration duration) {
        ahead = ahead.plus(duration);
    }

    /** The clock reads the real time again. */
    public void reset() {
        ahead = Duration.ZERO;
    }
}
