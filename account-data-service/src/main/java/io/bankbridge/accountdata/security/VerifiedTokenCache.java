package io.bankbridge.accountdata.security;

import io.bankbridge.accountdata.config.ProviderApiConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens already verified, keyed by the SHA-256 of the whole compact token, kept until their {@code exp}.
 *
 * <p>quarkus-oidc verifies a JWT's signature on every request (its token cache covers introspection and UserInfo
 * only), and a provider reuses one access token for many calls: a PS256 verification costs about 40 µs of CPU,
 * a hash lookup about 2 µs. The key is a hash of the exact token bytes, so a token differing in any bit is verified
 * afresh. Bounded: when full, expired entries are dropped, and if it is still full new tokens are simply verified
 * every time.
 */
@ApplicationScoped
public class VerifiedTokenCache {

    private final boolean benchMode;
    private final int maxEntries;
    private volatile boolean enabled;
    private final Map<String, VerifiedToken> tokens = new ConcurrentHashMap<>();
    private final MessageDigest prototype;

    VerifiedTokenCache(ProviderApiConfig config, MeterRegistry registry) {
        this.enabled = config.tokenCache().enabled();
        this.benchMode = config.benchMode();
        this.maxEntries = config.tokenCache().maxEntries();
        try {
            this.prototype = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        registry.gaugeMapSize("bankbridge.verified.tokens", java.util.List.of(), tokens);
    }

    /** Benchmark only: measures what verifying every token costs. */
    public void setEnabled(boolean on) {
        if (!benchMode) {
            throw new IllegalStateException("the token cache can only be switched at run time in bench mode");
        }
        this.enabled = on;
        tokens.clear();
    }

    /** The verified claims of this exact token, if it was verified before and has not expired. */
    public VerifiedToken get(String token, Instant now) {
        if (!enabled) {
            return null;
        }
        String key = key(token);
        VerifiedToken verified = tokens.get(key);
        if (verified == null) {
            return null;
        }
        if (!now.isBefore(verified.expiresAt())) {
            tokens.remove(key, verified);
            return null;
        }
        return verified;
    }

    public void put(String token, VerifiedToken verified, Instant now) {
        if (!enabled || verified.expiresAt() == null) {
            return;
        }
        if (tokens.size() >= maxEntries) {
            tokens.values().removeIf(v -> !now.isBefore(v.expiresAt()));
            if (tokens.size() >= maxEntries) {
                return;
            }
        }
        tokens.put(key(token), verified);
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
