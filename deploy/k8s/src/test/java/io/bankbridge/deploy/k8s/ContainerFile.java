package io.bankbridge.deploy.k8s;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * The parts of a service's container file (Dockerfile) the checks hold to the manifests: the base images of every
 * stage and, for the image that runs, its user, exposed ports, environment, entrypoint and build steps. Reads the
 * instructions as Docker does (continuation lines joined, comments skipped); the exec form of ENTRYPOINT is a JSON
 * array, read as YAML (a superset of JSON).
 */
record ContainerFile(Path path, List<String> baseImages, Stage image) {

    /** The last stage: what the container runs. */
    record Stage(String user, List<Integer> exposedPorts, Map<String, String> environment, List<String> entrypoint,
                 boolean entrypointExecForm, List<String> runs) {
    }

    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"(?:[^\"\\\\]|\\\\.)*\"|\\S+)");

    static ContainerFile read(Path path) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> baseImages = new ArrayList<>();
        List<String> stageNames = new ArrayList<>();
        String user = null;
        List<Integer> ports = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        List<String> entrypoint = List.of();
        boolean execForm = false;
        List<String> runs = new ArrayList<>();
        for (String instruction : instructions(lines)) {
            String[] parts = instruction.split("\\s+", 2);
            String keyword = parts[0].toUpperCase();
            String args = parts.length > 1 ? parts[1].trim() : "";
            switch (keyword) {
                case "FROM" -> {
                    List<String> words = new ArrayList<>(List.of(args.split("\\s+")));
                    words.removeIf(w -> w.startsWith("--"));
                    String image = words.get(0);
                    if (!stageNames.contains(image)) {
                        baseImages.add(image);
                    }
                    if (words.size() == 3 && words.get(1).equalsIgnoreCase("AS")) {
                        stageNames.add(words.get(2));
                    }
                    // a new stage: what the previous one set does not carry over
                    user = null;
                    ports = new ArrayList<>();
                    env = new LinkedHashMap<>();
                    entrypoint = List.of();
                    execForm = false;
                    runs = new ArrayList<>();
                }
                case "USER" -> user = args;
                case "EXPOSE" -> {
                    for (String port : args.split("\\s+")) {
                        ports.add(Integer.valueOf(port.replaceAll("/.*", "")));
                    }
                }
                case "ENV" -> {
                    Matcher pair = ENV_PAIR.matcher(args);
                    while (pair.find()) {
                        String value = pair.group(2);
                        env.put(pair.group(1), value.startsWith("\"") ? value.substring(1, value.length() - 1) : value);
                    }
                }
                case "ENTRYPOINT" -> {
                    execForm = args.startsWith("[");
                    entrypoint = execForm ? execForm(args) : List.of(args.split("\\s+"));
                }
                case "RUN" -> runs.add(args);
                default -> {
                    // COPY, WORKDIR, ARG, LABEL ...: not part of the contract with the manifests
                }
            }
        }
        return new ContainerFile(path, List.copyOf(baseImages),
                new Stage(user, List.copyOf(ports), Map.copyOf(env), entrypoint, execForm, List.copyOf(runs)));
    }

    @SuppressWarnings("unchecked")
    private static List<String> execForm(String json) {
        Object parsed = new Yaml().load(json);
        if (!(parsed instanceof List<?> list)) {
            throw new AssertionError("ENTRYPOINT " + json + " is not a JSON array");
        }
        return ((List<Object>) list).stream().map(String::valueOf).toList();
    }

    /** The instructions, one string each: continuation lines joined, comments and blank lines left out. */
    private static List<String> instructions(List<String> lines) {
        List<String> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean continued = trimmed.endsWith("\\");
            current.append(continued ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
            if (!continued) {
                instructions.add(current.toString().trim());
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) {
            instructions.add(current.toString().trim());
        }
        return instructions;
    }
}
