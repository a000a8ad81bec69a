package io.bankbridge.deploy.k8s;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Renders the kustomize overlays with the real kustomize built into kubectl (unpacked by the build from a Maven
 * Central artifact), so the checks see exactly what {@code kubectl apply -k} would send to a cluster.
 */
final class Kustomize {

    /** Method source of the parameterized checks: one run per overlay. */
    static final String OVERLAYS = "io.bankbridge.deploy.k8s.Kustomize#overlays";

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** The repository root (this module runs from deploy/k8s). */
    static Path repository() {
        return Path.of(System.getProperty("bankbridge.repository", "../..")).toAbsolutePath().normalize();
    }

    static Path k8s() {
        return repository().resolve("deploy/k8s");
    }

    /** Names of the overlays under deploy/k8s/overlays, each rendered and checked. */
    static Stream<String> overlays() {
        try (Stream<Path> dirs = Files.list(k8s().resolve("overlays"))) {
            List<String> names = dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml")))
                    .map(d -> d.getFileName().toString()).sorted().toList();
            if (names.isEmpty()) {
                throw new IllegalStateException("No overlay under " + k8s().resolve("overlays"));
            }
            return names.stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The resources an overlay renders to; rendered once per test run. */
    static Manifests render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, Kustomize::run);
    }

    private static Manifests run(String overlay) {
        Path kubectl = Path.of(System.getProperty("bankbridge.kubectl", "target/kubectl/kubectl"));
        if (!Files.isExecutable(kubectl)) {
            throw new IllegalStateException("kubectl (with kustomize) is missing at " + kubectl
                    + ": the build unpacks it in generate-test-resources; run the module through Maven");
        }
        Path dir = k8s().resolve("overlays").resolve(overlay);
        try {
            Path errors = Files.createTempFile("kustomize", ".err");
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", dir.toString())
                    .redirectError(errors.toFile())
                    .start();
            String yaml = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            String stderr = Files.readString(errors);
            Files.delete(errors);
            if (exit != 0) {
                throw new IllegalStateException("kustomize failed on overlay " + overlay + ": " + stderr);
            }
            List<Map<String, Object>> resources = new ArrayList<>();
            for (Object document : new Yaml(new LoaderOptions()).loadAll(yaml)) {
                if (document instanceof Map<?, ?> map) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> resource = (Map<String, Object>) map;
                    resources.add(resource);
                }
            }
            return new Manifests(overlay, resources);
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + kubectl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
