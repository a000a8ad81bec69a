package io.bankbridge.deploy.k8s;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The resources one overlay renders to, with the lookups the checks need. */
record Manifests(String overlay, List<Map<String, Object>> resources) {

    /** Where a container's environment variable gets its value. */
    record EnvValue(String literal, String secretName, String secretKey, String origin) {

        boolean fromSecret() {
            return secretName != null;
        }
    }

    List<Map<String, Object>> ofKind(String kind) {
        return resources.stream().filter(r -> kind.equals(r.get("kind"))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).stream().filter(r -> name.equals(name(r))).findFirst();
    }

    static String name(Map<String, Object> resource) {
        return string(resource, "metadata", "name");
    }

    static List<Map<String, Object>> containers(Map<String, Object> deployment) {
        return maps(deployment, "spec", "template", "spec", "containers");
    }

    /**
     * Every variable a container gets, from {@code env} and from {@code envFrom} ConfigMaps (resolved against the
     * rendered ConfigMaps); an {@code envFrom} Secret is recorded under a placeholder name, since its keys are unknown.
     */
    Map<String, EnvValue> environment(Map<String, Object> container) {
        Map<String, EnvValue> env = new LinkedHashMap<>();
        for (Map<String, Object> from : maps(container, "envFrom")) {
            String prefix = Optional.ofNullable(string(from, "prefix")).orElse("");
            String configMap = string(from, "configMapRef", "name");
            if (configMap != null) {
                Map<String, Object> data = find("ConfigMap", configMap)
                        .map(cm -> map(cm, "data"))
                        .orElseThrow(() -> new AssertionError(overlay + ": envFrom names ConfigMap " + configMap
                                + ", which the overlay does not render"));
                data.forEach((k, v) -> env.put(prefix + k, new EnvValue(String.valueOf(v), null, null, "ConfigMap " + configMap)));
            }
            String secret = string(from, "secretRef", "name");
            if (secret != null) {
                env.put("<all keys of Secret " + secret + ">", new EnvValue(null, secret, null, "envFrom Secret " + secret));
            }
        }
        for (Map<String, Object> var : maps(container, "env")) {
            String name = string(var, "name");
            if (var.containsKey("value")) {
                env.put(name, new EnvValue(String.valueOf(var.get("value")), null, null, "env value"));
            } else if (string(var, "valueFrom", "secretKeyRef", "name") != null) {
                env.put(name, new EnvValue(null, string(var, "valueFrom", "secretKeyRef", "name"),
                        string(var, "valueFrom", "secretKeyRef", "key"), "Secret"));
            } else {
                env.put(name, new EnvValue(null, null, null, "valueFrom"));
            }
        }
        return env;
    }

    static Object at(Object node, String... path) {
        Object current = node;
        for (String step : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(step);
        }
        return current;
    }

    static String string(Object node, String... path) {
        Object value = at(node, path);
        return value == null ? null : String.valueOf(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node, String... path) {
        return at(node, path) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> maps(Object node, String... path) {
        return at(node, path) instanceof List<?> l
                ? l.stream().filter(Map.class::isInstance).map(e -> (Map<String, Object>) e).toList()
                : List.of();
    }

    @SuppressWarnings("unchecked")
    static List<String> strings(Object node, String... path) {
        return at(node, path) instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }
}
