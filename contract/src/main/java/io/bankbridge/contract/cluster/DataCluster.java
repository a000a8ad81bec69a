package io.bankbridge.contract.cluster;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The FDX data clusters a provider asks for, a consent covers and a token's {@code scope} lists (each is also an OAuth
 * scope of the same name). Declaration order is the order pages list them in. Names are matched exactly (case
 * sensitive); a name that is not a cluster is an error, never silently dropped.
 */
public enum DataCluster {

    ACCOUNT_BASIC(Names.ACCOUNT_BASIC, Subject.ACCOUNT),
    ACCOUNT_DETAILED(Names.ACCOUNT_DETAILED, Subject.ACCOUNT),
    ACCOUNT_PAYMENTS(Names.ACCOUNT_PAYMENTS, Subject.ACCOUNT),
    TRANSACTIONS(Names.TRANSACTIONS, Subject.ACCOUNT),
    CUSTOMER_CONTACT(Names.CUSTOMER_CONTACT, Subject.CUSTOMER),
    CUSTOMER_PERSONAL(Names.CUSTOMER_PERSONAL, Subject.CUSTOMER);

    /** The wire names as constants, for annotations (which need compile-time constants). */
    public static final class Names {
        public static final String ACCOUNT_BASIC = "ACCOUNT_BASIC";
        public static final String ACCOUNT_DETAILED = "ACCOUNT_DETAILED";
        public static final String ACCOUNT_PAYMENTS = "ACCOUNT_PAYMENTS";
        public static final String TRANSACTIONS = "TRANSACTIONS";
        public static final String CUSTOMER_CONTACT = "CUSTOMER_CONTACT";
        public static final String CUSTOMER_PERSONAL = "CUSTOMER_PERSONAL";
        /**
         * Every name, separated by {@code |}: a regular expression matching exactly one cluster's name (for a
         * {@code @Pattern} constraint), and readable as the list of them.
         */
        public static final String ANY = ACCOUNT_BASIC + "|" + ACCOUNT_DETAILED + "|" + ACCOUNT_PAYMENTS + "|" + TRANSACTIONS
                + "|" + CUSTOMER_CONTACT + "|" + CUSTOMER_PERSONAL;
        /**
         * {@link #ANY} anchored, for a {@code @Pattern} the OpenAPI document publishes: JSON Schema searches a pattern
         * anywhere in the value, Bean Validation matches it whole, and anchored the two agree.
         */
        public static final String ONE = "^(?:" + ANY + ")$";

        private Names() {
        }
    }

    /** What a cluster describes: each account the consent names, or the customer. */
    public enum Subject { ACCOUNT, CUSTOMER }

    private static final List<String> WIRE_NAMES = Arrays.stream(values()).map(DataCluster::wireName).toList();

    private final String wireName;
    private final Subject subject;

    DataCluster(String wireName, Subject subject) {
        this.wireName = wireName;
        this.subject = subject;
    }

    /** The name in requests, scopes, consents and events. */
    public String wireName() {
        return wireName;
    }

    public Subject subject() {
        return subject;
    }

    /** Every cluster's wire name, in display order. */
    public static List<String> wireNames() {
        return WIRE_NAMES;
    }

    /** The cluster of that exact name, or empty: the caller decides what an unknown name means where it reads it. */
    public static Optional<DataCluster> find(String name) {
        return Arrays.stream(values()).filter(c -> c.wireName.equals(name)).findFirst();
    }

    public static boolean isKnown(String name) {
        return find(name).isPresent();
    }

    /** The cluster of that exact name. */
    public static DataCluster parse(String name) {
        return find(name).orElseThrow(() -> new UnknownDataClusterException(name));
    }

    /** Every named cluster; one unknown name fails the whole list rather than narrowing it. */
    public static Set<DataCluster> parseAll(Collection<String> names) {
        Set<DataCluster> clusters = EnumSet.noneOf(DataCluster.class);
        for (String name : names) {
            clusters.add(parse(name));
        }
        return clusters;
    }
}
