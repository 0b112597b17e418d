package fi.arkisto.store.testsupport;

import org.flywaydb.core.Flyway;
import com.zaxxer.hikari.HikariDataSource;
import org.springframework.boot.SpringApplication;
import org.testcontainers.containers.PostgreSQLContainer;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for one test JVM (or one test class): either a database with a
 * random name on the local server (127.0.0.1:5432, user postgres, trust authentication; dropped on
 * {@link #close()} or at JVM exit) or a Testcontainers PostgreSQL 15 when Docker is available.
 *
 * <pre>{@code
 * TestDatabase db = TestDatabase.onLocalServer();   // or TestDatabase.inContainer()
 * db.migrateArchiveSchema();                       // Flyway, schema "archive"
 * DataSource ds = db.dataSource();
 * }</pre>
 */
public final class TestDatabase implements AutoCloseable {

    public static final String LOCAL_HOST = "127.0.0.1";
    public static final int LOCAL_PORT = 5432;
    public static final String LOCAL_USER = "postgres";

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final String name;
    private final PostgreSQLContainer<?> container;
    private final Runnable dropAtExit;
    private volatile boolean closed;
    private HikariDataSource dataSource;

    private TestDatabase(String jdbcUrl, String username, String password, String name, PostgreSQLContainer<?> container) {
        this.jdbcUrl = jdbcUrl;
        this.username = username;
        this.password = password;
        this.name = name;
        this.container = container;
        this.dropAtExit = this::close;
        // after Spring has closed the contexts using it (see ArchiveStoreTestEnvironment), never in parallel with them
        SpringApplication.getShutdownHandlers().add(dropAtExit);
    }

    /** Creates {@code arkisto_test_<random>} on the local PostgreSQL server. */
    public static TestDatabase onLocalServer() {
        String name = "arkisto_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection admin = DriverManager.getConnection(localUrl("postgres"), LOCAL_USER, "");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on " + LOCAL_HOST + ":" + LOCAL_PORT
                    + " (is the local PostgreSQL running with trust authentication for user postgres?)", e);
        }
        return new TestDatabase(localUrl(name), LOCAL_USER, "", name, null);
    }

    /** Starts a PostgreSQL 15 container (requires Docker). */
    @SuppressWarnings("resource")
    public static TestDatabase inContainer() {
        PostgreSQLContainer<?> container = new PostgreSQLContainer<>("postgres:15-alpine")
                .withDatabaseName("arkisto").withUsername("arkisto").withPassword(UUID.randomUUID().toString());
        container.start();
        return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword(),
                container.getDatabaseName(), container);
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String name() {
        return name;
    }

    /**
     * The one pooled DataSource of this database (always the same instance, so that transaction
     * managers and JDBC templates built on it share transactions; Spring tests use Boot's pool).
     */
    public synchronized DataSource dataSource() {
        if (dataSource == null) {
            HikariDataSource pool = new HikariDataSource();
            pool.setJdbcUrl(jdbcUrl);
            pool.setUsername(username);
            pool.setPassword(password);
            pool.setMaximumPoolSize(8);
            pool.setMinimumIdle(0);
            pool.setPoolName("test-" + name);
            dataSource = pool;
        }
        return dataSource;
    }

    /** Applies the archive store's migrations (schema {@code archive}) as the application does. */
    public void migrateArchiveSchema() {
        Flyway.configure().dataSource(jdbcUrl, username, password)
                .schemas("archive").locations("classpath:db/migration/archive")
                .load().migrate();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (this) {
            if (dataSource != null) {
                dataSource.close();
            }
        }
        if (container != null) {
            container.stop();
        } else {
            try (Connection admin = DriverManager.getConnection(localUrl("postgres"), LOCAL_USER, "");
                 Statement statement = admin.createStatement()) {
                statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException e) {
                System.err.println("Could not drop test database " + name + ": " + e.getMessage());
            }
        }
        try {
            SpringApplication.getShutdownHandlers().remove(dropAtExit);
        } catch (IllegalStateException shuttingDown) {
            // already exiting: the handler runs anyway (or is running) and finds the database dropped
        }
    }

    private static String localUrl(String database) {
        return "jdbc:postgresql://" + LOCAL_HOST + ":" + LOCAL_PORT + "/" + database;
    }
}
