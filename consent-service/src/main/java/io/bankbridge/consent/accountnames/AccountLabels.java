package io.bankbridge.consent.accountnames;

import io.quarkus.qute.TemplateData;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the pages call each account: its nickname and the last four digits of its number ("Everyday Card ••••1234"),
 * never the whole number and never the bank's internal id.
 */
@TemplateData
public record AccountLabels(Map<String, String> byAccountId) {

    /** An account account-data-service does not list (closed, moved, or the service is unavailable right now). */
    public static final String UNKNOWN = "An account (details unavailable)";

    private static final Pattern DIGIT = Pattern.compile("\\d");

    public AccountLabels {
        byAccountId = Map.copyOf(byAccountId);
    }

    public String label(String accountId) {
        return byAccountId.getOrDefault(accountId, UNKNOWN);
    }

    /**
     * {@code text} with the id of every listed account, and of each of {@code alsoIds}, replaced by its name: history
     * entries were written with the ids. Longer ids first, so that one id that starts another is not replaced inside it.
     */
    public String inText(String text, List<String> alsoIds) {
        if (text == null) {
            return null;
        }
        String named = text;
        for (String id : Stream.concat(byAccountId.keySet().stream(), alsoIds.stream()).distinct()
                .sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            named = named.replaceAll("(?<![\\w-])" + Pattern.quote(id) + "(?![\\w-])", Matcher.quoteReplacement(label(id)));
        }
        return named;
    }

    static String label(AccountSummary account) {
        String name = account.nickname() == null || account.nickname().isBlank()
                ? typeName(account.accountType()) : account.nickname().strip();
        String digits = account.maskedNumber() == null ? "" : DIGIT.matcher(account.maskedNumber()).results()
                .map(m -> m.group()).reduce("", String::concat);
        // Only the last four digits, whatever the core system sent as the masked number.
        String last = digits.length() > 4 ? digits.substring(digits.length() - 4) : digits;
        return last.isEmpty() ? name : name + " ••••" + last;
    }

    private static String typeName(String type) {
        return switch (type == null ? "" : type) {
            case "CARD" -> "Card";
            case "SAVINGS" -> "Savings account";
            case "CHECKING" -> "Checking account";
            default -> "Account";
        };
    }
}
