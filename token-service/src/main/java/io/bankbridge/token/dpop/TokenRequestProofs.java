package io.bankbridge.token.dpop;

import io.bankbridge.dpop.DPoPProofVerifier;
import io.bankbridge.dpop.DPoPRefusal;
import io.bankbridge.token.client.RegisteredClient;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The DPoP proof of a request to {@code /token} or {@code /par} (RFC 9449 §5, §10), once its client is authenticated.
 * {@code htu} is the endpoint's URL under the issuer: the public URL clients use, whatever Host header a proxy
 * forwards.
 */
@ApplicationScoped
public class TokenRequestProofs {

    /** A JWK SHA-256 thumbprint: 32 bytes, base64url without padding. */
    private static final Pattern THUMBPRINT = Pattern.compile("[A-Za-z0-9_-]{43}");

    private final DPoPProofVerifier verifier;
    private final String issuer;

    TokenRequestProofs(DPoPProofVerifier verifier, @ConfigProperty(name = "bankbridge.issuer") String issuer) {
        this.verifier = verifier;
        this.issuer = issuer;
    }

    /**
     * The key a token request proved, if it sent a proof. A client registered with
     * {@code dpop_bound_access_tokens} must send one (RFC 9449 §5.2).
     *
     * @throws DPoPRefusal if the proof is missing for such a client, or does not pass
     */
    public DPoPBinding tokenRequest(RegisteredClient client, List<String> proofs, String path) {
        String jkt = verifier.verifyTokenRequest(proofs, URI.create(issuer + path), client.clientId());
        if (jkt == null && client.dpopBoundAccessTokens()) {
            throw DPoPRefusal.invalidProof("this client must send a DPoP proof with its token requests");
        }
        return new DPoPBinding(jkt);
    }

    /**
     * The key a pushed authorization request binds its code to (RFC 9449 §10): the {@code dpop_jkt} parameter, the
     * key of the proof sent along, or both when they agree; null if neither is there.
     *
     * @throws DPoPRefusal if the proof does not pass, {@code dpop_jkt} is not a thumbprint, or the two disagree
     */
    public String pushedRequest(RegisteredClient client, List<String> proofs, String path, Optional<String> dpopJkt) {
        String proven = verifier.verifyTokenRequest(proofs, URI.create(issuer + path), client.clientId());
        if (dpopJkt.isEmpty()) {
            return proven;
        }
        String declared = dpopJkt.get();
        if (!THUMBPRINT.matcher(declared).matches()) {
            throw DPoPRefusal.invalidProof("dpop_jkt is not a JWK SHA-256 thumbprint");
        }
        if (proven != null && !proven.equals(declared)) {
            throw DPoPRefusal.invalidProof("dpop_jkt differs from the key of the DPoP proof");
        }
        return declared;
    }
}
