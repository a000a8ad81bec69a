package io.bankbridge.consent.model;

import java.util.Arrays;

/** The FDX data clusters a consent can cover. */
public enum DataCluster {
    ACCOUNT_BASIC, ACCOUNT_DETAILED, ACCOUNT_PAYMENTS, TRANSACTIONS, CUSTOMER_CONTACT, CUSTOMER_PERSONAL;

    public static boolean isKnown(String name) {
        return Arrays.stream(values()).anyMatch(c -> c.name().equals(name));
    }
}
