package io.bankbridge.accountdata.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What the data API does while this instance's revocation view is stale (the bound itself is
 * {@code bankbridge.revocations.consumer.freshness-bound}): it asks the owners of the grant, and this says what to do
 * when they cannot answer either ({@code bankbridge.freshness.*}).
 */
@ConfigMapping(prefix = "bankbridge.freshness")
public interface FreshnessConfig {

    /** What a request gets while the view is stale and an owner cannot answer. */
    enum WhenOwnerUnreachable {
        /** 503 with {@code Retry-After}: no data is served that might belong to a revoked grant (fail closed). */
        REFUSE,
        /** Decide on the local view alone, as if it were fresh: availability over the revocation bound. */
        SERVE
    }

    /** Default {@code refuse}: a bank that must keep serving through a double outage sets {@code serve}. */
    @WithDefault("refuse")
    WhenOwnerUnreachable whenOwnerUnreachable();

    /** Owner answers remembered while the view is stale, each for at most the bound minus the owner time-out. */
    @WithDefault("100000")
    int maxAnswers();
}
