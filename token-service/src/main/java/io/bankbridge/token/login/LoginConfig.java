package io.bankbridge.token.login;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Configuration of customer sign-in: throttling, temporary lockout, the cost of the password hash and its bound. */
@ConfigMapping(prefix = "bankbridge.login")
public interface LoginConfig {

    /** Temporary lockout of a user name after repeated failed sign-ins. */
    Lockout lockout();

    /** Slowing down a source address after repeated failed sign-ins. */
    Throttle throttle();

    /** How many password hashes may run at once. */
    Hashing hashing();

    /** Argon2id cost for new password hashes (stored hashes carry their own parameters). */
    Argon2 argon2();

    /**
     * Temporary lockout after repeated failed sign-ins of one user name (from any source). The lock only applies to
     * source addresses that have failed themselves, so an attacker cannot lock the customer out of their own
     * device; and it is short.
     */
    interface Lockout {

        /** Failures within {@link #duration()} that lock a user name. */
        @WithDefault("5")
        int maxFailures();

        /** How long a user name stays locked; failures older than this are forgotten. */
        @WithDefault("PT5M")
        Duration duration();
    }

    /**
     * Per source address: after {@link #freeFailures()} failures, each further attempt waits
     * {@code min(maxDelay, baseDelay × 2^(failures - freeFailures - 1))} after the last failure, and is refused
     * without checking the password before that. Failures older than {@link #window()} are forgotten.
     */
    interface Throttle {

        /** Failures a source may make before it is slowed down. */
        @WithDefault("3")
        int freeFailures();

        /** The first delay; it doubles with every further failure. */
        @WithDefault("PT1S")
        Duration baseDelay();

        /** The longest delay. */
        @WithDefault("PT1M")
        Duration maxDelay();

        /** How long a source's failures are remembered after its last one. */
        @WithDefault("PT15M")
        Duration window();
    }

    /**
     * The bound on concurrent password hashing, each run holding the Argon2 memory cost on the heap. Unless set,
     * {@code permits = max(1, min(2 × cores, max heap × heapShare / memory cost))}: 3 with a 256 MiB heap.
     */
    interface Hashing {

        /** Hashes run at once; computed from the heap when absent. */
        Optional<Integer> permits();

        /** Share of the maximum heap that hashing may hold. */
        @WithDefault("0.25")
        double heapShare();

        /** Sign-ins that may wait for a permit; beyond them a sign-in is answered 503 at once. */
        @WithDefault("16")
        int queue();

        /** How long a sign-in may wait for a permit before it is answered 503. */
        @WithDefault("PT2S")
        Duration maxWait();

        /** The {@code Retry-After} of that 503. */
        @WithDefault("PT2S")
        Duration retryAfter();
    }

    /** Argon2id parameters; defaults follow the OWASP password storage recommendation (19 MiB, 2 passes). */
    interface Argon2 {

        @WithDefault("19456")
        int memoryKib();

        @WithDefault("2")
        int iterations();

        @WithDefault("1")
        int parallelism();
    }
}
