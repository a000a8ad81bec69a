package io.bankbridge.deploy.k8s;

import static io.bankbridge.deploy.k8s.Manifests.name;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rendered resource has an API version and kind a cluster with the required operators serves, and no field
 * its schema does not know: the API server would drop an unknown field (a typo such as readOnlyRootFileSystem)
 * and the setting would silently not apply. Kubernetes resources are read into the fabric8 models, Strimzi ones
 * into Strimzi's own API model; CloudNativePG publishes no Java model, so its two kinds are only listed.
 */
class SchemaTest {

    private static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class));

    /** Kinds without a Java model to check against. */
    private static final Set<String> UNCHECKED = Set.of("postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/Database");

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void everyResourceMatchesTheSchemaOfItsKind(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> resource : Kustomize.render(overlay).resources()) {
            String type = resource.get("apiVersion") + "/" + resource.get("kind");
            String where = type + " " + name(resource);
            if (UNCHECKED.contains(type)) {
                continue;
            }
            Class<?> model = MODELS.get(type);
            if (model == null) {
                problems.add(where + ": no schema known for this API version and kind");
                continue;
            }
            try {
                unknownFields(JSON.convertValue(resource, model), where, problems, 0);
            } catch (IllegalArgumentException e) {
                problems.add(where + ": " + e.getMessage());
            }
        }
        // A model may reach the same object through two getters: report each problem once.
        assertEquals(List.of(), List.copyOf(new LinkedHashSet<>(problems)), overlay);
    }

    /** Walks a model object; fields its class does not declare end up in its additionalProperties. */
    private static void unknownFields(Object node, String path, List<String> problems, int depth) {
        if (node == null || depth > 40) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems, depth + 1);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems, depth + 1));
            return;
        }
        String pkg = node.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.") && !pkg.startsWith("io.strimzi.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class
                    || getter.getReturnType().isPrimitive() || getter.getReturnType() == String.class
                    || getter.getReturnType().isEnum()) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
                continue;
            }
            String property = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            unknownFields(value, path + "." + property, problems, depth + 1);
        }
    }
}
