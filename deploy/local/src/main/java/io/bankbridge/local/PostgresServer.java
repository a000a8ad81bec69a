package io.bankbridge.local;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server the services keep their databases on, addressed by the {@code BANKBRIDGE_DB_*}
 * environment variables (default: 127.0.0.1:5432, user postgres, no password).
 */
public record PostgresServer(String host, int port, String user, String password) {

    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    public PostgresServer {
        Objects.requireNonNull(host);
        Objects.requireNonNull(user);
        password = password == null ? "" : password;
    }

    public static PostgresServer fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static PostgresServer fromEnvironment(Map<String, String> env) {
        return new PostgresServer(
                env.getOrDefault("BANKBRIDGE_DB_HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("BANKBRIDGE_DB_PORT", "5432")),
                env.getOrDefault("BANKBRIDGE_DB_USER", "postgres"),
                env.getOrDefault("BANKBRIDGE_DB_PASSWORD", ""));
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String reactiveUrl(String database) {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    /** Whether a login to the server succeeds now. */
    public boolean isReachable() {
        try (Connection ignored = connect("postgres")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    /** Creates the database unless it exists; returns whether it was created. */
    public boolean createDatabaseIfMissing(String database) {
        requireValidName(database);
        try (Connection c = connect("postgres");
             var exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            if (exists.executeQuery().next()) {
                return false;
            }
            try (var create = c.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + ": " + e.getMessage(), e);
        }
    }

    /** Drops the database, disconnecting whoever is still connected to it. */
    public void dropDatabase(String database) {
        requireValidName(database);
        try (Connection c = connect("postgres"); var drop = c.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop database " + database + ": " + e.getMessage(), e);
        }
    }

    private Connection connect(String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "5");
        return DriverManager.getConnection(jdbcUrl(database), props);
    }

    private static void requireValidName(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
    }
}
