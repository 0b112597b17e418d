package fi.arkisto.app.support;

import fi.arkisto.store.embedded.EmbeddedS3Server;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The real services the app's Spring tests run against: a new database with a random name on the local
 * PostgreSQL (127.0.0.1:5432, trust) and an embedded S3 server on a random port over a temporary
 * directory. Both are removed when the context closes (they are registered first, so they go last).
 */
public final class TestServices implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String ADMIN_URL = System.getProperty("arkisto.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    static final String USER = System.getProperty("arkisto.test.postgres.user", "postgres");

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String database = "arkisto_app_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE DATABASE " + database);
        Path s3Directory;
        try {
            s3Directory = Files.createTempDirectory("arkisto-app-s3");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String secret = UUID.randomUUID().toString();
        EmbeddedS3Server s3 = EmbeddedS3Server.start(s3Directory, 0, "app-test", secret);
        DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
        beans.registerDisposableBean("testServicesCleanup", () -> {
            s3.close();
            FileSystemUtils.deleteRecursively(s3Directory);
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        });
        TestPropertyValues.of(
                "spring.datasource.url=" + ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + database,
                "spring.datasource.username=" + USER,
                "spring.datasource.password=",
                "arkisto.s3.endpoint=" + s3.endpoint(),
                "arkisto.s3.access-key=app-test",
                "arkisto.s3.secret-key=" + secret,
                "arkisto.s3.bucket=arkisto-app-test").applyTo(context);
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot run on the local PostgreSQL: " + sql, e);
        }
    }
}
