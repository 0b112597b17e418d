package fi.arkisto.embedded;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

/**
 * An S3-compatible server in this JVM (s3proxy over the jclouds filesystem backend), keeping its
 * objects as files under a directory: the archive's no-setup object store (docs/running.md, "Run it"). The
 * archive talks to it through the same minio-java path as to a real MinIO.
 *
 * <p>Listens on 127.0.0.1 only, with the given credentials (AWS signature v2 or v4).
 */
public final class EmbeddedS3Server implements AutoCloseable {

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final Path directory;
    private final String accessKey;
    private final String secretKey;

    private EmbeddedS3Server(Path directory, int port, String accessKey, String secretKey) {
        this.directory = directory;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        QuietLogging.quiet("org.gaul", "org.jclouds", "jclouds");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the embedded S3 directory " + directory, e);
        }
        Properties overrides = new Properties();
        overrides.setProperty("jclouds.filesystem.basedir", directory.toAbsolutePath().toString());
        this.context = ContextBuilder.newBuilder("filesystem")
                .credentials(accessKey, secretKey)
                .overrides(overrides)
                .build(BlobStoreContext.class);
        this.proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        try {
            proxy.start();
        } catch (Exception e) {
            context.close();
            throw new IllegalStateException("The embedded S3 server did not start on port " + port, e);
        }
    }

    /**
     * Starts a server keeping its objects under {@code directory}.
     *
     * @param port 0 for a free port
     */
    public static EmbeddedS3Server start(Path directory, int port, String accessKey, String secretKey) {
        Objects.requireNonNull(directory, "directory");
        if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("The embedded S3 server needs an access key and a secret key");
        }
        return new EmbeddedS3Server(directory, port, accessKey, secretKey);
    }

    public int port() {
        return proxy.getPort();
    }

    /** The endpoint for {@code arkisto.s3.endpoint}. */
    public String endpoint() {
        return "http://127.0.0.1:" + port();
    }

    public String accessKey() {
        return accessKey;
    }

    public String secretKey() {
        return secretKey;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("The embedded S3 server did not stop cleanly", e);
        } finally {
            context.close();
        }
    }
}
