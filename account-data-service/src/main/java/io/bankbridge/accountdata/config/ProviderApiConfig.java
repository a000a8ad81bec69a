package io.bankbridge.accountdata.config;

import io.bankbridge.contract.token.Audiences;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/** Configuration of the provider data API: paging, enforcement, the verified-token cache and the per-provider rate limit. */
@ConfigMapping(prefix = "bankbridge.provider-api")
public interface ProviderApiConfig {

    /** Audience a provider access token must carry. */
    @WithDefault(Audiences.API)
    String audience();

    /** Audience an internal access token must carry. */
    @WithDefault(Audiences.INTERNAL)
    String internalAudience();

    Transactions transactions();

    /**
     * Key that signs transaction paging cursors (env {@code BANKBRIDGE_CURSOR_KEY}); the same on every replica. Unset:
     * derived from the internal client secret in production, random per start in dev and test.
     */
    Optional<String> cursorKey();

    TokenCache tokenCache();

    RateLimit rateLimit();

    /**
     * Benchmark only: allows the token and consent check to be switched off at run time so that its share of the
     * request cost can be measured. Refused at start in the prod profile.
     */
    @WithDefault("false")
    boolean benchMode();

    /** Transaction paging. */
    interface Transactions {
        /** Page size when the request gives no {@code limit}. */
        @WithDefault("25")
        int defaultLimit();

        /** Largest page a request may ask for. */
        @WithDefault("500")
        int maxLimit();
    }

    /** Tokens whose signature was verified once, kept until they expire (providers reuse a token for many calls). */
    interface TokenCache {
        @WithDefault("true")
        boolean enabled();

        /** Bound on the number of remembered tokens; beyond it the least useful entries are dropped (and verified again when they come back). */
        @WithDefault("100000")
        int maxEntries();
    }

    /** Token bucket per provider (OAuth client id). */
    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Sustained requests per second a provider may make. */
        @WithDefault("50")
        double requestsPerSecond();

        /** Bucket size: how many requests a provider may burst. */
        @WithDefault("100")
        int burst();

        /** Per-provider overrides, keyed by client id. */
        Map<String, Limit> providers();

        interface Limit {
            double requestsPerSecond();

            int burst();
        }
    }
}
