package io.bankbridge.revocation;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.InstantSource;

/**
 * The time the library writes and compares (an outbox row's {@code sent_at}, its retention): the system clock,
 * unless the application provides an {@link InstantSource} (a {@code Clock} counts), as tests do to move time.
 */
@Singleton
class SystemTime {

    @Produces
    @DefaultBean
    @Singleton
    InstantSource systemTime() {
        return InstantSource.system();
    }
}
