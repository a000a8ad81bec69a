package io.bankbridge.token.client;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** The FDX data clusters a provider may ask for; each is also an OAuth scope of the same name. */
public enum DataCluster {
    ACCOUNT_BASIC, ACCOUNT_DETAILED, ACCOUNT_PAYMENTS, TRANSACTIONS, CUSTOMER_CONTACT, CUSTOMER_PERSONAL;

    public static final Set<String> NAMES = Arrays.stream(values()).map(Enum::name)
            .collect(Collectors.toUnmodifiableSet());

    public static boolean isCluster(String name) {
        return NAMES.contains(name);
    }
}
