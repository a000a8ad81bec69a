package io.bankbridge.testsupport;

import io.bankbridge.local.EmbeddedPostgres;
import io.bankbridge.local.PostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;

/**
 * Gives the application under test a database of its own on the real PostgreSQL server, named
 * {@code <database>_test_<random>} so that two test runs never see each other's data, and drops it afterwards.
 * When no server answers at the configured address, the databases go to an embedded PostgreSQL started once for
 * the test JVM.
 *
 * <p>Init arg {@code database}: the service's database name, used as the prefix.
 */
public final class PostgresDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private PostgresServer server;
    private String prefix = "bankbridge";
    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        prefix = initArgs.getOrDefault("database", prefix);
    }

    @Override
    public Map<String, String> start() {
        server = EmbeddedPostgres.configuredOrEmbedded(PostgresServer.fromEnvironment(), null);
        byte[] random = new byte[5];
        new SecureRandom().nextBytes(random);
        database = prefix + "_test_" + HexFormat.of().formatHex(random);
        server.createDatabaseIfMissing(database);
        return Map.of(
                "bankbridge.db.host", server.host(),
                "bankbridge.db.port", Integer.toString(server.port()),
                "bankbridge.db.user", server.user(),
                "bankbridge.db.password", server.password(),
                "bankbridge.db.name", database);
    }

    @Override
    public void stop() {
        if (database != null) {
            server.dropDatabase(database);
            database = null;
        }
    }
}
