package io.bankbridge.token.generator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random opaque values (codes, refresh tokens, request URIs, client secrets) and the SHA-256 form they are stored
 * in. These values carry 256 bits of entropy, so a fast hash is enough: there is nothing to guess, and the database
 * never holds a usable value.
 */
public final class OpaqueValues {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private OpaqueValues() {
    }

    /** 256 random bits, base64url. */
    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return URL.encodeToString(bytes);
    }

    /** SHA-256 of the value, base64url: what the database stores. */
    public static String hash(String value) {
        return URL.encodeToString(sha256(value));
    }

    /** Compares a presented value with a stored hash in constant time. */
    public static boolean matches(String presented, String storedHash) {
        if (presented == null || storedHash == null) {
            return false;
        }
        return MessageDigest.isEqual(hash(presented).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** RFC 7636 S256: base64url(SHA-256(ASCII(verifier))). */
    public static String s256(String verifier) {
        return hash(verifier);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
