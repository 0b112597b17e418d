package fi.arkisto.app.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * {@code arkisto.data-dir}: everything the embedded defaults keep between restarts. Readable by its
 * owner only, since it holds client data and the embedded S3 credentials.
 */
final class DataDirectory {

    static final String S3_CREDENTIALS_FILE = "s3-credentials.properties";

    private final Path root;

    private DataDirectory(Path root) {
        this.root = root;
    }

    static DataDirectory open(Path root) {
        return new DataDirectory(OwnerOnlyFiles.directory(root));
    }

    Path root() {
        return root;
    }

    Path postgres() {
        return root.resolve("postgres");
    }

    Path s3() {
        return root.resolve("s3");
    }

    /** The embedded S3 credentials of this data directory, generated at its first use. */
    S3Credentials s3Credentials() {
        Path file = root.resolve(S3_CREDENTIALS_FILE);
        try {
            if (!Files.exists(file)) {
                S3Credentials generated = new S3Credentials("arkisto-" + random(8), random(24));
                Properties properties = new Properties();
                properties.setProperty("access-key", generated.accessKey());
                properties.setProperty("secret-key", generated.secretKey());
                try (OutputStream out = Files.newOutputStream(OwnerOnlyFiles.createIfMissing(file), StandardOpenOption.WRITE)) {
                    properties.store(out, "Generated credentials of the embedded S3 server of this data directory");
                }
            }
            Properties properties = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            }
            String accessKey = properties.getProperty("access-key");
            String secretKey = properties.getProperty("secret-key");
            if (accessKey == null || secretKey == null) {
                throw new IllegalStateException(file + " lacks access-key or secret-key");
            }
            return new S3Credentials(accessKey, secretKey);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        }
    }

    private static String random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
