package io.bankbridge.consent.securitycenter;

import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** How the Security Center pages print instants and data clusters for people. */
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

    private DisplayExtensions() {
    }

    static String display(Instant at) {
        return at == null ? "—" : WHEN.format(at);
    }

    static String label(String cluster) {
        return CLUSTERS.getOrDefault(cluster, cluster);
    }
}
