package io.bankbridge.dpop;

/**
 * A DPoP proof a server refuses, with the RFC 9449 error code: {@code invalid_dpop_proof} (§5, §7.1),
 * {@code use_dpop_nonce} (§8, §9) with the nonce to use, or at a resource server {@code invalid_token} for a token
 * presented under the wrong scheme (§7.1, §7.2). Each service renders it in its own error format.
 */
public final class DPoPRefusal extends RuntimeException {

    /** RFC 9449 error codes. */
    public enum Code {
        INVALID_DPOP_PROOF("invalid_dpop_proof"),
        USE_DPOP_NONCE("use_dpop_nonce"),
        INVALID_TOKEN("invalid_token");

        private final String value;

        Code(String value) {
            this.value = value;
        }

        public String value() {
            return value;
        }
    }

    private final Code code;
    private final String nonce;

    private DPoPRefusal(Code code, String description, String nonce) {
        super(description, null, false, false);
        this.code = code;
        this.nonce = nonce;
    }

    public static DPoPRefusal invalidProof(String description) {
        return new DPoPRefusal(Code.INVALID_DPOP_PROOF, description, null);
    }

    public static DPoPRefusal invalidToken(String description) {
        return new DPoPRefusal(Code.INVALID_TOKEN, description, null);
    }

    public static DPoPRefusal useNonce(String description, String nonce) {
        return new DPoPRefusal(Code.USE_DPOP_NONCE, description, nonce);
    }

    public Code code() {
        return code;
    }

    public String description() {
        return getMessage();
    }

    /** The nonce to send back in {@code DPoP-Nonce}; null unless the code is {@code use_dpop_nonce}. */
    public String nonce() {
        return nonce;
    }
}
