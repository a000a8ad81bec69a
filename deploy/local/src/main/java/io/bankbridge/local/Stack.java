package io.bankbridge.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The whole Bankbridge system as real processes: a Kafka broker, the service databases on the PostgreSQL server,
 * token-service, consent-service and one or more account-data-service instances, each a packaged application.
 * The local stack runs one with fixed ports; end-to-end tests run throwaway ones on free ports.
 */
public final class Stack implements AutoCloseable {

    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final Builder settings;
    private PostgresServer postgres;
    private final Map<String, String> databases;
    private final KafkaBroker broker;
    private final Map<String, String> environment = new HashMap<>();
    private ServiceProcess token;
    private ServiceProcess consent;
    private final List<ServiceProcess> accountData = new ArrayList<>();

    private Stack(Builder settings) {
        this.settings = settings;
        this.postgres = PostgresServer.fromEnvironment();
        this.databases = new HashMap<>();
        String suffix = settings.databaseSuffix != null ? settings.databaseSuffix
                : settings.freshDatabases ? "_e2e_" + randomHex() : "";
        databases.put("token-service", "bankbridge_token" + suffix);
        databases.put("consent-service", "bankbridge_consent" + suffix);
        databases.put("account-data-service", "bankbridge_accountdata" + suffix);
        this.broker = settings.kafkaPort == 0
                ? KafkaBroker.temporary()
                : KafkaBroker.persistent(settings.workDir.resolve("kafka"), settings.kafkaPort, settings.kafkaPort + 1);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** How a stack is laid out. */
    public static final class Builder {
        private Path root = projectRoot();
        private Path workDir;
        private boolean freshDatabases = true;
        private String databaseSuffix;
        private int kafkaPort;
        private int tokenPort;
        private int consentPort;
        private int accountDataPort;
        private int accountDataInstances = 1;
        private boolean demo = true;
        private boolean startupCache;
        private boolean oneAtATime;
        private Map<String, String> secrets = StackSecrets.generate();
        /** Quick start over peak speed: what a local stack and the end-to-end tests want. */
        private List<String> jvmOptions = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        private final Map<String, String> extraEnvironment = new HashMap<>();

        /**
         * Fixed ports (8081-8083, Kafka 9092), the default database names, data kept in {@code workDir}, and the
         * start-up cache next to each service's jar (recorded by the first start after a build, used by the next).
         */
        public Builder local(Path workDir) {
            this.workDir = workDir;
            this.freshDatabases = false;
            this.startupCache = true;
            this.kafkaPort = 9092;
            this.tokenPort = 8081;
            this.consentPort = 8082;
            this.accountDataPort = 8083;
            this.secrets = StackSecrets.load(workDir.resolve("secrets.properties"));
            return this;
        }

        /**
         * Keeps what the services store from one stack to the next stack built with the same arguments: databases
         * named with {@code databaseSuffix}, the broker's log in {@code workDir} on {@code kafkaPort} (its controller
         * on the next port). The first such stack migrates the schemas and creates the topic; later ones restart on
         * them, as a redeployed pod does. {@link Stack#dropDatabases()} removes the databases.
         */
        public Builder kept(Path workDir, int kafkaPort, String databaseSuffix) {
            this.workDir = workDir;
            this.kafkaPort = kafkaPort;
            this.databaseSuffix = databaseSuffix;
            this.freshDatabases = false;
            this.secrets = StackSecrets.load(workDir.resolve("secrets.properties"));
            return this;
        }

        public Builder workDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        public Builder accountDataInstances(int instances) {
            this.accountDataInstances = instances;
            return this;
        }

        public Builder demo(boolean demo) {
            this.demo = demo;
            return this;
        }

        /** Whether the services start with the JDK's start-up cache (AOT cache or CDS archive) next to their jar. */
        public Builder startupCache(boolean startupCache) {
            this.startupCache = startupCache;
            return this;
        }

        /** Starts each service once the previous one is ready, so that each start is measured alone. */
        public Builder oneAtATime() {
            this.oneAtATime = true;
            return this;
        }

        /** The services' JVM options (e.g. full JIT compilation for a benchmark). */
        public Builder jvmOptions(List<String> options) {
            this.jvmOptions = List.copyOf(options);
            return this;
        }

        /** An extra environment variable for every service (e.g. a shorter token lifetime). */
        public Builder env(String name, String value) {
            extraEnvironment.put(name, value);
            return this;
        }

        public Stack build() {
            if (workDir == null) {
                workDir = root.resolve("deploy/local/target/e2e-" + randomHex());
            }
            return new Stack(this);
        }
    }

    /**
     * Creates the databases (on an embedded PostgreSQL when none answers at the configured address), starts the
     * broker and the services, and waits until every service is ready.
     */
    public Stack start() {
        postgres = EmbeddedPostgres.configuredOrEmbedded(postgres,
                settings.freshDatabases ? null : settings.workDir.resolve("postgres"));
        databases.values().forEach(postgres::createDatabaseIfMissing);
        broker.start();
        environment.putAll(settings.secrets);
        environment.put("BANKBRIDGE_DB_HOST", postgres.host());
        environment.put("BANKBRIDGE_DB_PORT", Integer.toString(postgres.port()));
        environment.put("BANKBRIDGE_DB_USER", postgres.user());
        environment.put("BANKBRIDGE_DB_PASSWORD", postgres.password());
        environment.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        int tokenPort = port(settings.tokenPort);
        int consentPort = port(settings.consentPort);
        String tokenUrl = "http://localhost:" + tokenPort;
        environment.put("BANKBRIDGE_TOKEN_SERVICE_URL", tokenUrl);
        environment.put("BANKBRIDGE_ISSUER", tokenUrl);
        environment.put("BANKBRIDGE_CONSENT_SERVICE_URL", "http://localhost:" + consentPort);
        int firstAccountDataPort = port(settings.accountDataPort);
        environment.put("BANKBRIDGE_ACCOUNT_DATA_SERVICE_URL", "http://localhost:" + firstAccountDataPort);
        environment.put("BANKBRIDGE_DEMO_ENABLED", Boolean.toString(settings.demo));
        environment.put("BANKBRIDGE_DEMO_PROVIDER_KEY_FILE", demoProviderKeyFile().toString());
        environment.put("BANKBRIDGE_DEMO_LOGINS_FILE", settings.workDir.resolve("demo-logins.txt").toString());
        if (settings.demo) {
            environment.putAll(DemoBrand.environment("http://localhost:" + consentPort + "/security-center"));
        }
        environment.putAll(settings.extraEnvironment);

        // The resource servers read token-service's discovery document at start: it goes first.
        token = service("token-service", tokenPort, 0).start();
        token.awaitReady(READY_TIMEOUT);
        consent = service("consent-service", consentPort, 0).start();
        if (settings.oneAtATime) {
            consent.awaitReady(READY_TIMEOUT);
        }
        for (int i = 0; i < settings.accountDataInstances; i++) {
            accountData.add(service("account-data-service", i == 0 ? firstAccountDataPort : KafkaBroker.freePort(), i).start());
            if (settings.oneAtATime) {
                accountData.get(i).awaitReady(READY_TIMEOUT);
            }
        }
        consent.awaitReady(READY_TIMEOUT);
        accountData.forEach(s -> s.awaitReady(READY_TIMEOUT));
        return this;
    }

    private ServiceProcess service(String module, int port, int instance) {
        Map<String, String> env = new HashMap<>(environment);
        env.put("BANKBRIDGE_DB_NAME", databases.get(module));
        // The URL providers call this instance at: what DPoP proofs name (htu)
        env.put("BANKBRIDGE_DPOP_PUBLIC_URL", "http://localhost:" + port);
        String name = instance == 0 ? module : module + "-" + (instance + 1);
        Path jar = settings.root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        List<String> jvmOptions = new ArrayList<>(settings.jvmOptions);
        if (settings.demo) {
            jvmOptions.addAll(DemoBrand.jvmOptions());
        }
        if (settings.startupCache) {
            jvmOptions.addAll(ServiceProcess.startupCacheOptions(jar));
        }
        return new ServiceProcess(name, jar, port, env, jvmOptions,
                settings.workDir.resolve("logs").resolve(name + ".log"));
    }

    public KafkaBroker broker() {
        return broker;
    }

    public ServiceProcess tokenService() {
        return token;
    }

    public ServiceProcess consentService() {
        return consent;
    }

    /** The account-data-service instances, first one at the URL the other services use. */
    public List<ServiceProcess> accountDataServices() {
        return List.copyOf(accountData);
    }

    /** The secrets the services share (admin credential, internal client secrets). */
    public Map<String, String> secrets() {
        return Map.copyOf(settings.secrets);
    }

    public Path workDir() {
        return settings.workDir;
    }

    /** Where token-service writes the demo provider's private key when demo data is on. */
    public Path demoProviderKeyFile() {
        return settings.workDir.resolve("demo-provider-key.json");
    }

    /** Stops everything this stack started; a throwaway stack also drops its databases and deletes its files. */
    @Override
    public void close() {
        accountData.forEach(ServiceProcess::stop);
        if (consent != null) {
            consent.stop();
        }
        if (token != null) {
            token.stop();
        }
        broker.close();
        if (settings.freshDatabases) {
            databases.values().forEach(postgres::dropDatabase);
        }
    }

    /** Drops this stack's databases (a kept stack's are otherwise left for the next one). */
    public void dropDatabases() {
        databases.values().forEach(postgres::dropDatabase);
    }

    private static int port(int configured) {
        return configured == 0 ? KafkaBroker.freePort() : configured;
    }

    private static String randomHex() {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static Path projectRoot() {
        String configured = System.getProperty("bankbridge.root");
        if (configured != null) {
            return Paths.get(configured).toAbsolutePath();
        }
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy/local")) && Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.resolve("token-service"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Run from inside the Bankbridge checkout (or set -Dbankbridge.root)");
    }
}
