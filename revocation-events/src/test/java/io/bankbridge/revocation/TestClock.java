package io.bankbridge.revocation;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** The application's time in tests: the system clock, moved forward when a test needs a day to pass. */
@ApplicationScoped
public class TestClock implements InstantSource {

    private volatile Duration ahead = Duration.ZERO;

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }

    void advance(Duration duration) {
        ahead = ahead.plus(duration);
    }
}
