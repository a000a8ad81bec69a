package io.bankbridge.contract.token;

/**
 * RFC 9068 §2.1: an access token's JOSE header says {@code typ: at+jwt}, so an ID token signed by the same key never
 * passes for one. Media type names compare case-insensitively and the {@code application/} prefix may be left out
 * (RFC 7515 §4.1.9), so both spellings are accepted.
 */
public final class AccessTokenType {

    /** What token-service writes into the header. */
    public static final String TYP = "at+jwt";
    /** The full media type, which a header may carry instead. */
    public static final String MEDIA_TYPE = "application/" + TYP;

    private AccessTokenType() {
    }

    /** Whether a JOSE {@code typ} header value names an access token; null is not one. */
    public static boolean isAccessToken(String typ) {
        return TYP.equalsIgnoreCase(typ) || MEDIA_TYPE.equalsIgnoreCase(typ);
    }
}
