package io.bankbridge.dpop;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Server-issued DPoP nonces (RFC 9449 §8, §9) without state: the nonce of a time window is the HMAC-SHA256 of the
 * window's index under a key every replica shares (configuration, a Kubernetes Secret). The current and the previous
 * window's nonces are accepted, so a nonce lives between one and two windows and rotates by itself; any replica
 * recognises any replica's nonce without a database or a cache.
 */
public final class DPoPNonces {

    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final SecretKeySpec key;
    private final long windowMillis;
    private final InstantSource clock;

    public DPoPNonces(byte[] key, Duration window, InstantSource clock) {
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
        this.windowMillis = window.toMillis();
        this.clock = clock;
    }

    /** The nonce to hand out now ({@code DPoP-Nonce}). */
    public String current() {
        return forWindow(window());
    }

    /** Whether {@code nonce} is the current or the previous window's. */
    public boolean accepts(String nonce) {
        if (nonce == null || nonce.length() != 43) {
            return false;
        }
        long window = window();
        return same(nonce, forWindow(window)) || same(nonce, forWindow(window - 1));
    }

    private long window() {
        return Math.floorDiv(clock.millis(), windowMillis);
    }

    private String forWindow(long window) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return BASE64URL.encodeToString(mac.doFinal(ByteBuffer.allocate(Long.BYTES).putLong(window).array()));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static boolean same(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                b.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }
}
