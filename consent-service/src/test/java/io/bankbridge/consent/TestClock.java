package io.bankbridge.consent;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The application's clock in tests: the system clock in UTC, moved forward while a test needs days to pass. A test
 * that moves it puts it back ({@link #reset}) before it ends, so later tests see the real time.
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
        throw new UnsupportedOperationException("consent-service reads UTC only");
    }

    /** The clock reads {@code duration} later than the real time from now on. */
    void advanceTo(Duration duration) {
        ahead = duration;
    }

    void reset() {
        ahead = Duration.ZERO;
    }
}
