package io.bankbridge.accountdata.security.dpop;

import io.bankbridge.dpop.DPoPProofVerifier;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Where nonces are required, every answer to a DPoP request carries a fresh one (RFC 9449 §9, {@code DPoP-Nonce}). */
public class DPoPNonceHeader {

    private final SenderConstraint constraint;

    DPoPNonceHeader(SenderConstraint constraint) {
        this.constraint = constraint;
    }

    @ServerResponseFilter
    public void offerNonce(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getHeaderString(DPoPProofVerifier.HEADER) == null
                || response.getHeaders().containsKey(DPoPProofVerifier.NONCE_HEADER)) {
            return;
        }
        String nonce = constraint.nonceToOffer();
        if (nonce != null) {
            response.getHeaders().putSingle(DPoPProofVerifier.NONCE_HEADER, nonce);
        }
    }
}
