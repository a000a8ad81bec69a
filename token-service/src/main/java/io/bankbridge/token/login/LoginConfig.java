package io.bankbridge.token.login;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Configuration of customer sign-in: temporary lockout and the cost of the password hash. */
@ConfigMapping(prefix = "bankbridge.login")
public interface LoginConfig {

    /** Temporary lockout after repeated failed sign-ins. */
    Lockout lockout();

    /** Argon2id cost for new password hashes (stored hashes carry their own parameters). */
    Argon2 argon2();

    /** Temporary lockout after repeated failed sign-ins. */
    interface Lockout {

        /** Consecutive failures that lock a user name. */
        @WithDefault("5")
        int maxFailures();

        /** How long a user name stays locked; failures older than this are forgotten. */
        @WithDefault("PT15M")
        Duration duration();
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
