package fi.arkisto.store.testsupport;

import fi.arkisto.embedded.EmbeddedS3Server;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.store.object.ObjectStoreProperties;
import org.testcontainers.containers.MinIOContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An S3 endpoint for tests, always spoken to over the real S3 protocol through minio-java: an
 * {@link EmbeddedS3Server} on a random port in a temporary directory (no Docker needed), or a
 * Testcontainers MinIO. Credentials and bucket names are random per instance.
 */
public final class TestObjectStorage implements AutoCloseable {

    private final EmbeddedS3Server server;
    private final MinIOContainer container;
    private final Path directory;
    private final ObjectStoreProperties properties;

    private TestObjectStorage(EmbeddedS3Server server, MinIOContainer container, Path directory,
                              ObjectStoreProperties properties) {
        this.server = server;
        this.container = container;
        this.directory = directory;
        this.properties = properties;
    }

    /** An embedded s3proxy on a free port, storing under a fresh temporary directory. */
    public static TestObjectStorage embedded() {
        Path directory;
        try {
            directory = Files.createTempDirectory("arkisto-s3-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String accessKey = "test-" + random(8);
        String secretKey = random(24);
        try {
            EmbeddedS3Server server = EmbeddedS3Server.start(directory, 0, accessKey, secretKey);
            return new TestObjectStorage(server, null, directory,
                    new ObjectStoreProperties(server.endpoint(), accessKey, secretKey, "arkisto-" + random(10), null));
        } catch (RuntimeException | Error e) {
            directory.toFile().delete();
            throw e;
        }
    }

    /** A MinIO container (requires Docker). */
    @SuppressWarnings("resource")
    public static TestObjectStorage minioContainer() {
        String secretKey = random(24);
        MinIOContainer container = new MinIOContainer("minio/minio:RELEASE.2024-10-13T13-34-11Z")
                .withUserName("arkisto").withPassword(secretKey);
        container.start();
        return new TestObjectStorage(null, container, null,
                new ObjectStoreProperties(container.getS3URL(), "arkisto", secretKey, "arkisto-" + random(10), null));
    }

    /** Settings for {@code arkisto.s3.*}. */
    public ObjectStoreProperties properties() {
        return properties;
    }

    /** A new client on a fresh bucket name (created on first use) so tests do not see each other's objects. */
    public ObjectStore newObjectStore() {
        return new ObjectStore(properties);
    }

    /** A client on another bucket of the same server. */
    public ObjectStore newObjectStore(String bucket) {
        return new ObjectStore(new ObjectStoreProperties(properties.endpoint(), properties.accessKey(),
                properties.secretKey(), bucket, properties.region()));
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (container != null) {
            container.stop();
        }
        if (directory != null) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                System.err.println("Could not remove " + directory + ": " + e.getMessage());
            }
        }
    }

    static String random(int length) {
        StringBuilder value = new StringBuilder();
        while (value.length() < length) {
            value.append(UUID.randomUUID().toString().replace("-", ""));
        }
        return value.substring(0, length).toLowerCase(Locale.ROOT);
    }
}
