package io.bankbridge.consent.security.dpop;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** DPoP proofs with provider access tokens on the provider consent API (RFC 9449 §7): {@code bankbridge.dpop.*}. */
@ConfigMapping(prefix = "bankbridge.dpop")
public interface DPoPConfig {

    /**
     * This API's URL as providers call it (scheme, host, port, no trailing slash): a proof's {@code htu} is checked
     * against it plus the request path, never against the Host header a proxy forwards.
     */
    String publicUrl();

    /**
     * Proof algorithms accepted and named in the challenge's {@code algs}; asymmetric only. PS256 first: a proof is
     * verified on every call, and PS256 verifies about ten times faster than ES256. ES256 stays accepted because many
     * DPoP clients use P-256 keys; a bank that wants the throughput back sets {@code PS256} alone.
     */
    @WithDefault("PS256,ES256")
    List<String> algorithms();

    /** How far a proof's {@code iat} may lie from this server's clock, either way. */
    @WithDefault("PT30S")
    Duration iatWindow();

    /**
     * Bound on the proof {@code jti}s remembered for replay detection, each for twice the {@code iat} window and a
     * second (about 135 bytes each): at the bound a new proof is refused ({@code invalid_dpop_proof}) until older ones
     * age out; none is forgotten early.
     */
    @WithDefault("100000")
    long maxReplayEntries();

    Nonce nonce();

    /** Resource server nonces (RFC 9449 §9). */
    interface Nonce {

        /** Whether every proof must carry a nonce this API issued ({@code use_dpop_nonce} otherwise). */
        @WithDefault("false")
        boolean required();

        /** How long one nonce is current; the previous window's is accepted too. */
        @WithDefault("PT2M")
        Duration window();

        /** Base64 HMAC key (≥ 256 bits) shared by every replica (env {@code BANKBRIDGE_DPOP_NONCE_KEY}). */
        Optional<String> key();
    }
}
