package io.bankbridge.deploy.k8s;

import static io.bankbridge.deploy.k8s.Manifests.containers;
import static io.bankbridge.deploy.k8s.Manifests.map;
import static io.bankbridge.deploy.k8s.Manifests.maps;
import static io.bankbridge.deploy.k8s.Manifests.name;
import static io.bankbridge.deploy.k8s.Manifests.string;
import static io.bankbridge.deploy.k8s.Manifests.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Kafka (Strimzi) and PostgreSQL (CloudNativePG) as the services need them: the revocation topic they read and
 * write, a Kafka user per service with exactly the rights its clients use, and one database per service owned by
 * the role whose credentials the service is given.
 */
class DataStoresTest {

    private static final String TOPIC_KEY = "bankbridge.revocations.topic";
    private static final String REPLAY_KEY = "bankbridge.revocations.consumer.replay";
    private static final String RELAY_KEY = "bankbridge.revocations.relay.enabled";

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void revocationTopicIsReplicatedAndOutlivesEveryReplayWindow(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> deployment : ServiceWiringTest.deployments(manifests)) {
            Map<String, String> env = literals(manifests, deployment);
            ServiceConfiguration config = ServiceConfiguration.of(name(deployment));
            String topicName = config.value(TOPIC_KEY, env).orElseThrow(() -> new AssertionError("no " + TOPIC_KEY));
            Duration replay = Duration.parse(config.value(REPLAY_KEY, env).orElseThrow(() -> new AssertionError("no " + REPLAY_KEY)));
            Map<String, Object> topic = manifests.ofKind("KafkaTopic").stream()
                    .filter(t -> topicName.equals(string(t, "spec", "topicName"))).findFirst().orElse(null);
            if (topic == null) {
                problems.add(name(deployment) + " uses topic " + topicName + ", which no KafkaTopic creates");
                continue;
            }
            if (Integer.parseInt(string(topic, "spec", "replicas")) < 3) {
                problems.add(topicName + ": fewer than 3 replicas");
            }
            if (!"2".equals(string(topic, "spec", "config", "min.insync.replicas"))) {
                problems.add(topicName + ": min.insync.replicas is not 2");
            }
            long retention = Long.parseLong(string(topic, "spec", "config", "retention.ms"));
            if (retention < Math.max(Duration.ofDays(7).toMillis(), replay.toMillis())) {
                problems.add(topicName + ": retention " + retention + " ms is shorter than 7 days or "
                        + name(deployment) + "'s replay window " + replay);
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void everyServiceHasAKafkaUserWithExactlyTheRightsItsClientsUse(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> deployment : ServiceWiringTest.deployments(manifests)) {
            String service = name(deployment);
            Map<String, String> env = literals(manifests, deployment);
            ServiceConfiguration config = ServiceConfiguration.of(service);
            String topicName = config.value(TOPIC_KEY, env).orElseThrow();
            boolean relay = Boolean.parseBoolean(config.value(RELAY_KEY, env).orElse("false"));
            Manifests.EnvValue jaas = manifests.environment(containers(deployment).get(0)).get("KAFKA_SASL_JAAS_CONFIG");
            if (jaas == null || !jaas.fromSecret()) {
                problems.add(service + ": KAFKA_SASL_JAAS_CONFIG does not come from its KafkaUser's Secret");
                continue;
            }
            Map<String, Object> user = manifests.find("KafkaUser", jaas.secretName()).orElse(null);
            if (user == null) {
                problems.add(service + ": reads Kafka credentials from Secret " + jaas.secretName() + ", but no KafkaUser of that name exists");
                continue;
            }
            String mechanism = env.get("KAFKA_SASL_MECHANISM");
            if (!String.valueOf(mechanism).equalsIgnoreCase(string(user, "spec", "authentication", "type"))) {
                problems.add(service + ": KAFKA_SASL_MECHANISM " + mechanism + " but its KafkaUser authenticates with "
                        + string(user, "spec", "authentication", "type"));
            }
            Set<String> topicOps = new HashSet<>();
            Set<String> clusterOps = new HashSet<>();
            for (Map<String, Object> acl : maps(user, "spec", "authorization", "acls")) {
                String type = string(acl, "resource", "type");
                if ("topic".equals(type) && topicName.equals(string(acl, "resource", "name"))
                        && "literal".equals(string(acl, "resource", "patternType"))) {
                    topicOps.addAll(strings(acl, "operations"));
                } else if ("cluster".equals(type)) {
                    clusterOps.addAll(strings(acl, "operations"));
                } else {
                    // The broadcast consumer has no group and the relay no transactions: any other grant is excess.
                    problems.add(service + ": KafkaUser grants " + strings(acl, "operations") + " on " + type + " "
                            + string(acl, "resource", "name"));
                }
            }
            Set<String> expectedTopic = relay ? Set.of("Describe", "Read", "Write") : Set.of("Describe", "Read");
            Set<String> expectedCluster = relay ? Set.of("IdempotentWrite") : Set.of();
            if (!topicOps.equals(expectedTopic) || !clusterOps.equals(expectedCluster)) {
                problems.add(service + " (relay " + (relay ? "on" : "off") + "): topic " + topicOps + " cluster " + clusterOps
                        + ", expected topic " + expectedTopic + " cluster " + expectedCluster);
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void servicesConnectToTheTlsListenerOfTheKafkaCluster(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        Map<String, Object> kafka = manifests.ofKind("Kafka").stream().findFirst().orElseThrow(() -> new AssertionError("no Kafka"));
        Map<String, Object> listener = maps(kafka, "spec", "kafka", "listeners").stream()
                .filter(l -> "true".equals(string(l, "tls"))).findFirst().orElseThrow(() -> new AssertionError("no TLS listener"));
        String bootstrap = name(kafka) + "-kafka-bootstrap:" + string(listener, "port");
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> deployment : ServiceWiringTest.deployments(manifests)) {
            Map<String, String> env = literals(manifests, deployment);
            if (!bootstrap.equals(env.get("KAFKA_BOOTSTRAP_SERVERS")) || !"SASL_SSL".equals(env.get("KAFKA_SECURITY_PROTOCOL"))) {
                problems.add(name(deployment) + ": connects to " + env.get("KAFKA_BOOTSTRAP_SERVERS") + " over "
                        + env.get("KAFKA_SECURITY_PROTOCOL") + ", expected " + bootstrap + " over SASL_SSL");
            }
            String truststore = env.get("KAFKA_SSL_TRUSTSTORE_LOCATION");
            boolean mounted = truststore != null && maps(containers(deployment).get(0), "volumeMounts").stream()
                    .anyMatch(m -> truststore.startsWith(string(m, "mountPath") + "/"));
            if (!mounted) {
                problems.add(name(deployment) + ": truststore " + truststore + " is not on a mounted volume");
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void everyServiceHasItsOwnDatabaseOwnedByTheRoleItLogsInAs(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        Map<String, Object> cluster = manifests.ofKind("Cluster").stream().findFirst().orElseThrow(() -> new AssertionError("no Cluster"));
        // database name -> the Secret holding its owner's credentials
        Map<String, String> ownerSecretByDatabase = new LinkedHashMap<>();
        Map<String, String> secretByRole = new LinkedHashMap<>();
        Map<String, Object> initdb = map(cluster, "spec", "bootstrap", "initdb");
        secretByRole.put(string(initdb, "owner"), string(initdb, "secret", "name"));
        ownerSecretByDatabase.put(string(initdb, "database"), string(initdb, "secret", "name"));
        for (Map<String, Object> role : maps(cluster, "spec", "managed", "roles")) {
            secretByRole.put(string(role, "name"), string(role, "passwordSecret", "name"));
        }
        for (Map<String, Object> database : manifests.ofKind("Database")) {
            if (name(cluster).equals(string(database, "spec", "cluster", "name"))) {
                ownerSecretByDatabase.put(string(database, "spec", "name"), secretByRole.get(string(database, "spec", "owner")));
            }
        }
        List<String> problems = new ArrayList<>();
        Set<String> databasesInUse = new HashSet<>();
        for (Map<String, Object> deployment : ServiceWiringTest.deployments(manifests)) {
            String service = name(deployment);
            Map<String, String> env = literals(manifests, deployment);
            String database = env.get("BANKBRIDGE_DB_NAME");
            if (!databasesInUse.add(database)) {
                problems.add(service + ": shares database " + database + " with another service");
            }
            if (!(name(cluster) + "-rw").equals(env.get("BANKBRIDGE_DB_HOST"))) {
                problems.add(service + ": BANKBRIDGE_DB_HOST " + env.get("BANKBRIDGE_DB_HOST") + " is not the primary " + name(cluster) + "-rw");
            }
            Manifests.EnvValue user = manifests.environment(containers(deployment).get(0)).get("BANKBRIDGE_DB_USER");
            Manifests.EnvValue password = manifests.environment(containers(deployment).get(0)).get("BANKBRIDGE_DB_PASSWORD");
            String ownerSecret = ownerSecretByDatabase.get(database);
            if (ownerSecret == null) {
                problems.add(service + ": database " + database + " is neither the bootstrap database nor a Database of " + name(cluster));
            } else if (user == null || password == null || !ownerSecret.equals(user.secretName()) || !ownerSecret.equals(password.secretName())) {
                problems.add(service + ": logs in with Secret " + (user == null ? null : user.secretName())
                        + " but " + database + " is owned by the role of Secret " + ownerSecret);
            }
        }
        assertEquals(List.of(), problems, overlay);
        assertTrue(databasesInUse.size() >= 3, "expected a database per service, found " + databasesInUse);
    }

    private static Map<String, String> literals(Manifests manifests, Map<String, Object> deployment) {
        Map<String, String> env = new LinkedHashMap<>();
        manifests.environment(containers(deployment).get(0)).forEach((k, v) -> {
            if (v.literal() != null) {
                env.put(k, v.literal());
            }
        });
        return env;
    }
}
