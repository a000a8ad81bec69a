package io.bankbridge.contract.token;

import java.util.List;

/**
 * Scope names beyond the data clusters (which are scopes of their own name, see
 * {@link io.bankbridge.contract.cluster.DataCluster}): OpenID's, the provider's grant management scopes and the
 * internal scopes (one per capability, see {@link InternalScope}).
 */
public final class Scopes {

    public static final String OPENID = "openid";

    /** Grant Management for OAuth 2.0: read a grant at the grant management endpoint. */
    public static final String GRANT_MANAGEMENT_QUERY = "grant_management_query";
    /** Grant Management for OAuth 2.0: revoke a grant at the grant management endpoint. */
    public static final String GRANT_MANAGEMENT_REVOKE = "grant_management_revoke";
    /** The only scopes of a provider's grant management token. */
    public static final List<String> GRANT_MANAGEMENT = List.of(GRANT_MANAGEMENT_QUERY, GRANT_MANAGEMENT_REVOKE);

    /** Every internal scope starts so; no provider scope does. */
    public static final String INTERNAL_PREFIX = "internal.";
    public static final String INTERNAL_ACCOUNTS_LIST = INTERNAL_PREFIX + "accounts.list";
    public static final String INTERNAL_CONSENTS_DECIDE = INTERNAL_PREFIX + "consents.decide";
    public static final String INTERNAL_CONSENTS_READ = INTERNAL_PREFIX + "consents.read";
    public static final String INTERNAL_ACCESS_LOG_READ = INTERNAL_PREFIX + "access-log.read";
    public static final String INTERNAL_INGEST = INTERNAL_PREFIX + "ingest";
    public static final String INTERNAL_RECEIPTS_SIGN = INTERNAL_PREFIX + "receipts.sign";

    private Scopes() {
    }
}
