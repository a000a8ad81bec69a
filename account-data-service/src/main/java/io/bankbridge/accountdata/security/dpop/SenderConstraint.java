package io.bankbridge.accountdata.security.dpop;

import io.bankbridge.accountdata.rest.ApiProblem;
import io.bankbridge.dpop.DPoPProofVerifier;
import io.bankbridge.dpop.DPoPRefusal;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;

/**
 * The DPoP check of every request with an access token (RFC 9449 §7), after the token itself is known to be genuine
 * (verified now, or earlier and cached): a token bound to a key ({@code cnf.jkt}) needs the {@code DPoP} scheme and a
 * fresh proof of that key for this method and URL and this token ({@code ath}); an unbound token must come as a bearer
 * token. The proof is checked on every request, never cached.
 */
@ApplicationScoped
public class SenderConstraint {

    private final DPoPProofVerifier verifier;
    private final String publicUrl;

    SenderConstraint(DPoPProofVerifier verifier, DPoPConfig config) {
        this.verifier = verifier;
        this.publicUrl = config.publicUrl();
    }

    /**
     * @param clientId the token's client (proof {@code jti}s are remembered per client)
     * @param tokenJkt the token's {@code cnf.jkt}, null for an unbound token
     * @throws ApiProblem 401 with the RFC 9449 challenge if the request does not pass
     */
    public void check(RoutingContext rc, String clientId, String tokenJkt) {
        DPoPPresentation.Presented presented = DPoPPresentation.of(rc);
        if (presented == null && tokenJkt == null) {
            return;
        }
        try {
            verifier.verifyPresentation(presented != null, presented == null ? List.of() : presented.proofs(),
                    rc.request().method().name(), URI.create(publicUrl + rc.request().path()), clientId,
                    presented == null ? null : presented.token(), tokenJkt);
        } catch (DPoPRefusal refused) {
            throw ApiProblem.dpop(verifier.challenge(refused.code().value(), refused.description()),
                    refused.description(), refused.nonce());
        } catch (IllegalArgumentException malformedPath) {
            throw ApiProblem.dpop(verifier.challenge("invalid_dpop_proof", null), "The request URL is malformed.", null);
        }
    }

    /** The nonce to offer with a successful answer, when this API requires nonces; null otherwise. */
    public String nonceToOffer() {
        return verifier.policy().nonceRequired() ? verifier.currentNonce() : null;
    }
}
