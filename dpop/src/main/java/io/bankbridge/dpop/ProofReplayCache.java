package io.bankbridge.dpop;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPIssuer;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.util.singleuse.AlreadyUsedException;
import com.nimbusds.oauth2.sdk.util.singleuse.SingleUseChecker;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code jti}s of accepted proofs, per client, for as long as their {@code iat} could still pass (RFC 9449 §11.1):
 * a proof is accepted once. Per replica (a proof replayed to another replica within the {@code iat} window is caught
 * by the nonce, whose window is short, rather than here).
 *
 * <p>Bounded, and never by forgetting: a proof is remembered for its whole lifetime, timed on the server's clock as
 * its {@code iat} is. Once {@code maxEntries} proofs are remembered, a new one is refused ({@link Full}) until older
 * ones age out, rather than let an earlier one pass a second time. Each is remembered by a 128-bit digest of client
 * and {@code jti} (about 135 bytes an entry).
 */
final class ProofReplayCache implements SingleUseChecker<Map.Entry<DPoPIssuer, JWTID>> {

    /** Space above the bound for proofs checked at the same moment on several threads: the cache never evicts. */
    private static final long CONCURRENT_HEADROOM = 1_024;
    private static final long WARN_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final System.Logger LOG = System.getLogger(ProofReplayCache.class.getName());

    private final Cache<Seen, Boolean> seen;
    private final long maxEntries;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);

    /** A proof's client and {@code jti}, as the first 128 bits of their SHA-256. */
    private record Seen(long high, long low) {
    }

    /** No room to remember another proof now: the request is refused, never let through unchecked. */
    static final class Full extends RuntimeException {
        Full() {
            super("this server has accepted too many DPoP proofs within their lifetime to remember another one; "
                    + "send a new proof in a few seconds", null, false, false);
        }
    }

    ProofReplayCache(Duration lifetime, long maxEntries, InstantSource clock) {
        this.maxEntries = maxEntries;
        this.seen = Caffeine.newBuilder().expireAfterWrite(lifetime)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .maximumSize(Math.min(maxEntries, Long.MAX_VALUE - CONCURRENT_HEADROOM) + CONCURRENT_HEADROOM)
                .build();
    }

    @Override
    public void markAsUsed(Map.Entry<DPoPIssuer, JWTID> used) throws AlreadyUsedException {
        Seen key = digest(used.getKey() == null ? "" : used.getKey().getValue(), used.getValue().getValue());
        if (seen.estimatedSize() >= maxEntries && seen.getIfPresent(key) == null) {
            seen.cleanUp();
            if (seen.estimatedSize() >= maxEntries) {
                warnFull();
                throw new Full();
            }
        }
        if (seen.asMap().putIfAbsent(key, Boolean.TRUE) != null) {
            throw new AlreadyUsedException("the proof was used before");
        }
    }

    private void warnFull() {
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarning.compareAndSet(last, now)) {
            LOG.log(System.Logger.Level.WARNING, "DPoP proofs refused: {0} proofs are remembered for replay detection, "
                    + "the bound (bankbridge.dpop.max-replay-entries); new proofs pass again as older ones age out",
                    maxEntries);
        }
    }

    private static Seen digest(String client, String jti) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
        sha256.update((client.length() + ":" + client).getBytes(StandardCharsets.UTF_8));
        ByteBuffer hash = ByteBuffer.wrap(sha256.digest(jti.getBytes(StandardCharsets.UTF_8)));
        return new Seen(hash.getLong(), hash.getLong());
    }
}
