package fi.arkisto.app.embedded;

import fi.arkisto.embedded.EmbeddedPostgresServer;
import fi.arkisto.embedded.EmbeddedS3Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The no-setup defaults (docs/running.md, "Run it"): when {@code spring.datasource.url} is not
 * configured an embedded PostgreSQL keeps its data under {@code ${arkisto.data-dir}/postgres}; when
 * {@code arkisto.s3.endpoint} is not configured an embedded S3 server keeps the objects under
 * {@code ${arkisto.data-dir}/s3}, with credentials generated once per data directory.
 *
 * <p>Both are started before any bean is created and announced to the rest of the system only as
 * configuration ({@code spring.datasource.*}, {@code arkisto.s3.*}), so the archive uses exactly the
 * same code path (JDBC, minio-java) as against a real PostgreSQL and MinIO. They are registered as
 * the first disposable singletons, so they stop after everything that uses them.
 */
final class EmbeddedServices implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {

    static final String PROPERTY_SOURCE = "arkistoEmbeddedServices";
    static final String DATABASE = "arkisto";
    static final String DEFAULT_BUCKET = "arkisto";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedServices.class);

    private ConfigurableEnvironment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = (ConfigurableEnvironment) environment;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        boolean needsDatabase = !hasText("spring.datasource.url");
        boolean needsObjectStore = !hasText("arkisto.s3.endpoint");
        if (!needsDatabase && !needsObjectStore) {
            return;
        }
        Path dataDir = Binder.get(environment).bind("arkisto.data-dir", Path.class).orElse(Path.of("data"))
                .toAbsolutePath().normalize();
        DataDirectory directory = DataDirectory.open(dataDir);
        Map<String, Object> properties = new LinkedHashMap<>();
        if (needsDatabase) {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(directory.postgres(), 0);
            register(beanFactory, "embeddedPostgresServer", postgres);
            postgres.createDatabaseIfMissing(DATABASE);
            properties.put("spring.datasource.url", postgres.jdbcUrl(DATABASE));
            properties.put("spring.datasource.username", EmbeddedPostgresServer.USER);
            properties.put("spring.datasource.password", "");
            // zonky stops the embedded PostgreSQL from its own JVM shutdown hook, concurrently with Spring's
            // shutdown; a bean touching the database while closing then waits out the pool's connection timeout
            // (30 s by default), which a database on the same machine never needs.
            if (!hasText("spring.datasource.hikari.connection-timeout")) {
                properties.put("spring.datasource.hikari.connection-timeout", "5000");
            }
            log.info("Embedded PostgreSQL on 127.0.0.1:{}, data in {}", postgres.port(), directory.postgres());
        }
        if (needsObjectStore) {
            S3Credentials credentials = directory.s3Credentials();
            EmbeddedS3Server s3 = EmbeddedS3Server.start(directory.s3(), 0, credentials.accessKey(),
                    credentials.secretKey());
            register(beanFactory, "embeddedS3Server", s3);
            properties.put("arkisto.s3.endpoint", s3.endpoint());
            properties.put("arkisto.s3.access-key", credentials.accessKey());
            properties.put("arkisto.s3.secret-key", credentials.secretKey());
            if (!hasText("arkisto.s3.bucket")) {
                properties.put("arkisto.s3.bucket", DEFAULT_BUCKET);
            }
            log.info("Embedded S3 on {}, objects in {}", s3.endpoint(), directory.s3());
        }
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
    }

    private boolean hasText(String key) {
        String value = environment.getProperty(key);
        return value != null && !value.isBlank();
    }

    private static void register(ConfigurableListableBeanFactory beanFactory, String name, AutoCloseable server) {
        beanFactory.registerSingleton(name, server);
        if (beanFactory instanceof DefaultListableBeanFactory registry) {
            registry.registerDisposableBean(name, server::close);
        }
    }
}
