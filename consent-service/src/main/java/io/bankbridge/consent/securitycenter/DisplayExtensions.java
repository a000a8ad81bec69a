package io.bankbridge.consent.securitycenter;

import io.bankbridge.contract.cluster.DataCluster;
import io.quarkus.qute.TemplateExtension;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the Security Center pages print instants and data clusters for people. An instant is rendered in UTC inside a
 * {@code <time datetime>} element; the pages' one script rewrites it in the browser's own time zone.
 */
@TemplateExtension
final class DisplayExtensions {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?Z");

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
        return DataCluster.find(cluster).map(DisplayExtensions::label).orElse(cluster);
    }

    /**
     * A history line in plain words: history was written with data cluster codes and ISO instants
     * ("Data cluster TRANSACTIONS removed", "until 2027-03-01T10:00:00Z"), which a customer reads as their labels and
     * as dates.
     */
    static String inWords(String text) {
        if (text == null) {
            return null;
        }
        String words = INSTANT.matcher(text).replaceAll(m -> Matcher.quoteReplacement(instantInWords(m.group())));
        words = words.replace("Data cluster ", "");
        for (DataCluster cluster : DataCluster.values()) {
            words = words.replaceAll("\\b" + cluster.wireName() + "\\b", Matcher.quoteReplacement(label(cluster)));
        }
        return words;
    }

    private static String instantInWords(String iso) {
        try {
            return display(Instant.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    /** What sharing the cluster means, in plain words. */
    static String explanation(String cluster) {
        return DataCluster.find(cluster).map(DisplayExtensions::explanation).orElse("");
    }

    private static String label(DataCluster cluster) {
        return switch (cluster) {
            case ACCOUNT_BASIC -> "Account names and types";
            case ACCOUNT_DETAILED -> "Balances and account details";
            case ACCOUNT_PAYMENTS -> "Account and routing numbers";
            case TRANSACTIONS -> "Transactions";
            case CUSTOMER_CONTACT -> "Contact details";
            case CUSTOMER_PERSONAL -> "Personal details";
        };
    }

    private static String explanation(DataCluster cluster) {
        return switch (cluster) {
            case ACCOUNT_BASIC -> "The name and type of each account you chose, and the last digits of its number.";
            case ACCOUNT_DETAILED ->
                    "How much is in each account you chose (current and available balance), and for cards the credit limit.";
            case ACCOUNT_PAYMENTS ->
                    "The full account and routing numbers, so the app can set up payments to or from the account.";
            case TRANSACTIONS ->
                    "What went in and out of the accounts you chose: dates, amounts and who was paid, including past months.";
            case CUSTOMER_CONTACT -> "Your name, email address, phone number and postal address.";
            case CUSTOMER_PERSONAL -> "Details that confirm who you are, such as your name and date of birth.";
        };
    }
}
