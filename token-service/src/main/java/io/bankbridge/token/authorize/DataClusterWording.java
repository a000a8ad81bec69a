package io.bankbridge.token.authorize;

import java.util.Map;

/** The FDX data clusters in the words a customer reads on the consent page. */
final class DataClusterWording {

    private static final Map<String, String> WORDS = Map.of(
            "ACCOUNT_BASIC", "Basic account information: account name, type and the last digits of its number",
            "ACCOUNT_DETAILED", "Account details, including balances",
            "ACCOUNT_PAYMENTS", "Account and routing numbers, to set up payments",
            "TRANSACTIONS", "Transactions, including past transaction history",
            "CUSTOMER_CONTACT", "Your contact information: name, email address, phone number and postal address",
            "CUSTOMER_PERSONAL", "Personal information used to confirm who you are");

    private DataClusterWording() {
    }

    static String describe(String cluster) {
        return WORDS.getOrDefault(cluster, cluster);
    }
}
