package io.bankbridge.dpop;

import com.nimbusds.jose.JWSAlgorithm;
import java.time.Duration;
import java.util.List;

/**
 * How a server checks DPoP proofs (RFC 9449 §4.3, §8, §9).
 *
 * @param algorithms       the proof algorithms accepted and advertised, asymmetric only (never {@code none} or HS*)
 * @param iatWindow        how far a proof's {@code iat} may lie from the server's clock, either way; a proof's
 *                         {@code jti} is remembered twice as long
 * @param nonceRequired    whether every proof must carry a nonce this server issued ({@code use_dpop_nonce} otherwise)
 * @param nonceWindow      how long one nonce is current; the previous window's nonce is still accepted
 * @param nonceKey         HMAC key the nonces derive from: the same on every replica, so any replica accepts any
 *                         replica's nonce without shared state
 * @param maxReplayEntries bound on the remembered {@code jti}s: at the bound a new proof is refused until older ones
 *                         age out, none is forgotten early
 */
public record ProofPolicy(List<JWSAlgorithm> algorithms, Duration iatWindow, boolean nonceRequired,
                          Duration nonceWindow, byte[] nonceKey, long maxReplayEntries) {

    public ProofPolicy {
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("at least one DPoP proof algorithm is needed");
        }
        for (JWSAlgorithm alg : algorithms) {
            if (!JWSAlgorithm.Family.EC.contains(alg) && !JWSAlgorithm.Family.RSA.contains(alg)) {
                throw new IllegalArgumentException("not an asymmetric signature algorithm: " + alg);
            }
        }
        algorithms = List.copyOf(algorithms);
        if (iatWindow.isNegative() || iatWindow.isZero() || nonceWindow.isNegative() || nonceWindow.isZero()) {
            throw new IllegalArgumentException("DPoP windows must be positive");
        }
        if (maxReplayEntries < 1) {
            throw new IllegalArgumentException("the DPoP replay bound must be at least 1, not " + maxReplayEntries);
        }
        if (nonceKey.length < 32) {
            throw new IllegalArgumentException("the DPoP nonce key needs at least 256 bits");
        }
    }

    /** The advertised algorithm names, space-separated as the {@code algs} challenge parameter wants them. */
    public String algorithmNames() {
        return String.join(" ", algorithms.stream().map(JWSAlgorithm::getName).toList());
    }

    /**
     * A policy from configuration values: algorithm names, and the nonce key in base64, or empty for a random key
     * (which replicas then do not share: a single instance only).
     */
    public static ProofPolicy of(List<String> algorithms, Duration iatWindow, boolean nonceRequired,
                                 Duration nonceWindow, java.util.Optional<String> base64NonceKey, long maxReplayEntries) {
        byte[] key = base64NonceKey.filter(k -> !k.isBlank()).map(ProofPolicy::decodeKey)
                .orElseGet(() -> {
                    byte[] random = new byte[32];
                    new java.security.SecureRandom().nextBytes(random);
                    return random;
                });
        return new ProofPolicy(parseAlgorithms(algorithms), iatWindow, nonceRequired, nonceWindow, key,
                maxReplayEntries);
    }

    /** Base64 in either alphabet (RFC 4648 §4 or §5), padded or not. */
    private static byte[] decodeKey(String base64) {
        String key = base64.trim();
        return (key.indexOf('-') >= 0 || key.indexOf('_') >= 0 ? java.util.Base64.getUrlDecoder()
                : java.util.Base64.getDecoder()).decode(key);
    }

    /** Parses algorithm names (e.g. {@code ES256}, {@code PS256}) from configuration. */
    public static List<JWSAlgorithm> parseAlgorithms(List<String> names) {
        return names.stream().map(String::trim).filter(n -> !n.isEmpty()).map(JWSAlgorithm::parse).toList();
    }
}
