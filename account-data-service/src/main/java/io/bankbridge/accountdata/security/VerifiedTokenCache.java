package io.bankbridge.accountdata.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.bankbridge.accountdata.config.ProviderApiConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;

/**
 * Tokens already verified, keyed by the SHA-256 of the whole compact token, kept until their {@code exp}.
 *
 * <p>quarkus-oidc verifies a JWT's signature on every request (its token cache covers introspection and UserInfo
 * only), and a provider reuses one access token for many calls: a PS256 verification costs about 40 µs of CPU,
 * a hash lookup about 2 µs. The key is a hash of the exact token bytes, so a token differing in any bit is verified
 * afresh. Bounded ({@code bankbridge.provider-api.token-cache.max-entries}): beyond it Caffeine drops the entries
 * least likely to be used again, and a dropped token is simply verified again on its next call.
 */
@ApplicationScoped
public class VerifiedTokenCache {

    private final boolean benchMode;
    private volatile boolean enabled;
    private final Cache<String, VerifiedToken> tokens;
    private final MessageDigest prototype;

    VerifiedTokenCache(ProviderApiConfig config, MeterRegistry registry, InstantSource clock) {
        this.enabled = config.tokenCache().enabled();
        this.benchMode = config.benchMode();
        this.tokens = Caffeine.newBuilder()
                .maximumSize(config.tokenCache().maxEntries())
                .expireAfter(Expiry.creating((String key, VerifiedToken token) ->
                        Duration.between(clock.instant(), token.expiresAt())))
                .build();
        try {
            this.prototype = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        registry.gauge("bankbridge.verified.tokens", List.of(), tokens, Cache::estimatedSize);
    }

    /** Benchmark only: measures what verifying every token costs. */
    public void setEnabled(boolean on) {
        if (!benchMode) {
            throw new IllegalStateException("the token cache can only be switched at run time in bench mode");
        }
        this.enabled = on;
        tokens.invalidateAll();
    }

    /** The verified claims of this exact token, if it was verified before and has not expired. */
    public VerifiedToken get(String token, Instant now) {
        if (!enabled) {
            return null;
        }
        VerifiedToken verified = tokens.getIfPresent(key(token));
        // Caffeine expires on its own clock; the token's exp is the rule.
        return verified == null || !now.isBefore(verified.expiresAt()) ? null : verified;
    }

    public void put(String token, VerifiedToken verified, Instant now) {
        if (!enabled || verified.expiresAt() == null || !now.isBefore(verified.expiresAt())) {
            return;
        }
        tokens.put(key(token), verified);
    }

    /** How many tokens are remembered, after pending evictions have run. */
    public long size() {
        tokens.cleanUp();
        return tokens.estimatedSize();
    }

    private String key(String token) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) prototype.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
        return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.US_ASCII)));
    }
}
