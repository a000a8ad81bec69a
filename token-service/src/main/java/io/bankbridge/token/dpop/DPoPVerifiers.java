package io.bankbridge.token.dpop;

import io.bankbridge.dpop.DPoPProofVerifier;
import io.bankbridge.dpop.ProofPolicy;
import io.quarkus.logging.Log;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;

/** Builds this server's DPoP proof verifier from {@link DPoPConfig}. */
public class DPoPVerifiers {

    @Produces
    @Singleton
    DPoPProofVerifier verifier(DPoPConfig config, InstantSource clock) {
        byte[] key = config.nonce().key().filter(k -> !k.isBlank()).map(k -> Base64.getDecoder().decode(k.trim()))
                .orElseGet(() -> {
                    Log.warn("bankbridge.dpop.nonce.key is not set: DPoP nonces use a random key, which replicas do "
                            + "not share");
                    byte[] random = new byte[32];
                    new SecureRandom().nextBytes(random);
                    return random;
                });
        return new DPoPProofVerifier(new ProofPolicy(ProofPolicy.parseAlgorithms(config.algorithms()),
                config.iatWindow(), config.nonce().required(), config.nonce().window(), key,
                config.maxReplayEntries()), clock);
    }
}
