package io.bankbridge.consent.security;

/**
 * The names this service's security annotations use, and the token contract they are read from: one issuer
 * (token-service) signs every kind of token, so what a token may do follows from its audience and scopes only.
 */
public final class Access {

    /** Role of a provider calling with an access token for the provider API ({@code aud} {@value #PROVIDER_AUDIENCE}). */
    public static final String PROVIDER = "provider";
    /** Role of a customer signed in to the Security Center (code flow of the {@value #SECURITY_CENTER_TENANT} tenant). */
    public static final String CUSTOMER = "customer";

    /** Create, authorize, reject and revoke consents through the internal API (token-service). */
    public static final String CONSENTS_DECIDE = "internal.consents.decide";
    /** Read a consent through the internal API (account-data-service). */
    public static final String CONSENTS_READ = "internal.consents.read";
    /** Read account-data-service's access log: the scope this service asks for itself. */
    public static final String ACCESS_LOG_READ = "internal.access-log.read";
    /** List a customer's accounts in account-data-service (their names on the Security Center's pages): asked for too. */
    public static final String ACCOUNTS_LIST = "internal.accounts.list";

    /** Query one of the provider's grants ({@code GET /grants/{grant_id}}, Grant Management for OAuth 2.0). */
    public static final String GRANTS_QUERY = "grant_management_query";
    /** Revoke one of the provider's grants ({@code DELETE /grants/{grant_id}}). */
    public static final String GRANTS_REVOKE = "grant_management_revoke";

    /** Audience of provider access tokens. */
    public static final String PROVIDER_AUDIENCE = "bankbridge-api";
    /** Audience of the internal client_credentials tokens; only these carry internal capabilities. */
    public static final String INTERNAL_AUDIENCE = "bankbridge-internal";
    /**
     * Audience of a provider's grant management tokens (client_credentials); only these carry the
     * {@code grant_management_*} scopes, and they open nothing else.
     */
    public static final String GRANTS_AUDIENCE = "bankbridge-grants";
    /** The provider an access token was issued to. */
    static final String CLIENT_ID = "client_id";
    /** ID token claim listing the customers the signed-in login acts for. */
    static final String CUSTOMER_IDS = "customer_ids";

    /** The OIDC tenant of the Security Center's code flow, selected with {@code @Tenant} on its resources. */
    public static final String SECURITY_CENTER_TENANT = "security-center";

    private Access() {
    }
}
