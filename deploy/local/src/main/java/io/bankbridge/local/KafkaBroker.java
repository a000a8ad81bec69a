package io.bankbridge.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Apache Kafka broker (KRaft, combined broker and controller) running in a JVM of its own,
 * started from the Apache jars that this module copies to {@code target/kafka/libs}.
 *
 * <p>The broker keeps its ports and its log directory across {@link #stop()} and {@link #start()}, so a test
 * can take the broker away and bring it back with the data it had.
 */
public final class KafkaBroker implements AutoCloseable {

    /** System property naming the directory with the broker jars; found automatically in a checkout. */
    public static final String LIBS_PROPERTY = "bankbridge.kafka.libs";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final String STARTED_LINE = "Kafka Server started";

    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final boolean deleteOnClose;
    private volatile Process process;

    private KafkaBroker(Path dataDir, int port, int controllerPort, boolean deleteOnClose) {
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.deleteOnClose = deleteOnClose;
    }

    /** A broker on free ports with a temporary log directory that {@link #close()} deletes. */
    public static KafkaBroker temporary() {
        try {
            return new KafkaBroker(Files.createTempDirectory("bankbridge-kafka-"), freePort(), freePort(), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A broker on fixed ports whose data is kept in {@code dataDir} between runs. */
    public static KafkaBroker persistent(Path dataDir, int port, int controllerPort) {
        return new KafkaBroker(dataDir, port, controllerPort, false);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public boolean isRunning() {
        Process running = process;
        return running != null && running.isAlive();
    }

    /** Formats the storage on first use, starts the broker and waits until it serves clients. */
    public synchronized KafkaBroker start() {
        if (isRunning()) {
            return this;
        }
        try {
            Files.createDirectories(dataDir);
            Path config = writeConfig();
            if (!Files.exists(logDir().resolve("meta.properties"))) {
                format(config);
            }
            Path log = dataDir.resolve("broker.log");
            Files.deleteIfExists(log);
            process = java("kafka.Kafka", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            Processes.stopOnExit(process);
            awaitStarted(log);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the Kafka broker in " + dataDir, e);
        }
    }

    /**
     * Stops the broker (SIGTERM, then SIGKILL after a grace period), keeping its data. Not synchronized: it must
     * be able to interrupt a {@link #start()} that is still waiting for the broker.
     */
    public void stop() {
        Process running = process;
        if (running != null) {
            Processes.stop(running, STOP_TIMEOUT);
            process = null;
        }
    }

    /**
     * Freezes the broker process (SIGSTOP): it keeps its connections open but answers nothing, as a broker in a
     * long GC pause, on a partitioned network or on a stuck disk does; clients see timeouts, not refusals.
     * {@link #thaw()} resumes it. Linux and macOS only ({@code kill} must be on the path).
     */
    public void freeze() {
        signal("-STOP");
    }

    /** Resumes a broker that {@link #freeze()} stopped (SIGCONT). */
    public void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        Process running = process;
        if (running == null || !running.isAlive()) {
            throw new IllegalStateException("The Kafka broker is not running");
        }
        try {
            // ProcessHandle can only terminate a process; stopping and resuming one takes kill(1).
            Process kill = new ProcessBuilder("kill", signal, Long.toString(running.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + running.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signalling the Kafka broker", e);
        }
    }

    @Override
    public void close() {
        stop();
        if (deleteOnClose) {
            Processes.deleteRecursively(dataDir);
        }
    }

    private Path logDir() {
        return dataDir.resolve("logs");
    }

    private Path writeConfig() throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logDir().toString());
        p.setProperty("num.partitions", "3");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("auto.create.topics.enable", "true");
        Path config = dataDir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(config)) {
            p.store(out, "Bankbridge single-node broker");
        }
        return config;
    }

    private void format(Path config) throws IOException {
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        id[0] &= 0x7f; // keeps the first base64 character out of "-" and "_": a leading "-" would read as an option
        String clusterId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
        Path log = dataDir.resolve("format.log");
        Process format = java("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            if (!format.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new IllegalStateException("Formatting Kafka storage failed: " + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while formatting Kafka storage", e);
        }
    }

    private void awaitStarted(Path log) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log) && Files.readString(log).contains(STARTED_LINE)) {
                return;
            }
            Process running = process;
            if (running == null || !running.isAlive()) {
                throw new IllegalStateException("The Kafka broker exited during start:\n" + tail(log));
            }
            Processes.sleep(Duration.ofMillis(100));
        }
        stop();
        throw new IllegalStateException("The Kafka broker did not start within " + START_TIMEOUT + ":\n" + tail(log));
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    private ProcessBuilder java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Processes.javaExecutable(),
                "-Xms64m", "-Xmx512m", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-cp", libsDir().resolve("*").toString(),
                mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dataDir.toFile());
    }

    /** Where the broker jars are: the system property, or {@code deploy/local/target/kafka/libs} above the working directory. */
    public static Path libsDir() {
        String configured = System.getProperty(LIBS_PROPERTY);
        if (configured != null) {
            return Paths.get(configured);
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("deploy/local/target/kafka/libs");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("Kafka broker jars not found: build deploy/local first (./mvnw -pl deploy/local package) "
                + "or set -D" + LIBS_PROPERTY + "=<dir>");
    }

    /** A port that was free a moment ago on the loopback interface. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
