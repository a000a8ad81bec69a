package io.bankbridge.contract.token;

/** The RFC 9396 {@code authorization_details} types: token-service reads them, consent-service shows them back. */
public final class AuthorizationDetailTypes {

    /** Data clusters (and the accounts the customer chose) for a number of days. */
    public static final String DATA_ACCESS = "bankbridge_data_access";

    private AuthorizationDetailTypes() {
    }
}
