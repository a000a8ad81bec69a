package io.bankbridge.consent.config;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/**
 * The one clock consent-service reads (expiry, expiry notices, history, events, form lifetimes): the system clock in
 * UTC. It is also the {@code InstantSource} revocation-events and the DPoP checks read, so that tests move one clock
 * instead of rows.
 */
public class Time {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
