package io.bankbridge.consent.securitycenter;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * How the Security Center pages print instants and data clusters for people. An instant is rendered in UTC inside a
 * {@code <time datetime>} element; the pages' one script rewrites it in the browser's own time zone.
 */
@TemplateExtension
final class DisplayExtensions {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static final Map<String, String> CLUSTERS = Map.of(
            "ACCOUNT_BASIC", "Account names and types",
            "ACCOUNT_DETAILED", "Balances and account details",
            "ACCOUNT_PAYMENTS", "Account and routing numbers",
            "TRANSACTIONS", "Transactions",
            "CUSTOMER_CONTACT", "Contact details",
            "CUSTOMER_PERSONAL", "Personal details");

    private static final Map<String, String> EXPLANATIONS = Map.of(
            "ACCOUNT_BASIC", "The name and type of each account you chose, and the last digits of its number.",
            "ACCOUNT_DETAILED", "How much is in each account you chose (current and available balance), and for cards the credit limit.",
            "ACCOUNT_PAYMENTS", "The full account and routing numbers, so the app can set up payments to or from the account.",
            "TRANSACTIONS", "What went in and out of the accounts you chose: dates, amounts and who was paid, including past months.",
            "CUSTOMER_CONTACT", "Your name, email address, phone number and postal address.",
            "CUSTOMER_PERSONAL", "Details that confirm who you are, such as your name and date of birth.");

    private DisplayExtensions() {
    }

    static String display(Instant at) {
        return at == null ? "—" : WHEN.format(at);
    }

    /** The instant as a {@code datetime} attribute takes it (ISO 8601, UTC). */
    static String iso(Instant at) {
        return at == null ? "" : at.toString();
    }

    static String label(String cluster) {
        return CLUSTERS.getOrDefault(cluster, cluster);
    }

    /** What sharing the cluster means, in plain words. */
    static String explanation(String cluster) {
        return EXPLANATIONS.getOrDefault(cluster, "");
    }
}
