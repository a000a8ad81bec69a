package io.bankbridge.token.dpop;

import io.bankbridge.dpop.DPoPProofVerifier;

/**
 * The key a token request proved possession of (RFC 9449), as its JWK SHA-256 thumbprint, or none: what the tokens
 * it yields are bound to.
 */
public record DPoPBinding(String jkt) {

    public static final DPoPBinding NONE = new DPoPBinding(null);

    public boolean bound() {
        return jkt != null;
    }

    /** {@code DPoP} for a bound token, {@code Bearer} otherwise (RFC 9449 §5). */
    public String tokenType() {
        return bound() ? DPoPProofVerifier.TOKEN_TYPE : "Bearer";
    }

    /** Whether a token bound to {@code boundJkt} (null: unbound) may be used with this request's key. */
    public boolean matches(String boundJkt) {
        return boundJkt == null || boundJkt.equals(jkt);
    }
}
