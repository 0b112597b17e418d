package fi.arkisto.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * A real PostgreSQL 15 (zonky embedded binaries) whose data directory survives restarts: the
 * archive's no-setup database (docs/running.md, "Run it": a restart keeps every archived document).
 * Listens on 127.0.0.1 only; local trust authentication as user {@code postgres}.
 *
 * <p>Its owner stops it, by {@link #close()}, and nobody else: zonky registers a JVM shutdown hook that stops the
 * server as soon as the JVM begins to exit, concurrently with the application's own shutdown, so the pools and the
 * engines still closing would find their database gone (connection errors, timeouts, a slow stop). That hook is
 * disarmed at start; the application closes this server after everything that uses it.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    public static final String USER = "postgres";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    /** zonky's "closed" flag, set while its shutdown hook is disarmed; null when it could not be disarmed. */
    private final AtomicBoolean zonkyClosed;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.zonkyClosed = disarmShutdownHook(postgres);
    }

    /**
     * Starts PostgreSQL on the data directory, initialising it only when it is empty.
     *
     * @param port 0 for a free port
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        return start(dataDirectory, port, Map.of());
    }

    /**
     * Starts PostgreSQL as {@link #start(Path, int)} does, with further server settings (for example {@code ssl},
     * {@code ssl_cert_file}); {@code listen_addresses} stays 127.0.0.1.
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port, Map<String, String> serverConfig) {
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(false);
            serverConfig.forEach(builder::setServerConfig);
            builder.setServerConfig("listen_addresses", "127.0.0.1");
            if (port > 0) {
                builder.setPort(port);
            }
            return new EmbeddedPostgresServer(builder.start(), dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL did not start on " + dataDirectory, e);
        } catch (OverlappingFileLockException e) {
            // zonky's lock on <data directory>/epg-lock, held by this very process
            throw new DataDirectoryInUseException(dataDirectory, e);
        } catch (IllegalStateException e) {
            // the same lock held by another process, which runs a PostgreSQL on this directory
            if (e.getMessage() != null && e.getMessage().startsWith("could not lock")) {
                throw new DataDirectoryInUseException(dataDirectory, e);
            }
            throw e;
        }
    }

    /**
     * zonky's hook calls {@code close()}, which does nothing once its {@code closed} flag is set: setting the flag
     * disarms the hook, and {@link #close()} clears it again just before stopping the server through zonky.
     */
    private static AtomicBoolean disarmShutdownHook(EmbeddedPostgres postgres) {
        try {
            Field closed = EmbeddedPostgres.class.getDeclaredField("closed");
            closed.setAccessible(true);
            AtomicBoolean flag = (AtomicBoolean) closed.get(postgres);
            flag.set(true);
            return flag;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Cannot take over stopping the embedded PostgreSQL from zonky ({}); it may stop before the"
                    + " application has closed its connections", e.toString());
            return null;
        }
    }

    /** What zonky's shutdown hook does when the JVM begins to exit (for tests of its disarming). */
    void closeAsZonkysShutdownHookWould() throws IOException {
        postgres.close();
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the database unless it exists (PostgreSQL has no CREATE DATABASE IF NOT EXISTS). */
    public void createDatabaseIfMissing(String database) {
        if (!DATABASE_NAME.matcher(database).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + database);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + database, e);
        }
    }

    @Override
    public void close() {
        if (zonkyClosed != null) {
            zonkyClosed.set(false);
        }
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
