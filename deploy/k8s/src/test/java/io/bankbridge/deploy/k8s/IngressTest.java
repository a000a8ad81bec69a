package io.bankbridge.deploy.k8s;

import static io.bankbridge.deploy.k8s.Manifests.map;
import static io.bankbridge.deploy.k8s.Manifests.maps;
import static io.bankbridge.deploy.k8s.Manifests.name;
import static io.bankbridge.deploy.k8s.Manifests.string;
import static io.bankbridge.deploy.k8s.Manifests.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Ingress exposes the provider-facing and customer-facing paths only, over TLS: never the internal or admin
 * APIs, never the management endpoints, and no catch-all that would include them.
 */
class IngressTest {

    /** Paths that must never be reachable from outside, nor anything below them. */
    private static final List<String> PRIVATE = List.of("/internal", "/admin", "/q");

    /** The public surface of each service, as the design describes it. */
    private static final Map<String, String> PUBLIC = publicPaths();

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void ingressNeverRoutesInternalAdminOrManagementPaths(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> ingress : ingresses(overlay)) {
            if (map(ingress, "spec").containsKey("defaultBackend")) {
                problems.add(name(ingress) + ": a default backend routes every path");
            }
            map(ingress, "metadata", "annotations").forEach((key, value) -> {
                if (key.endsWith("/use-regex") || key.endsWith("/rewrite-target") || key.endsWith("-snippet")) {
                    problems.add(name(ingress) + ": annotation " + key + " makes the routed paths differ from the listed ones");
                }
            });
            for (Map<String, Object> rule : maps(ingress, "spec", "rules")) {
                for (Map<String, Object> path : maps(rule, "http", "paths")) {
                    String value = string(path, "path");
                    String type = string(path, "pathType");
                    if (!Set.of("Prefix", "Exact").contains(type)) {
                        problems.add(value + ": pathType " + type + " (only Prefix and Exact have portable meaning)");
                    }
                    for (String hidden : PRIVATE) {
                        if (value == null || covers(value, hidden) || covers(hidden, value)) {
                            problems.add(name(ingress) + " routes " + value + ", which exposes " + hidden);
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void publicPathsReachTheServiceThatServesThem(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        Map<String, String> routed = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> ingress : ingresses(overlay)) {
            for (Map<String, Object> rule : maps(ingress, "spec", "rules")) {
                for (Map<String, Object> path : maps(rule, "http", "paths")) {
                    String service = string(path, "backend", "service", "name");
                    routed.put(string(path, "path"), service);
                    Map<String, Object> svc = manifests.find("Service", service).orElse(null);
                    String port = string(path, "backend", "service", "port", "name");
                    if (svc == null || maps(svc, "spec", "ports").stream().noneMatch(p -> port != null && port.equals(string(p, "name")))) {
                        problems.add(string(path, "path") + " goes to " + service + " port " + port + ", which is not rendered");
                    }
                }
            }
        }
        PUBLIC.forEach((path, service) -> {
            if (!service.equals(routed.get(path))) {
                problems.add(path + " should reach " + service + ", reaches " + routed.get(path));
            }
        });
        routed.keySet().stream().filter(p -> !PUBLIC.containsKey(p))
                .forEach(p -> problems.add(p + " is routed but is not part of the public surface"));
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void everyHostIsServedOverTls(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> ingress : ingresses(overlay)) {
            List<String> tls = maps(ingress, "spec", "tls").stream().flatMap(t -> strings(t, "hosts").stream()).toList();
            if (maps(ingress, "spec", "tls").stream().anyMatch(t -> string(t, "secretName") == null)) {
                problems.add(name(ingress) + ": a TLS entry names no certificate Secret");
            }
            for (Map<String, Object> rule : maps(ingress, "spec", "rules")) {
                String host = string(rule, "host");
                if (host == null || !tls.contains(host)) {
                    problems.add(name(ingress) + ": host " + host + " is not covered by TLS");
                }
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    /** Whether Prefix path {@code prefix} matches {@code path} (whole segments, as Kubernetes defines Prefix). */
    private static boolean covers(String prefix, String path) {
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return p.isEmpty() || path.equals(p) || path.startsWith(p + "/");
    }

    private static List<Map<String, Object>> ingresses(String overlay) {
        List<Map<String, Object>> ingresses = Kustomize.render(overlay).ofKind("Ingress");
        assertFalse(ingresses.isEmpty(), overlay + " renders no Ingress");
        return ingresses;
    }

    private static Map<String, String> publicPaths() {
        Map<String, String> paths = new LinkedHashMap<>();
        Stream.of("/.well-known", "/jwks", "/par", "/authorize", "/token", "/revoke", "/introspect", "/userinfo",
                "/branding").forEach(p -> paths.put(p, "token-service"));
        Stream.of("/consents", "/security-center", "/me", "/grants").forEach(p -> paths.put(p, "consent-service"));
        paths.put("/fdx/v6", "account-data-service");
        return paths;
    }
}
