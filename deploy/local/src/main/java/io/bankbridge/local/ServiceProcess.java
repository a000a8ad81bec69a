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
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final Path log;
    private volatile Process process;

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
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            Processes.sleep(Duration.ofMillis(200));
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; its log ends:\n" + tail());
    }

    public void stop() {
        Process running = process;
        if (running != null) {
            Processes.stop(running, STOP_TIMEOUT);
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
