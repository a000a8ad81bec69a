package io.bankbridge.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One packaged Quarkus service ({@code target/quarkus-app/quarkus-run.jar}) running as a process of its own,
 * configured through its environment, and considered up once {@code /q/health/ready} answers 200.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    /** A process recording the AOT cache writes it after it stopped serving: a loaded machine needs minutes. */
    private static final Duration RECORDING_STOP_TIMEOUT = Duration.ofMinutes(3);
    private static final String RECORD_CACHE = "-XX:AOTCacheOutput=";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path log;
    private volatile Process process;
    private volatile long startedNanos;
    private volatile Duration readyAfter;
    private volatile Duration cpuUntilReady;

    public ServiceProcess(String name, Path jar, int port, Map<String, String> environment, List<String> jvmOptions, Path log) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.environment = Map.copyOf(environment);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.log = log;
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    public Path log() {
        return log;
    }

    public boolean isRunning() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /** Starts the process; returns at once. */
    public synchronized ServiceProcess start() {
        if (isRunning()) {
            return this;
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + " is not built: " + jar + " is missing (run ./mvnw package -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        command.add(Processes.javaExecutable());
        command.addAll(jvmOptions);
        command.add("-Dquarkus.http.port=" + port);
        command.add("-jar");
        command.add(jar.toString());
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            readyAfter = null;
            cpuUntilReady = null;
            startedNanos = System.nanoTime();
            process = builder.start();
            Processes.stopOnExit(process);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + name, e);
        }
    }

    /** Waits until the service reports ready, failing with the end of its log if it dies or takes too long. */
    public void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline)) {
            if (!isRunning()) {
                throw new IllegalStateException(name + " exited during start; its log ends:\n" + tail());
            }
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    if (readyAfter == null) { // a later wait (the stack waits for all at the end) measures nothing
                        readyAfter = Duration.ofNanos(System.nanoTime() - startedNanos);
                        Process running = process;
                        cpuUntilReady = running == null ? null : running.info().totalCpuDuration().orElse(null);
                    }
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            Processes.sleep(Duration.ofMillis(20));
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; its log ends:\n" + tail());
    }

    /** From starting the process to the first 200 from {@code /q/health/ready}; null before that. */
    public Duration readyAfter() {
        return readyAfter;
    }

    /**
     * The processor time the process had used (all its threads) when it first reported ready; null when unknown. Unlike
     * the wall-clock time, it hardly depends on what else the machine is doing.
     */
    public Duration cpuUntilReady() {
        return cpuUntilReady;
    }

    /** The process' resident set size in KiB (Linux), or -1 when unknown. */
    public long residentKiB() {
        Process running = process;
        if (running == null) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(running.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone
        }
        return -1;
    }

    /**
     * JVM options for a start-up cache next to the jar: on JDK 25+ the JDK's AOT cache ({@code app.aot}, JEP 483/514/515)
     * — the first run after a build records it when the process exits, later runs load it; on JDK 21-24 a dynamic
     * class-data sharing archive ({@code app.jsa}). With Quarkus' default fast-jar packaging the cache covers the
     * classes of the built-in class loaders only; Quarkus' {@code aot-jar} packaging would let it cover the application.
     */
    static List<String> startupCacheOptions(Path jar) {
        Path dir = jar.getParent();
        if (Runtime.version().feature() >= 25) {
            Path cache = dir.resolve("app.aot");
            if (isUsable(cache, jar)) {
                return List.of("-XX:AOTCache=" + cache);
            }
            deleteIfExists(cache); // stale, or cut short while it was written: record it anew
            return List.of(RECORD_CACHE + cache);
        }
        return List.of("-XX:SharedArchiveFile=" + dir.resolve("app.jsa"), "-XX:+AutoCreateSharedArchive");
    }

    /** A cache written after the jar was built, and not empty (an empty file is one whose writing was cut short). */
    private static boolean isUsable(Path cache, Path jar) {
        try {
            return Files.isRegularFile(cache) && Files.size(cache) > 0
                    && Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar)) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove the outdated start-up cache " + file, e);
        }
    }

    public void stop() {
        Process running = process;
        if (running != null) {
            boolean recording = jvmOptions.stream().anyMatch(option -> option.startsWith(RECORD_CACHE));
            Processes.stop(running, recording ? RECORDING_STOP_TIMEOUT : STOP_TIMEOUT);
            process = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private String tail() {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
