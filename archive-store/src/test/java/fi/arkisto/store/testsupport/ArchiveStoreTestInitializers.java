package fi.arkisto.store.testsupport;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Context initializers that point a Spring test at an {@link ArchiveStoreTestEnvironment}. Because
 * the initializer class is part of Spring's context cache key, every test class using the same one
 * shares one application context:
 * <pre>{@code
 * @SpringBootTest(classes = MyApp.class)
 * @ContextConfiguration(initializers = ArchiveStoreTestInitializers.Local.class)
 * }</pre>
 */
public final class ArchiveStoreTestInitializers {

    private ArchiveStoreTestInitializers() {
    }

    /** Local PostgreSQL server (random database) and embedded S3 (random port). */
    public static final class Local implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            apply(ArchiveStoreTestEnvironment.local(), context);
        }
    }

    /** Testcontainers PostgreSQL and MinIO; pair with {@code @Testcontainers(disabledWithoutDocker = true)}. */
    public static final class Containers implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            apply(ArchiveStoreTestEnvironment.containers(), context);
        }
    }

    /**
     * Like {@link Local}, but a context with a database and an object store of its own: for a test whose data cannot be made unique,
     * such as the real sample with the OID its signature fixes.
     */
    public static final class PrivateLocal implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            apply(ArchiveStoreTestEnvironment.privateLocal(), context);
        }
    }

    /** Like {@link Containers}, but a context (and so a database) of its own, as {@link PrivateLocal}. */
    public static final class PrivateContainers implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            apply(ArchiveStoreTestEnvironment.privateContainers(), context);
        }
    }

    static void apply(ArchiveStoreTestEnvironment environment, ConfigurableApplicationContext context) {
        TestPropertyValues.of(environment.properties()).applyTo(context);
    }
}
