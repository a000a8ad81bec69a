package io.bankbridge.token.dpop;

import io.bankbridge.dpop.DPoPProofVerifier;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Hands a fresh nonce (RFC 9449 §8.2, {@code DPoP-Nonce}) to every client that sent a DPoP proof, success or not, so
 * that its next proof carries a current one without a {@code use_dpop_nonce} round trip.
 */
public class DPoPNonceHeader {

    private final DPoPProofVerifier verifier;

    DPoPNonceHeader(DPoPProofVerifier verifier) {
        this.verifier = verifier;
    }

    @ServerResponseFilter
    public void offerNonce(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getHeaderString(DPoPProofVerifier.HEADER) != null
                && !response.getHeaders().containsKey(DPoPProofVerifier.NONCE_HEADER)) {
            response.getHeaders().putSingle(DPoPProofVerifier.NONCE_HEADER, verifier.currentNonce());
        }
    }
}
