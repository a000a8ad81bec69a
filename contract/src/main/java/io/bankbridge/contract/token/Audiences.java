package io.bankbridge.contract.token;

/** The {@code aud} of the access tokens token-service mints, one per kind of caller. */
public final class Audiences {

    /** Providers' access tokens for the data API and their own consents. */
    public static final String API = "bankbridge-api";
    /** The bank's own services and systems (client_credentials with internal scopes). */
    public static final String INTERNAL = "bankbridge-internal";
    /** Providers' grant management tokens (client_credentials with {@code grant_management_*} scopes). */
    public static final String GRANTS = "bankbridge-grants";

    private Audiences() {
    }
}
