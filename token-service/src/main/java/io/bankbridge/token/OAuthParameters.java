package io.bankbridge.token;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The form parameters of an OAuth request. RFC 6749 §3.1: a parameter sent more than once is an
 * {@code invalid_request}; an empty value counts as absent.
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
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> OAuthException.invalidRequest(name + " is missing"));
    }

    /** The first (by name) parameter sent more than once, if any. */
    public Optional<String> repeated() {
        return values.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey).sorted().findFirst();
    }

    public boolean has(String name) {
        return optional(name).isPresent();
    }
}
