package io.bankbridge.accountdata.security;

import io.bankbridge.contract.cluster.DataCluster;
import io.bankbridge.contract.token.Scopes;

/**
 * The permissions a caller's identity can hold here, as the resources name them in {@code @PermissionsAllowed}.
 * Internal permissions are the internal scopes themselves (one per capability); provider permissions are the data
 * clusters the consent grants and the token asked for. Dots, never colons: a colon would split a permission into
 * a name and an action.
 */
public final class Permissions {

    /** token-service lists a customer's accounts for the consent page's account picker; consent-service names them in the Security Center. */
    public static final String ACCOUNTS_LIST = Scopes.INTERNAL_ACCOUNTS_LIST;
    /** The bank's core systems write customers, accounts, balances and transactions. */
    public static final String INGEST = Scopes.INTERNAL_INGEST;
    /** consent-service reads the data-access log for the Security Center. */
    public static final String ACCESS_LOG_READ = Scopes.INTERNAL_ACCESS_LOG_READ;

    private static final String CLUSTER_PREFIX = "cluster.";

    // One permission per data cluster, CLUSTER_PREFIX + its wire name (of(DataCluster) builds the same at run time).
    public static final String ACCOUNT_BASIC = CLUSTER_PREFIX + DataCluster.Names.ACCOUNT_BASIC;
    public static final String ACCOUNT_DETAILED = CLUSTER_PREFIX + DataCluster.Names.ACCOUNT_DETAILED;
    public static final String ACCOUNT_PAYMENTS = CLUSTER_PREFIX + DataCluster.Names.ACCOUNT_PAYMENTS;
    public static final String TRANSACTIONS = CLUSTER_PREFIX + DataCluster.Names.TRANSACTIONS;
    public static final String CUSTOMER_PERSONAL = CLUSTER_PREFIX + DataCluster.Names.CUSTOMER_PERSONAL;
    public static final String CUSTOMER_CONTACT = CLUSTER_PREFIX + DataCluster.Names.CUSTOMER_CONTACT;

    private Permissions() {
    }

    /** The permission a data cluster grants. */
    public static String of(DataCluster cluster) {
        return CLUSTER_PREFIX + cluster.wireName();
    }

    /** The scope a permission stands for, as an RFC 6750 {@code scope} attribute names it. */
    public static String scopeOf(String permission) {
        return permission.startsWith(CLUSTER_PREFIX) ? permission.substring(CLUSTER_PREFIX.length()) : permission;
    }
}
