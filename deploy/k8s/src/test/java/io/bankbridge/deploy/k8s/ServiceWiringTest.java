package io.bankbridge.deploy.k8s;

import static io.bankbridge.deploy.k8s.Manifests.containers;
import static io.bankbridge.deploy.k8s.Manifests.map;
import static io.bankbridge.deploy.k8s.Manifests.maps;
import static io.bankbridge.deploy.k8s.Manifests.name;
import static io.bankbridge.deploy.k8s.Manifests.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds every Deployment of every overlay to the service it runs, as the service's code reads it today: HTTP port,
 * health endpoints, environment variables, and the URLs it is given for the other services.
 */
class ServiceWiringTest {

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void containerAndServicePortsAreTheServicesHttpPort(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> deployment : deployments(manifests)) {
            String service = name(deployment);
            int port = ServiceConfiguration.of(service).httpPort();
            for (Map<String, Object> container : containers(deployment)) {
                List<Integer> http = maps(container, "ports").stream().filter(p -> "http".equals(string(p, "name")))
                        .map(p -> Integer.valueOf(string(p, "containerPort"))).toList();
                if (!http.equals(List.of(port))) {
                    problems.add(service + ": container port 'http' is " + http + ", quarkus.http.port is " + port);
                }
            }
            Map<String, Object> svc = manifests.find("Service", service).orElse(null);
            if (svc == null) {
                problems.add(service + ": no Service named after the Deployment");
                continue;
            }
            Map<String, Object> podLabels = map(deployment, "spec", "template", "metadata", "labels");
            if (!podLabels.entrySet().containsAll(map(svc, "spec", "selector").entrySet())) {
                problems.add(service + ": the Service's selector does not select the Deployment's pods");
            }
            for (Map<String, Object> servicePort : maps(svc, "spec", "ports")) {
                String target = string(servicePort, "targetPort");
                if (!"http".equals(target) && !String.valueOf(port).equals(target)) {
                    problems.add(service + ": Service targetPort " + target + " is not the container's http port");
                }
                if (!String.valueOf(port).equals(string(servicePort, "port"))) {
                    problems.add(service + ": Service port " + string(servicePort, "port") + " differs from " + port
                            + ", the port the other services are told to use");
                }
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void probesUseTheQuarkusHealthEndpoints(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> deployment : deployments(Kustomize.render(overlay))) {
            for (Map<String, Object> container : containers(deployment)) {
                String where = name(deployment) + "/" + string(container, "name");
                expectProbe(problems, where, container, "livenessProbe", Set.of("/q/health/live"));
                expectProbe(problems, where, container, "readinessProbe", Set.of("/q/health/ready"));
                expectProbe(problems, where, container, "startupProbe", Set.of("/q/health/live", "/q/health/ready"));
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    private static void expectProbe(List<String> problems, String where, Map<String, Object> container, String probe,
                                    Set<String> paths) {
        String path = string(container, probe, "httpGet", "path");
        String port = string(container, probe, "httpGet", "port");
        if (path == null || !paths.contains(path)) {
            problems.add(where + ": " + probe + " path is " + path + ", expected one of " + paths);
        }
        if (!"http".equals(port)) {
            problems.add(where + ": " + probe + " must use the named port 'http', uses " + port);
        }
    }

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void everyEnvironmentVariableIsAConfigKeyTheServiceReads(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        Map<String, Set<String>> contract = contract();
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> deployment : deployments(manifests)) {
            ServiceConfiguration config = ServiceConfiguration.of(name(deployment));
            for (Map<String, Object> container : containers(deployment)) {
                for (String env : manifests.environment(container).keySet()) {
                    if (config.reads(env) || isKafkaClientSetting(config, env)) {
                        continue;
                    }
                    String where = config.service() + " sets " + env;
                    if (contract.getOrDefault(config.service(), Set.of()).contains(env)) {
                        problems.add(where + ": the contract says it reads it, but no key of its sources maps to it");
                    } else {
                        problems.add(where + ", which maps to no key in its application.properties, config mappings or"
                                + " @ConfigProperty (env name = key upper-cased, non-alphanumerics as '_')");
                    }
                }
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    /**
     * Kafka client settings reach the clients through the application's kafka.* configuration (Quarkus collects
     * every KAFKA_* variable); the revocation clients pass on the connection settings only: bootstrap and security.
     */
    private static boolean isKafkaClientSetting(ServiceConfiguration config, String env) {
        if (!env.startsWith("KAFKA_") || !config.reads("KAFKA_BOOTSTRAP_SERVERS")) {
            return false;
        }
        String setting = env.substring("KAFKA_".length()).toLowerCase().replace('_', '.');
        Set<String> known = new HashSet<>(ConsumerConfig.configNames());
        known.addAll(ProducerConfig.configNames());
        known.addAll(AdminClientConfig.configNames());
        return known.contains(setting)
                && (setting.startsWith("security.") || setting.startsWith("ssl.") || setting.startsWith("sasl."));
    }

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void serviceUrlsPointAtTheServicesThatServeThem(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Map<String, Object> deployment : deployments(manifests)) {
            for (Map<String, Object> container : containers(deployment)) {
                for (var env : manifests.environment(container).entrySet()) {
                    if (!env.getKey().matches("BANKBRIDGE_[A-Z_]+_SERVICE_URL")) {
                        continue;
                    }
                    checked++;
                    String target = env.getKey().substring("BANKBRIDGE_".length(), env.getKey().length() - "_URL".length())
                            .toLowerCase().replace('_', '-');
                    URI url = URI.create(env.getValue().literal());
                    int port = ServiceConfiguration.of(target).httpPort();
                    if (!target.equals(url.getHost()) || url.getPort() != port) {
                        problems.add(name(deployment) + ": " + env.getKey() + "=" + url + ", expected http://" + target + ":" + port);
                    }
                    if (manifests.find("Service", target).isEmpty()) {
                        problems.add(name(deployment) + ": " + env.getKey() + " names Service " + target + ", which is not rendered");
                    }
                }
            }
        }
        assertEquals(List.of(), problems, overlay);
        assertTrue(checked > 0, "no service URL found to check");
    }

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void issuerIsTheTlsHostOfTheIngress(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        Map<String, Object> tokenService = manifests.find("Deployment", "token-service").orElseThrow();
        String issuer = manifests.environment(containers(tokenService).get(0)).get("BANKBRIDGE_ISSUER").literal();
        List<String> tlsHosts = manifests.ofKind("Ingress").stream()
                .flatMap(i -> maps(i, "spec", "tls").stream()).flatMap(t -> Manifests.strings(t, "hosts").stream()).toList();
        assertFalse(tlsHosts.isEmpty(), "no TLS host");
        assertTrue(tlsHosts.stream().anyMatch(h -> issuer.equals("https://" + h)),
                "issuer " + issuer + " is not https:// one of the Ingress TLS hosts " + tlsHosts);
        // Discovery's grant_management_endpoint is consent-service's /grants as providers reach it, not its cluster URL.
        Manifests.EnvValue grants = manifests.environment(containers(tokenService).get(0))
                .get("BANKBRIDGE_GRANT_MANAGEMENT_ENDPOINT");
        assertTrue(grants != null && (issuer + "/grants").equals(grants.literal()),
                "BANKBRIDGE_GRANT_MANAGEMENT_ENDPOINT is not " + issuer + "/grants");
    }

    /** token-service refuses to start with its signing keys unprotected: the encryption key or a key file is wired. */
    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void tokenServiceSigningKeysAreEncryptedWithAKeyFromASecret(String overlay) {
        Manifests manifests = Kustomize.render(overlay);
        Map<String, Object> tokenService = manifests.find("Deployment", "token-service").orElseThrow();
        Map<String, Manifests.EnvValue> env = manifests.environment(containers(tokenService).get(0));
        Manifests.EnvValue key = env.get("BANKBRIDGE_SIGNING_ENCRYPTION_KEY");
        Manifests.EnvValue file = env.get("BANKBRIDGE_SIGNING_KEY_FILE");
        assertTrue((key != null && key.secretName() != null) || file != null,
                "token-service gets neither BANKBRIDGE_SIGNING_ENCRYPTION_KEY from a Secret nor BANKBRIDGE_SIGNING_KEY_FILE");
    }

    static List<Map<String, Object>> deployments(Manifests manifests) {
        List<Map<String, Object>> deployments = manifests.ofKind("Deployment");
        assertFalse(deployments.isEmpty(), manifests.overlay() + " renders no Deployment");
        return deployments;
    }

    private static Map<String, Set<String>> contract() {
        Properties properties = new Properties();
        try (InputStream in = ServiceWiringTest.class.getResourceAsStream("/service-contract.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Set<String>> contract = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(service -> contract.put(service,
                new HashSet<>(Arrays.stream(properties.getProperty(service).split(",")).map(String::trim).toList())));
        return contract;
    }
}
