package fi.arkisto.store.testsupport;

import org.springframework.boot.SpringApplication;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.testcontainers.DockerClientFactory;

/**
 * A PostgreSQL database and an S3 endpoint shared by every Spring test of one JVM (so Spring's
 * context cache can share one context), created on first use and removed at JVM exit.
 *
 * <p>In a Spring test:
 * <pre>{@code
 * @DynamicPropertySource
 * static void archiveStore(DynamicPropertyRegistry registry) {
 *     ArchiveStoreTestEnvironment.local().register(registry);
 * }
 * }</pre>
 * registers {@code spring.datasource.*}, {@code spring.flyway.schemas=archive},
 * {@code spring.flyway.locations=classpath:db/migration/archive} and {@code arkisto.s3.*}.
 * {@link #local()} uses the local PostgreSQL server and an embedded S3 server; {@link #containers()}
 * uses Testcontainers PostgreSQL and MinIO (only call it where {@link #dockerAvailable()}).
 */
public final class ArchiveStoreTestEnvironment {

    private static ArchiveStoreTestEnvironment local;
    private static ArchiveStoreTestEnvironment containers;
    private static ArchiveStoreTestEnvironment privateLocal;
    private static ArchiveStoreTestEnvironment privateContainers;

    private final TestDatabase database;
    private final TestObjectStorage storage;

    private ArchiveStoreTestEnvironment(TestDatabase database, TestObjectStorage storage) {
        this.database = database;
        this.storage = storage;
        // Removed once Spring has closed the contexts that use them (SpringApplication's shutdown handlers run after
        // that), not in a JVM hook of its own: a context closing at exit still writes (Camunda reports its metrics),
        // and against a database a parallel hook had dropped it waited out Hikari's 30 s connection timeout per
        // context, until Surefire killed the fork.
        SpringApplication.getShutdownHandlers().add(() -> {
            storage.close();
            database.close();
        });
    }

    /** The local PostgreSQL server (random database) and an embedded S3 server (random port). */
    public static synchronized ArchiveStoreTestEnvironment local() {
        if (local == null) {
            local = new ArchiveStoreTestEnvironment(TestDatabase.onLocalServer(), TestObjectStorage.embedded());
        }
        return local;
    }

    /**
     * Like {@link #local()}, but a database and an object store no other environment uses: for the one test whose data
     * cannot be made unique (the real sample, whose OID its signature fixes).
     */
    public static synchronized ArchiveStoreTestEnvironment privateLocal() {
        if (privateLocal == null) {
            privateLocal = new ArchiveStoreTestEnvironment(TestDatabase.onLocalServer(), TestObjectStorage.embedded());
        }
        return privateLocal;
    }

    /** Like {@link #containers()}, but a database and an object store of its own, as {@link #privateLocal()}. */
    public static synchronized ArchiveStoreTestEnvironment privateContainers() {
        if (privateContainers == null) {
            privateContainers = new ArchiveStoreTestEnvironment(TestDatabase.inContainer(),
                    TestObjectStorage.minioContainer());
        }
        return privateContainers;
    }

    /** Testcontainers PostgreSQL 15 and MinIO. */
    public static synchronized ArchiveStoreTestEnvironment containers() {
        if (containers == null) {
            containers = new ArchiveStoreTestEnvironment(TestDatabase.inContainer(), TestObjectStorage.minioContainer());
        }
        return containers;
    }

    public static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    public TestDatabase database() {
        return database;
    }

    public TestObjectStorage storage() {
        return storage;
    }

    /** Registers the database, Flyway and object-store properties of this environment. */
    public void register(DynamicPropertyRegistry registry) {
        properties().forEach((key, value) -> registry.add(key, () -> value));
    }

    /** The database, Flyway and object-store properties of this environment. */
    public java.util.Map<String, String> properties() {
        java.util.Map<String, String> properties = new java.util.LinkedHashMap<>();
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.username());
        properties.put("spring.datasource.password", database.password());
        properties.put("spring.flyway.schemas", "archive");
        properties.put("spring.flyway.locations", "classpath:db/migration/archive");
        properties.put("arkisto.s3.endpoint", storage.properties().endpoint());
        properties.put("arkisto.s3.access-key", storage.properties().accessKey());
        properties.put("arkisto.s3.secret-key", storage.properties().secretKey());
        properties.put("arkisto.s3.bucket", storage.properties().bucket());
        properties.put("arkisto.s3.region", storage.properties().region());
        return properties;
    }
}
