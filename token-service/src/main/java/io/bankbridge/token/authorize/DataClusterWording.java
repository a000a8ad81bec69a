package io.bankbridge.token.authorize;

import io.bankbridge.contract.cluster.DataCluster;

/** The FDX data clusters in the words a customer reads on the consent page. */
final class DataClusterWording {

    private DataClusterWording() {
    }

    /** The cluster's words; a name this build does not know (the request was checked at PAR) is shown as it is. */
    static String describe(String cluster) {
        return DataCluster.find(cluster).map(DataClusterWording::describe).orElse(cluster);
    }

    private static String describe(DataCluster cluster) {
        return switch (cluster) {
            case ACCOUNT_BASIC -> "Basic account information: account name, type and the last digits of its number";
            case ACCOUNT_DETAILED -> "Account details, including balances";
            case ACCOUNT_PAYMENTS -> "Account and routing numbers, to set up payments";
            case TRANSACTIONS -> "Transactions, including past transaction history";
            case CUSTOMER_CONTACT -> "Your contact information: name, email address, phone number and postal address";
            case CUSTOMER_PERSONAL -> "Personal information used to confirm who you are";
        };
    }
}
