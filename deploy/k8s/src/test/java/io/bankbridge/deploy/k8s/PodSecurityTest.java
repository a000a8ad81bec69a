package io.bankbridge.deploy.k8s;

import static io.bankbridge.deploy.k8s.Manifests.containers;
import static io.bankbridge.deploy.k8s.Manifests.map;
import static io.bankbridge.deploy.k8s.Manifests.maps;
import static io.bankbridge.deploy.k8s.Manifests.name;
import static io.bankbridge.deploy.k8s.Manifests.string;
import static io.bankbridge.deploy.k8s.Manifests.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The platform's rules for every workload of every overlay: non-root, read-only root filesystem, no privilege
 * escalation or capabilities, bounded resources, credentials only by reference, and each service covered by an
 * autoscaler, a disruption budget and a network policy.
 */
class PodSecurityTest {

    /** Variables that carry credentials: their value must come from a Secret, never from the manifests. */
    private static final Pattern CREDENTIAL = Pattern.compile(".*(PASSWORD|SECRET|JAAS|CREDENTIAL|PRIVATE|TOKEN$|_KEY$).*");

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void everyPodRunsAsNonRootWithAReadOnlyRootFilesystemAndNoPrivileges(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> deployment : ServiceWiringTest.deployments(Kustomize.render(overlay))) {
            Map<String, Object> pod = map(deployment, "spec", "template", "spec");
            for (Map<String, Object> container : containers(deployment)) {
                String where = name(deployment) + "/" + string(container, "name");
                Map<String, Object> security = map(container, "securityContext");
                if (!"true".equals(first(string(security, "runAsNonRoot"), string(pod, "securityContext", "runAsNonRoot")))) {
                    problems.add(where + ": runAsNonRoot is not true");
                }
                if ("0".equals(first(string(security, "runAsUser"), string(pod, "securityContext", "runAsUser")))) {
                    problems.add(where + ": runs as user 0");
                }
                if (!"RuntimeDefault".equals(first(string(security, "seccompProfile", "type"),
                        string(pod, "securityContext", "seccompProfile", "type")))) {
                    problems.add(where + ": seccomp profile is not RuntimeDefault");
                }
                if (!"true".equals(string(security, "readOnlyRootFilesystem"))) {
                    problems.add(where + ": root filesystem is writable");
                }
                if (!"false".equals(string(security, "allowPrivilegeEscalation"))) {
                    problems.add(where + ": allowPrivilegeEscalation is not false");
                }
                if ("true".equals(string(security, "privileged"))) {
                    problems.add(where + ": privileged");
                }
                if (!strings(security, "capabilities", "drop").contains("ALL") || !strings(security, "capabilities", "add").isEmpty()) {
                    problems.add(where + ": capabilities are not dropped (drop ALL, add none)");
                }
                if (!writableTmp(pod, container)) {
                    problems.add(where + ": /tmp is not an emptyDir (a read-only root filesystem needs one)");
                }
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    private static boolean writableTmp(Map<String, Object> pod, Map<String, Object> container) {
        return maps(container, "volumeMounts").stream().filter(m -> "/tmp".equals(string(m, "mountPath")))
                .map(m -> string(m, "name"))
                .anyMatch(volume -> maps(pod, "volumes").stream()
                        .anyMatch(v -> volume.equals(string(v, "name")) && v.containsKey("emptyDir")));
    }

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void everyContainerHasRequestsAndLimits(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> deployment : ServiceWiringTest.deployments(Kustomize.render(overlay))) {
            for (Map<String, Object> container : containers(deployment)) {
                String where = name(deployment) + "/" + string(container, "name");
                for (String field : List.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory")) {
                    String[] path = field.split("\\.");
                    if (string(container, "resources", path[0], path[1]) == null) {
                        problems.add(where + ": no resources." + field);
                    }
                }
                String request = string(container, "resources", "requests", "memory");
                String limit = string(container, "resources", "limits", "memory");
                if (request != null && limit != null && mebibytes(request) > mebibytes(limit)) {
                    problems.add(where + ": memory request " + request + " above its limit " + limit);
                }
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    private static long mebibytes(String quantity) {
        if (quantity.endsWith("Gi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2)) * 1024;
        }
        if (quantity.endsWith("Mi")) {
            return Long.parseLong(quantity.substring(0, quantity.length() - 2));
        }
        throw new AssertionError("memory quantity " + quantity + ": use Mi or Gi");
    }

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void noSecretValueIsInTheManifests(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> secret : manifests.ofKind("Secret")) {
            problems.add("Secret " + name(secret) + " is defined in the manifests; create it out of band and reference it");
        }
        for (Map<String, Object> configMap : manifests.ofKind("ConfigMap")) {
            map(configMap, "data").keySet().stream().filter(k -> CREDENTIAL.matcher(k).matches())
                    .forEach(k -> problems.add("ConfigMap " + name(configMap) + " carries credential " + k));
        }
        for (Map<String, Object> deployment : ServiceWiringTest.deployments(manifests)) {
            for (Map<String, Object> container : containers(deployment)) {
                manifests.environment(container).forEach((env, value) -> {
                    if (CREDENTIAL.matcher(env).matches() && !value.fromSecret()) {
                        problems.add(name(deployment) + ": " + env + " comes from " + value.origin() + ", not a Secret");
                    }
                    if (value.fromSecret() && value.secretKey() == null) {
                        problems.add(name(deployment) + ": " + env + " takes a whole Secret: reference each key");
                    }
                });
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void everyServiceHasAnAutoscalerADisruptionBudgetAndNetworkPolicies(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> deployment : ServiceWiringTest.deployments(manifests)) {
            String service = name(deployment);
            Map<String, Object> labels = map(deployment, "spec", "template", "metadata", "labels");
            boolean autoscaled = manifests.ofKind("HorizontalPodAutoscaler").stream()
                    .anyMatch(h -> "Deployment".equals(string(h, "spec", "scaleTargetRef", "kind"))
                            && service.equals(string(h, "spec", "scaleTargetRef", "name")));
            if (!autoscaled) {
                problems.add(service + ": no HorizontalPodAutoscaler");
            }
            if (manifests.ofKind("PodDisruptionBudget").stream().noneMatch(p -> selects(map(p, "spec", "selector"), labels))) {
                problems.add(service + ": no PodDisruptionBudget");
            }
            List<Map<String, Object>> policies = manifests.ofKind("NetworkPolicy").stream()
                    .filter(p -> selects(map(p, "spec", "podSelector"), labels)).toList();
            boolean denyAll = policies.stream().anyMatch(p -> strings(p, "spec", "policyTypes").containsAll(List.of("Ingress", "Egress"))
                    && maps(p, "spec", "ingress").isEmpty() && maps(p, "spec", "egress").isEmpty());
            if (!denyAll) {
                problems.add(service + ": no default-deny NetworkPolicy (Ingress and Egress) selects its pods");
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    private static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        Map<String, Object> match = map(selector, "matchLabels");
        return !match.isEmpty() && labels.entrySet().containsAll(match.entrySet())
                && maps(selector, "matchExpressions").isEmpty();
    }

    private static String first(String preferred, String fallback) {
        return Objects.requireNonNullElse(preferred, fallback == null ? "" : fallback);
    }
}
