package io.bankbridge.accountdata.model;

import java.util.EnumSet;
import java.util.Set;

/** The FDX data clusters a consent grants; the token's {@code scope} lists them. */
public enum DataCluster {
    ACCOUNT_BASIC, ACCOUNT_DETAILED, ACCOUNT_PAYMENTS, TRANSACTIONS, CUSTOMER_CONTACT, CUSTOMER_PERSONAL;

    /** The clusters named in a space-separated scope or a list; unknown names are ignored. */
    public static Set<DataCluster> parse(Iterable<String> names) {
        Set<DataCluster> clusters = EnumSet.noneOf(DataCluster.class);
        for (String name : names) {
            for (DataCluster c : values()) {
                if (c.name().equals(name)) {
                    clusters.add(c);
                }
            }
        }
        return clusters;
    }
}
