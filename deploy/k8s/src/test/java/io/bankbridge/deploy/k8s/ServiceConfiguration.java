package io.bankbridge.deploy.k8s;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What one service reads, taken from its sources at test time so that the manifests are held to the code as it is
 * now: its {@code application.properties} (every profile), the environment variables its values reference as
 * {@code ${ENV}}, and the {@code @ConfigMapping} / {@code @ConfigProperty} keys of its own sources and of the
 * Bankbridge libraries it depends on.
 */
final class ServiceConfiguration {

    private static final Map<String, ServiceConfiguration> LOADED = new ConcurrentHashMap<>();
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}:${]+)");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Pattern PROJECT_ARTIFACT = Pattern.compile("</parent>.*?<artifactId>([^<]+)</artifactId>", Pattern.DOTALL);
    private static final Pattern DEPENDENCY = Pattern.compile(
            "<dependency>\\s*<groupId>io\\.bankbridge</groupId>\\s*<artifactId>([^<]+)</artifactId>(.*?)</dependency>", Pattern.DOTALL);

    private final String service;
    /** Keys with their value in application.properties; a %profile. prefix is kept so %prod can win. */
    private final Map<String, String> properties;
    /** Keys read by the code, with their @WithDefault. */
    private final Map<String, String> mappedKeys;
    /** Environment variables named directly in ${...} expressions. */
    private final Set<String> referencedEnv;

    private ServiceConfiguration(String service, Map<String, String> properties, Map<String, String> mappedKeys,
                                 Set<String> referencedEnv) {
        this.service = service;
        this.properties = properties;
        this.mappedKeys = mappedKeys;
        this.referencedEnv = referencedEnv;
    }

    /** The configuration of the module in directory {@code service} of the repository. */
    static ServiceConfiguration of(String service) {
        return LOADED.computeIfAbsent(service, ServiceConfiguration::load);
    }

    private static ServiceConfiguration load(String service) {
        Path repository = Kustomize.repository();
        Path module = repository.resolve(service);
        Path applicationProperties = module.resolve("src/main/resources/application.properties");
        if (!Files.isRegularFile(applicationProperties)) {
            throw new AssertionError("No module " + service + " with src/main/resources/application.properties in " + repository);
        }
        List<Path> modules = new ArrayList<>();
        modules.add(module);
        modules.addAll(bankbridgeLibraries(repository, module));

        Map<String, String> properties = new LinkedHashMap<>();
        Set<String> referencedEnv = new LinkedHashSet<>();
        for (Path m : modules) {
            for (String file : List.of("src/main/resources/application.properties",
                    "src/main/resources/META-INF/microprofile-config.properties")) {
                Path path = m.resolve(file);
                if (Files.isRegularFile(path)) {
                    read(path).forEach((k, v) -> properties.putIfAbsent(k, v));
                }
            }
        }
        Map<String, String> mappedKeys = new LinkedHashMap<>();
        for (ConfigMappingScanner.Key key : ConfigMappingScanner.scan(modules.stream().map(m -> m.resolve("src/main/java")).toList())) {
            mappedKeys.putIfAbsent(key.name(), key.defaultValue());
        }
        List<String> values = Stream.concat(properties.values().stream(), mappedKeys.values().stream().filter(v -> v != null)).toList();
        values.forEach(value -> {
            Matcher reference = REFERENCE.matcher(value);
            while (reference.find()) {
                String name = reference.group(1).trim();
                if (ENV_NAME.matcher(name).matches()) {
                    referencedEnv.add(name);
                } else {
                    mappedKeys.putIfAbsent(name, null);
                }
            }
        });
        return new ServiceConfiguration(service, properties, mappedKeys, referencedEnv);
    }

    /** The io.bankbridge modules this one depends on outside test scope, found by artifactId in the repository. */
    private static List<Path> bankbridgeLibraries(Path repository, Path module) {
        Map<String, Path> byArtifact = new LinkedHashMap<>();
        try (Stream<Path> poms = Files.find(repository, 3, (p, a) -> p.getFileName().toString().equals("pom.xml")
                && !p.toString().contains("/target/") && !p.toString().contains("/src/"))) {
            poms.forEach(pom -> {
                Matcher artifact = PROJECT_ARTIFACT.matcher(readString(pom));
                if (artifact.find()) {
                    byArtifact.put(artifact.group(1), pom.getParent());
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Path> libraries = new ArrayList<>();
        Matcher dependency = DEPENDENCY.matcher(readString(module.resolve("pom.xml")));
        while (dependency.find()) {
            if (!dependency.group(2).contains("<scope>test</scope>") && byArtifact.containsKey(dependency.group(1))) {
                libraries.add(byArtifact.get(dependency.group(1)));
            }
        }
        return libraries;
    }

    String service() {
        return service;
    }

    /**
     * Whether an environment variable reaches a key this service reads: by the MicroProfile Config rule (a key's
     * env name is the key with every non-alphanumeric character replaced by '_', upper case; a map key matches any
     * segment) or by a direct ${ENV} reference in a value.
     */
    boolean reads(String env) {
        if (referencedEnv.contains(env)) {
            return true;
        }
        return Stream.concat(properties.keySet().stream().map(ServiceConfiguration::withoutProfile), mappedKeys.keySet().stream())
                .anyMatch(key -> envPattern(key).matcher(env).matches());
    }

    /** The HTTP port: %prod value if any, else the plain one. */
    int httpPort() {
        return Integer.parseInt(value("quarkus.http.port", Map.of())
                .orElseThrow(() -> new AssertionError(service + " sets no quarkus.http.port")));
    }

    /**
     * The value the packaged application (prod profile) sees for a key: the container's environment first, then
     * %prod, the plain property, and the mapping's default.
     */
    Optional<String> value(String key, Map<String, String> environment) {
        String env = toEnv(key);
        if (environment.containsKey(env)) {
            return Optional.of(environment.get(env));
        }
        if (properties.containsKey("%prod." + key)) {
            return Optional.of(properties.get("%prod." + key));
        }
        if (properties.containsKey(key)) {
            return Optional.of(properties.get(key));
        }
        return Optional.ofNullable(mappedKeys.get(key));
    }

    static String toEnv(String key) {
        return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    private static Pattern envPattern(String key) {
        StringBuilder regex = new StringBuilder();
        for (String part : key.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append("[A-Z0-9_]+");
            }
            regex.append(Pattern.quote(toEnv(part)));
        }
        return Pattern.compile(regex.toString());
    }

    private static String withoutProfile(String key) {
        return key.startsWith("%") && key.indexOf('.') > 0 ? key.substring(key.indexOf('.') + 1) : key;
    }

    private static Map<String, String> read(Path file) {
        Properties loaded = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            loaded.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> result = new LinkedHashMap<>();
        loaded.stringPropertyNames().stream().sorted().forEach(k -> result.put(k, loaded.getProperty(k)));
        return result;
    }

    private static String readString(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
