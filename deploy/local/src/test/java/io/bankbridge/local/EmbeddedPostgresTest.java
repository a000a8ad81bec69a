package io.bankbridge.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** A machine with only a JDK: when nothing answers at the configured address, a real PostgreSQL takes over. */
class EmbeddedPostgresTest {

    @Test
    void aClosedPortGetsAnEmbeddedServerThatStoresData() throws SQLException {
        int closed = KafkaBroker.freePort();
        PostgresServer configured = new PostgresServer("127.0.0.1", closed, "postgres", "");
        assertThat(configured.isReachable()).isFalse();

        PostgresServer server = EmbeddedPostgres.configuredOrEmbedded(configured, null);

        assertThat(server.port()).isNotEqualTo(closed);
        assertThat(server.createDatabaseIfMissing("embedded_check")).isTrue();
        Properties login = new Properties();
        login.setProperty("user", server.user());
        try (var c = DriverManager.getConnection(server.jdbcUrl("embedded_check"), login); var s = c.createStatement()) {
            s.execute("CREATE TABLE t (v text)");
            s.execute("INSERT INTO t VALUES ('kept')");
            var rows = s.executeQuery("SELECT v, current_setting('server_version_num')::int FROM t");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("kept");
            assertThat(rows.getInt(2)).isGreaterThanOrEqualTo(170000);
        }
        server.dropDatabase("embedded_check");
    }

    @Test
    void aServerThatAnswersIsUsedAsConfigured() {
        PostgresServer answering = EmbeddedPostgres.configuredOrEmbedded(
                new PostgresServer("127.0.0.1", KafkaBroker.freePort(), "postgres", ""), null);

        assertThat(EmbeddedPostgres.configuredOrEmbedded(answering, null)).isEqualTo(answering);
    }
}
