package io.bankbridge.token.dpop;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** DPoP proofs at {@code /token} and {@code /par} (RFC 9449): {@code bankbridge.dpop.*}. */
@ConfigMapping(prefix = "bankbridge.dpop")
public interface DPoPConfig {

    /**
     * Proof algorithms accepted and advertised ({@code dpop_signing_alg_values_supported}); asymmetric only. PS256
     * first: the resource servers verify a proof on every call, and a PS256 verification costs about a tenth of an
     * ES256 one (measured on the data API: PS256 proofs cost a few per cent of its throughput, ES256 proofs three
     * quarters). ES256 stays accepted because many DPoP clients use P-256 keys; {@code PS256} alone trades that
     * interoperability for throughput.
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
    @WithDefault("250000")
    long maxReplayEntries();

    Nonce nonce();

    /** Server-issued nonces (RFC 9449 §8). */
    interface Nonce {

        /** Whether every proof must carry a nonce this server issued (FAPI 2.0 recommends it). */
        @WithDefault("true")
        boolean required();

        /** How long one nonce is current; the previous window's nonce is accepted too. */
        @WithDefault("PT2M")
        Duration window();

        /**
         * Base64 HMAC key (≥ 256 bits) the nonces derive from; every replica needs the same one (a Kubernetes Secret,
         * env {@code BANKBRIDGE_DPOP_NONCE_KEY}). Unset: a random key per start, which only suits a single instance.
         */
        Optional<String> key();
    }
}
