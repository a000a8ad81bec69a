package io.bankbridge.token.dpop;

import io.bankbridge.dpop.DPoPProofVerifier;
import io.bankbridge.dpop.ProofPolicy;
import io.quarkus.logging.Log;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.InstantSource;

/** Builds this server's DPoP proof verifier from {@link DPoPConfig}. */
public class DPoPVerifiers {

    @Produces
    @Singleton
    DPoPProofVerifier verifier(DPoPConfig config, InstantSource clock) {
        if (config.nonce().key().filter(k -> !k.isBlank()).isEmpty()) {
            Log.warn("bankbridge.dpop.nonce.key is not set: DPoP nonces use a random key, which replicas do not share");
        }
        return new DPoPProofVerifier(ProofPolicy.of(config.algorithms(), config.iatWindow(), config.nonce().required(),
                config.nonce().window(), config.nonce().key(), config.maxReplayEntries()), clock);
    }
}
