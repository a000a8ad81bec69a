package io.bankbridge.consent.security.dpop;

import io.bankbridge.dpop.DPoPProofVerifier;
import io.bankbridge.dpop.ProofPolicy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.InstantSource;

/** Builds the provider API's DPoP proof verifier from {@link DPoPConfig}. */
public class DPoPVerifiers {

    @Produces
    @Singleton
    DPoPProofVerifier verifier(DPoPConfig config, InstantSource clock) {
        return new DPoPProofVerifier(ProofPolicy.of(config.algorithms(), config.iatWindow(), config.nonce().required(),
                config.nonce().window(), config.nonce().key(), config.maxReplayEntries()), clock);
    }
}
