package io.bankbridge.token.login;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Demo data for the local stack: customer logins following the shared demo convention, and the demo provider
 * (seeded by the provider registry, which reads its two settings by name).
 */
@ConfigMapping(prefix = "bankbridge.demo")
public interface DemoConfig {

    /** Seed demo data at start (never in a real deployment). */
    @WithDefault("false")
    boolean enabled();

    /** Number of demo persons; person i has {@code card.demo{i}} and {@code savings.demo{i}}. */
    @WithDefault("20")
    int customers();

    /** Where to write a short text listing the demo logins (the local stack prints it). */
    Optional<Path> loginsFile();

    /** Where the demo provider's private JWK is written. */
    Optional<String> providerKeyFile();

    /** The demo provider's registered redirect URI. */
    @WithDefault("http://localhost:8090/callback")
    String providerRedirectUri();
}
