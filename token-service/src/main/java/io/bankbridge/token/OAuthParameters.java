package io.bankbridge.token;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The form parameters of an OAuth request. RFC 6749 §3.1: a parameter sent more than once is an
 * {@code invalid_request}; an empty value counts as absent. A value with a control character other than tab and
 * line breaks (a NUL above all) is an {@code invalid_request} too: no parameter value carries one, and none reaches
 * the database.
 */
public record OAuthParameters(Map<String, List<String>> values) {

    public static OAuthParameters of(MultivaluedMap<String, String> form) {
        return new OAuthParameters(form == null ? Map.of() : Map.copyOf(form));
    }

    public Optional<String> optional(String name) {
        List<String> list = values.get(name);
        if (list == null || list.isEmpty()) {
            return Optional.empty();
        }
        if (list.size() > 1) {
            throw OAuthException.invalidRequest(name + " is repeated");
        }
        String value = list.get(0);
        if (value != null && hasControlCharacter(value)) {
            throw OAuthException.invalidRequest(name + " contains a control character");
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> OAuthException.invalidRequest(name + " is missing"));
    }

    /** The first (by name) parameter sent more than once, if any. */
    public Optional<String> repeated() {
        return repeated(values.keySet());
    }

    /** The first (by name) of {@code names} sent more than once, if any: the parameters an endpoint reads. */
    public Optional<String> repeated(Collection<String> names) {
        return names.stream().filter(name -> values.getOrDefault(name, List.of()).size() > 1).sorted().findFirst();
    }

    /** The first (by name) parameter with a control character in a value, if any. */
    public Optional<String> withControlCharacter() {
        return values.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(v -> v != null && hasControlCharacter(v)))
                .map(Map.Entry::getKey).sorted().findFirst();
    }

    private static boolean hasControlCharacter(String value) {
        return value.chars().anyMatch(c -> c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f);
    }

    public boolean has(String name) {
        return optional(name).isPresent();
    }
}
