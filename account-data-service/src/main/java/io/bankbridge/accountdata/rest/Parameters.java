package io.bankbridge.accountdata.rest;

import java.util.regex.Pattern;

/**
 * The documented shape of this service's path and query parameters, checked before a value reaches a query: a
 * value of the wrong shape is 400 naming the parameter, never a database error.
 */
public final class Parameters {

    /** Identifiers (customer, account, consent, transaction ids) as the bank's core systems issue them. */
    public static final String ID_SHAPE = "1 to 128 characters: letters, digits, '.', '_', ':' or '-'";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private Parameters() {
    }

    /** {@code value} if it has the shape of an identifier, else 400 naming {@code name}. */
    public static String id(String name, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw ApiProblem.badRequest(name + " must be " + ID_SHAPE + ".");
        }
        return value;
    }

    /** An optional whole number between {@code min} and {@code max}; {@code fallback} when absent. */
    public static int count(String name, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        int parsed;
        try {
            parsed = value.length() > 10 ? Integer.MIN_VALUE : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            parsed = Integer.MIN_VALUE;
        }
        if (parsed < min || parsed > max) {
            throw ApiProblem.badRequest(name + " must be a whole number between " + min + " and " + max + ".");
        }
        return parsed;
    }
}
