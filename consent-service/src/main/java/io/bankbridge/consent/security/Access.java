package io.bankbridge.consent.security;

import io.bankbridge.contract.token.Audiences;
import io.bankbridge.contract.token.Scopes;

/**
 * The names this service's security annotations use, read from the shared token contract: one issuer
 * (token-service) signs every kind of token, so what a token may do follows from its audience and scopes only.
 */
public final class Access {

    /** Role of a provider calling with an access token for the provider API ({@code aud} {@value Audiences#API}). */
    public static final String PROVIDER = "provider";
    /** Role of a customer signed in to the Security Center (code flow of the {@value #SECURITY_CENTER_TENANT} tenant). */
    public static final String CUSTOMER = "customer";

    /** Record the customer's decision, amend and revoke consents through the internal API (token-service). */
    public static final String CONSENTS_DECIDE = Scopes.INTERNAL_CONSENTS_DECIDE;
    /** Read a consent through the internal API (account-data-service). */
    public static final String CONSENTS_READ = Scopes.INTERNAL_CONSENTS_READ;
    /** Read account-data-service's access log: the scope this service asks for itself. */
    public static final String ACCESS_LOG_READ = Scopes.INTERNAL_ACCESS_LOG_READ;
    /** List a customer's accounts in account-data-service (their names on the Security Center's pages): asked for too. */
    public static final String ACCOUNTS_LIST = Scopes.INTERNAL_ACCOUNTS_LIST;

    /** Query one of the provider's grants ({@code GET /grants/{grant_id}}, Grant Management for OAuth 2.0). */
    public static final String GRANTS_QUERY = Scopes.GRANT_MANAGEMENT_QUERY;
    /** Revoke one of the provider's grants ({@code DELETE /grants/{grant_id}}). */
    public static final String GRANTS_REVOKE = Scopes.GRANT_MANAGEMENT_REVOKE;


    /** The OIDC tenant of the Security Center's code flow, selected with {@code @Tenant} on its resources. */
    public static final String SECURITY_CENTER_TENANT = "security-center";

    private Access() {
    }
}
