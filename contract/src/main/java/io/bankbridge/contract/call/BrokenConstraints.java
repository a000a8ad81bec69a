package io.bankbridge.contract.call;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * How every service words a request body that breaks its Bean Validation constraints, so a provider's developer reads
 * the same answer from each: one error per field ({@code accountIds[1]}, {@code transactions[0].amount}, or none
 * for the body itself) with what it must be, sorted by field, and the same in one line for the problem's
 * {@code detail}. A broken constraint on a value the service returns is the service's fault, not the request's.
 */
public final class BrokenConstraints {

    private static final Comparator<Map.Entry<String, String>> BY_FIELD = Map.Entry.<String, String>comparingByKey(
            Comparator.nullsFirst(Comparator.naturalOrder())).thenComparing(Map.Entry.comparingByValue());

    private BrokenConstraints() {
    }

    /** The broken constraints as the service's own error type, made by {@code error(field, message)}. */
    public static <T> List<T> errors(ConstraintViolationException e, BiFunction<String, String, T> error) {
        return sorted(e).stream().map(f -> error.apply(f.getKey(), f.getValue())).toList();
    }

    /** The broken constraints in one line: {@code requestedDurationDays must be between 1 and 365; ...}. */
    public static String detail(ConstraintViolationException e) {
        return sorted(e).stream().map(f -> f.getKey() == null ? f.getValue() : f.getKey() + " " + f.getValue())
                .collect(Collectors.joining("; "));
    }

    /** Whether a value the service returned broke a constraint: its own fault, to be answered as one. */
    public static boolean aboutAReturnValue(ConstraintViolationException e) {
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            for (Path.Node node : violation.getPropertyPath()) {
                if (node.getKind() == ElementKind.RETURN_VALUE) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<Map.Entry<String, String>> sorted(ConstraintViolationException e) {
        return e.getConstraintViolations().stream()
                .map(v -> new java.util.AbstractMap.SimpleImmutableEntry<>(field(v.getPropertyPath()), v.getMessage()))
                .<Map.Entry<String, String>>map(f -> f)
                .sorted(BY_FIELD)
                .toList();
    }

    /** Where a violation is in the body, or null for the body itself (the method and parameter are not named). */
    private static String field(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            if (node.isInIterable() && (node.getIndex() != null || node.getKey() != null)) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getKind() == ElementKind.PROPERTY) {
                field.append(field.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return field.isEmpty() ? null : field.toString();
    }
}
