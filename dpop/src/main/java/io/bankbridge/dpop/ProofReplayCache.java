package io.bankbridge.dpop;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.oauth2.sdk.dpop.verifiers.DPoPIssuer;
import com.nimbusds.oauth2.sdk.id.JWTID;
import com.nimbusds.oauth2.sdk.util.singleuse.AlreadyUsedException;
import com.nimbusds.oauth2.sdk.util.singleuse.SingleUseChecker;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code jti}s of accepted proofs, per client, for as long as their {@code iat} could still pass (RFC 9449 §11.1):
 * a proof is accepted once. Bounded; per replica (a proof replayed to another replica within the {@code iat} window is
 * caught by the nonce, whose window is short, rather than here).
 */
final class ProofReplayCache implements SingleUseChecker<Map.Entry<DPoPIssuer, JWTID>> {

    private final Cache<String, Boolean> seen;

    ProofReplayCache(Duration lifetime, long maxEntries) {
        this.seen = Caffeine.newBuilder().expireAfterWrite(lifetime).maximumSize(maxEntries).build();
    }

    @Override
    public void markAsUsed(Map.Entry<DPoPIssuer, JWTID> used) throws AlreadyUsedException {
        String issuer = used.getKey() == null ? "" : used.getKey().getValue();
        String key = issuer.length() + ":" + issuer + used.getValue().getValue();
        if (seen.asMap().putIfAbsent(key, Boolean.TRUE) != null) {
            throw new AlreadyUsedException("the proof was used before");
        }
    }
}
