package io.bankbridge.contract.token;

/** Claim (and introspection member) names the services read from each other's tokens, beyond the registered ones. */
public final class Claims {

    /** The OAuth client the token was issued to (RFC 9068). */
    public static final String CLIENT_ID = "client_id";
    /** The consent (the grant) behind a provider's token. */
    public static final String CONSENT_ID = "consent_id";
    /** The same consent under Grant Management's name. */
    public static final String GRANT_ID = "grant_id";
    /** The customer logins a Security Center session speaks for (the signed-in one and those linked to it). */
    public static final String CUSTOMER_IDS = "customer_ids";
    /** RFC 7800 confirmation; a DPoP-bound token carries the key's thumbprint in it. */
    public static final String CONFIRMATION = "cnf";
    /** RFC 9449: the member of {@code cnf} holding the JWK SHA-256 thumbprint. */
    public static final String CONFIRMATION_JKT = "jkt";
    /** RFC 9396 rich authorization requests: the request parameter, the token response and grant member. */
    public static final String AUTHORIZATION_DETAILS = "authorization_details";

    private Claims() {
    }
}
