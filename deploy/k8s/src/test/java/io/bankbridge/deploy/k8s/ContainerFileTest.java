package io.bankbridge.deploy.k8s;

import static io.bankbridge.deploy.k8s.Manifests.containers;
import static io.bankbridge.deploy.k8s.Manifests.map;
import static io.bankbridge.deploy.k8s.Manifests.maps;
import static io.bankbridge.deploy.k8s.Manifests.name;
import static io.bankbridge.deploy.k8s.Manifests.string;
import static io.bankbridge.deploy.k8s.Manifests.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Holds each service's container files ({@code src/main/docker/Dockerfile.native} and {@code Dockerfile.jvm}) to the
 * Deployment that runs the image in every overlay: the user, the ports, the entrypoint the manifests leave alone,
 * pinned base images, a root filesystem that can stay read-only, and one heap bound for both kinds of image.
 */
class ContainerFileTest {

    private static final List<String> CONTAINER_FILES = List.of("Dockerfile.native", "Dockerfile.jvm");
    /** Tags that move: none, latest, a bare major or major.minor line (jdk-25, 2.0, 1.24). */
    private static final Pattern FLOATING_TAG = Pattern.compile("latest|(jdk-)?\\d+(\\.\\d+)?");
    /** JVM options that write a start-up cache while the service runs: impossible on a read-only root filesystem. */
    private static final Pattern WRITES_CACHE = Pattern.compile(
            "-XX:(AOTCacheOutput|AOTConfiguration|AOTMode=(record|create)|ArchiveClassesAtExit|\\+AutoCreateSharedArchive).*");

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void imagesRunAsTheUserAndGroupTheManifestsRunAs(String overlay) {
        List<String> problems = new ArrayList<>();
        forEachImage(overlay, (deployment, container, file) -> {
            Map<String, Object> pod = map(deployment, "spec", "template", "spec");
            String runAsUser = first(string(container, "securityContext", "runAsUser"), string(pod, "securityContext", "runAsUser"));
            String runAsGroup = first(string(container, "securityContext", "runAsGroup"), string(pod, "securityContext", "runAsGroup"));
            String user = file.image().user();
            if (user == null) {
                problems.add(file.path() + ": no USER in the final stage (the image would run as root)");
                return;
            }
            String[] userAndGroup = user.split(":", 2);
            if (!userAndGroup[0].matches("\\d+")) {
                problems.add(file.path() + ": USER " + user + " is a name; give the numeric id, which runAsNonRoot can verify");
            }
            if (!userAndGroup[0].equals(runAsUser)) {
                problems.add(file.path() + ": USER " + user + ", but " + name(deployment) + " runs as user " + runAsUser);
            }
            if (runAsGroup != null && !(userAndGroup.length == 2 && userAndGroup[1].equals(runAsGroup))) {
                problems.add(file.path() + ": USER " + user + ", but " + name(deployment) + " runs as group " + runAsGroup);
            }
        });
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void imagesExposeExactlyThePortsTheManifestsUse(String overlay) {
        List<String> problems = new ArrayList<>();
        forEachImage(overlay, (deployment, container, file) -> {
            Set<Integer> declared = new TreeSet<>();
            maps(container, "ports").forEach(p -> declared.add(Integer.valueOf(string(p, "containerPort"))));
            Optional.ofNullable(string(deployment, "spec", "template", "metadata", "annotations", "prometheus.io/port"))
                    .ifPresent(metrics -> declared.add(Integer.valueOf(metrics)));
            Set<Integer> exposed = new TreeSet<>(file.image().exposedPorts());
            if (!exposed.equals(declared)) {
                problems.add(file.path() + ": EXPOSE " + exposed + ", but " + name(deployment)
                        + " uses " + declared + " (container ports and the metrics port)");
            }
        });
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void theImagesEntrypointRunsTheServiceAndTheManifestsKeepIt(String overlay) {
        List<String> problems = new ArrayList<>();
        forEachImage(overlay, (deployment, container, file) -> {
            if (!file.image().entrypointExecForm()) {
                problems.add(file.path() + ": ENTRYPOINT in shell form: the service would not be PID 1 and miss SIGTERM");
            }
            if (file.image().entrypoint().isEmpty()) {
                problems.add(file.path() + ": no ENTRYPOINT");
            }
            // command replaces the entrypoint; args reach the JVM image's application rather than its JVM
            for (String field : List.of("command", "args")) {
                if (!strings(container, field).isEmpty()) {
                    problems.add(name(deployment) + ": container " + field + " " + strings(container, field)
                            + " overrides what the image runs; put JVM or runtime options in the container files");
                }
            }
        });
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void everyBaseImageIsPinnedToAnExactTag(String overlay) {
        List<String> problems = new ArrayList<>();
        forEachImage(overlay, (deployment, container, file) -> {
            for (String image : file.baseImages()) {
                if (image.contains("@sha256:")) {
                    continue;
                }
                int slash = image.lastIndexOf('/');
                int colon = image.lastIndexOf(':');
                String tag = colon > slash ? image.substring(colon + 1) : "";
                if (tag.isEmpty() || FLOATING_TAG.matcher(tag).matches()) {
                    problems.add(file.path() + ": FROM " + image + " follows a moving tag; pin an exact version (or digest)");
                }
            }
        });
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void aStartUpCacheIsBuiltIntoTheImageAndOnlyReadAtRunTime(String overlay) {
        List<String> problems = new ArrayList<>();
        forEachImage(overlay, (deployment, container, file) -> {
            List<String> runtimeOptions = jvmOptions(file);
            runtimeOptions.stream().filter(o -> WRITES_CACHE.matcher(o).matches()).forEach(o -> problems.add(
                    file.path() + ": " + o + " writes a cache at run time, which a read-only root filesystem refuses"));
            runtimeOptions.stream().filter(o -> o.startsWith("-XX:AOTCache=")).forEach(option -> {
                String cache = option.substring("-XX:AOTCache=".length());
                boolean recorded = file.image().runs().stream().anyMatch(r -> r.contains("-XX:AOTCacheOutput=" + cache));
                if (!recorded) {
                    problems.add(file.path() + ": the service loads " + cache + ", but no RUN step records it");
                }
            });
        });
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @MethodSource(Kustomize.OVERLAYS)
    void bothImagesOfAServiceHaveTheSameHeapBound(String overlay) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> deployment : ServiceWiringTest.deployments(Kustomize.render(overlay))) {
            List<Optional<String>> bounds = CONTAINER_FILES.stream()
                    .map(f -> jvmOptions(ContainerFile.read(containerFile(name(deployment), f))).stream()
                            .filter(o -> o.startsWith("-Xmx")).reduce((a, b) -> b))
                    .toList();
            if (bounds.stream().distinct().count() > 1) {
                problems.add(name(deployment) + ": heap bound " + bounds + " differs between " + CONTAINER_FILES);
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    /** The options the image's process starts with: its entrypoint and, for the JVM, JDK_JAVA_OPTIONS. */
    private static List<String> jvmOptions(ContainerFile file) {
        String launcher = Objects.requireNonNullElse(file.image().environment().get("JDK_JAVA_OPTIONS"), "");
        return Stream.concat(Stream.of(launcher.split("\\s+")), file.image().entrypoint().stream())
                .filter(o -> !o.isBlank()).toList();
    }

    private interface ImageCheck {
        void check(Map<String, Object> deployment, Map<String, Object> container, ContainerFile file);
    }

    /** Each container file of each Deployment's service, with the Deployment's container of that name. */
    private static void forEachImage(String overlay, ImageCheck check) {
        for (Map<String, Object> deployment : ServiceWiringTest.deployments(Kustomize.render(overlay))) {
            String service = name(deployment);
            Map<String, Object> container = containers(deployment).stream()
                    .filter(c -> service.equals(string(c, "name"))).findFirst()
                    .orElseThrow(() -> new AssertionError(overlay + ": " + service + " has no container named after it"));
            for (String file : CONTAINER_FILES) {
                check.check(deployment, container, ContainerFile.read(containerFile(service, file)));
            }
        }
    }

    private static Path containerFile(String service, String file) {
        return Kustomize.repository().resolve(service).resolve("src/main/docker").resolve(file);
    }

    private static String first(String preferred, String fallback) {
        return preferred != null ? preferred : fallback;
    }
}
