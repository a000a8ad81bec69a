package io.bankbridge.token.keys;

import java.time.Duration;
import java.util.Optional;

/** Signing settings for tests that build {@link SigningKeys} by hand. */
record TestSigningSettings(String algorithm, Optional<String> keyFile, Optional<String> encryptionKey,
                           boolean allowUnencrypted, Duration refreshInterval, int rsaKeySize) implements SigningSettings {

    /** Keys of {@code algorithm} in the database, in clear, re-read every 30 s. */
    static TestSigningSettings database(String algorithm) {
        return new TestSigningSettings(algorithm, Optional.empty(), Optional.empty(), true, Duration.ofSeconds(30), 2048);
    }
}
