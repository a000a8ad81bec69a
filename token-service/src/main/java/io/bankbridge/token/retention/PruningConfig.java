package io.bankbridge.token.retention;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How often tables are pruned and how long rows past their use are kept ({@code bankbridge.pruning.*}). */
@ConfigMapping(prefix = "bankbridge.pruning")
public interface PruningConfig {

    /** Interval between runs on each replica (a Quarkus scheduler interval, e.g. {@code 5m}). */
    @WithDefault("5m")
    String every();

    /**
     * How long an authorization code is kept after it expired: a replay within this time is still recognised as
     * one (and revokes what the first redemption issued) rather than as an unknown code.
     */
    @WithDefault("PT1H")
    Duration codeRetention();

    /**
     * Where refresh tokens are rotated: how long a replaced token is kept, so that its reuse is recognised and
     * recorded as a security event rather than answered as an unknown token.
     */
    @WithDefault("P30D")
    Duration rotatedRefreshTokenRetention();
}
