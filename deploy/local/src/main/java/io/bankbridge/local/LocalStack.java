package io.bankbridge.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the whole stack on this machine: creates the service databases if missing, starts the Kafka broker and
 * the three packaged services, waits until each is ready, prints where to go, and stops everything it started
 * on Ctrl-C or SIGTERM.
 */
public final class LocalStack {

    static final int KAFKA_PORT = 9092;
    static final int KAFKA_CONTROLLER_PORT = 9093;
    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    /** The services with their fixed local ports and default databases. */
    enum Service {
        TOKEN("token-service", 8081, "bankbridge_token"),
        CONSENT("consent-service", 8082, "bankbridge_consent"),
        ACCOUNT_DATA("account-data-service", 8083, "bankbridge_accountdata");

        final String module;
        final int port;
        final String database;

        Service(String module, int port, String database) {
            this.module = module;
            this.port = port;
            this.database = database;
        }

        String url() {
            return "http://localhost:" + port;
        }
    }

    private LocalStack() {
    }

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        Path root = projectRoot();
        Path stackDir = root.resolve("deploy/local/target/stack");
        try {
            PostgresServer postgres = PostgresServer.fromEnvironment();
            postgres.requireReachable();
            for (Service service : Service.values()) {
                if (postgres.createDatabaseIfMissing(service.database)) {
                    say("created database " + service.database);
                }
            }

            say("starting Kafka on 127.0.0.1:" + KAFKA_PORT);
            KafkaBroker broker = KafkaBroker.persistent(stackDir.resolve("kafka"), KAFKA_PORT, KAFKA_CONTROLLER_PORT);
            Runtime.getRuntime().addShutdownHook(new Thread(broker::stop));
            broker.start();

            Map<String, String> env = sharedEnvironment(postgres, broker, StackSecrets.load(stackDir.resolve("secrets.properties")));
            env.put("BANKBRIDGE_DEMO_PROVIDER_KEY_FILE", stackDir.resolve("demo-provider-key.json").toString());
            env.put("BANKBRIDGE_DEMO_LOGINS_FILE", stackDir.resolve("demo-logins.txt").toString());
            List<ServiceProcess> services = java.util.Arrays.stream(Service.values())
                    .map(s -> new ServiceProcess(s.module, root.resolve(s.module).resolve("target/quarkus-app/quarkus-run.jar"),
                            s.port, env, List.of("-Xmx256m", "-XX:+UseSerialGC"), stackDir.resolve("logs").resolve(s.module + ".log")))
                    .toList();
            // Stop the services before the broker so they can drain their producers.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> services.forEach(ServiceProcess::stop)));
            // The resource servers read token-service's discovery document at start: it goes first.
            ServiceProcess tokenService = services.get(0);
            say("starting " + tokenService.name() + " on " + tokenService.baseUrl());
            tokenService.start().awaitReady(READY_TIMEOUT);
            for (ServiceProcess s : services.subList(1, services.size())) {
                say("starting " + s.name() + " on " + s.baseUrl());
                s.start();
            }
            for (ServiceProcess service : services) {
                service.awaitReady(READY_TIMEOUT);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            printWelcome(seconds, stackDir);
        } catch (IllegalStateException e) {
            System.err.println("[bankbridge] " + e.getMessage());
            System.exit(1);
        }
        new CountDownLatch(1).await();
    }

    private static Map<String, String> sharedEnvironment(PostgresServer postgres, KafkaBroker broker, Map<String, String> secrets) {
        Map<String, String> env = new HashMap<>(secrets);
        env.put("BANKBRIDGE_DB_HOST", postgres.host());
        env.put("BANKBRIDGE_DB_PORT", Integer.toString(postgres.port()));
        env.put("BANKBRIDGE_DB_USER", postgres.user());
        env.put("BANKBRIDGE_DB_PASSWORD", postgres.password());
        env.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        env.put("BANKBRIDGE_TOKEN_SERVICE_URL", Service.TOKEN.url());
        env.put("BANKBRIDGE_CONSENT_SERVICE_URL", Service.CONSENT.url());
        env.put("BANKBRIDGE_ACCOUNT_DATA_SERVICE_URL", Service.ACCOUNT_DATA.url());
        env.put("BANKBRIDGE_ISSUER", Service.TOKEN.url());
        env.put("BANKBRIDGE_DEMO_ENABLED", "true");
        return env;
    }

    private static void printWelcome(double seconds, Path stackDir) {
        say(String.format("all services ready in %.1f s", seconds));
        System.out.println();
        System.out.println("  Authorization server   " + Service.TOKEN.url() + "/.well-known/openid-configuration");
        System.out.println("  Security Center        " + Service.CONSENT.url() + "/security-center");
        System.out.println("  Provider data API      " + Service.ACCOUNT_DATA.url() + "/fdx/v6");
        for (Service s : Service.values()) {
            System.out.println("  " + pad(s.module) + s.url() + "/q/swagger-ui   (health: " + s.url() + "/q/health)");
        }
        System.out.println("  Kafka                  127.0.0.1:" + KAFKA_PORT + " (topic bankbridge.revocations)");
        System.out.println("  Logs                   " + stackDir.resolve("logs"));
        System.out.println("  Secrets (local only)   " + stackDir.resolve("secrets.properties"));
        Path demo = stackDir.resolve("demo-logins.txt");
        if (Files.exists(demo)) {
            try {
                System.out.println();
                System.out.print(Files.readString(demo));
            } catch (java.io.IOException e) {
                // the printout is a convenience; the stack runs without it
            }
        }
        System.out.println();
        System.out.println("Press Ctrl-C to stop everything.");
    }

    private static String pad(String s) {
        return String.format("%-23s", s);
    }

    private static void say(String line) {
        System.out.println("[bankbridge] " + line);
    }

    private static Path projectRoot() {
        String configured = System.getProperty("bankbridge.root");
        if (configured != null) {
            return Paths.get(configured).toAbsolutePath();
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/local")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Run the local stack from inside the Bankbridge checkout");
    }
}
