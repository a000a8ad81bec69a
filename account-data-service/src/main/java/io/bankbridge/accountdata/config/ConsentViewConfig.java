package io.bankbridge.accountdata.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Bounds of the in-memory consent view and of what revocation events leave behind in memory and in the database. */
@ConfigMapping(prefix = "bankbridge.consent-view")
public interface ConsentViewConfig {

    /** Consents held in memory; beyond it the least useful are dropped and asked of consent-service again on use. */
    @WithDefault("100000")
    int maxConsents();

    /** A consent not used for this long is dropped, and asked of consent-service again on its next use. */
    @WithDefault("PT1H")
    Duration consentIdle();

    /**
     * Revoked token ids held in memory. Should the bound ever be reached, every token issued before the moment a
     * revoked id had to be dropped is refused (providers refresh): a revoked token is never honoured again.
     */
    @WithDefault("1000000")
    int maxRevokedTokens();

    /**
     * Ended consents and suspended providers held in memory (consent-service stays the authority on consents).
     * Should a suspension ever have to be dropped for room, every provider token issued before is refused.
     */
    @WithDefault("100000")
    int maxEnded();

    /**
     * The longest lifetime token-service gives an access token. What a revocation event says about tokens (a
     * revoked id, a provider suspension) is kept this long plus {@link #retentionMargin()}: by then every token it
     * concerns has expired.
     */
    @WithDefault("PT5M")
    Duration accessTokenLifetime();

    /** Added to the access-token lifetime for clock skew between the services. */
    @WithDefault("PT1M")
    Duration retentionMargin();

    /** How often revoked token ids older than the retention are deleted from the database. */
    @WithDefault("1m")
    String pruneEvery();

    default Duration retention() {
        return accessTokenLifetime().plus(retentionMargin());
    }
}
