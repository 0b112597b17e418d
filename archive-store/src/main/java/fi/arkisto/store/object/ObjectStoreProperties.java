package fi.arkisto.store.object;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Where the original document bytes are kept: any S3-compatible store (MinIO, or the embedded
 * s3proxy of the no-setup default). Credentials come from configuration or the environment; there
 * are no defaults (COMMON: no default passwords outside a dev profile).
 *
 * @param endpoint  e.g. {@code https://minio.example:9000} ({@code http} only on a trusted network)
 * @param accessKey S3 access key
 * @param secretKey S3 secret key
 * @param bucket    bucket holding the archive's objects; created at start when missing
 * @param region    S3 region, {@code us-east-1} when not set
 * @param sslBundle for an {@code https} endpoint whose certificate the JDK's default trust store does not know: the
 *                  Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) whose trust store holds its CA; unset = the
 *                  JDK's default trust
 * @param connectTimeout longest wait for a connection to the store (default 5 s)
 * @param readTimeout    longest wait for the store's next bytes, on any read of a response (default 30 s): a store
 *                       that accepts connections and stops answering fails the call within this, as
 *                       {@code STORAGE_UNAVAILABLE}, instead of holding a request thread
 * @param writeTimeout   longest wait for the store to take the next bytes of a request body (default 30 s)
 */
@Validated
@ConfigurationProperties(prefix = "arkisto.s3")
public record ObjectStoreProperties(@NotBlank String endpoint, @NotBlank String accessKey, @NotBlank String secretKey,
                                    @NotBlank String bucket, String region, String sslBundle,
                                    Duration connectTimeout, Duration readTimeout, Duration writeTimeout) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(30);

    @ConstructorBinding
    public ObjectStoreProperties {
        connectTimeout = positive("connect-timeout", connectTimeout, DEFAULT_CONNECT_TIMEOUT);
        readTimeout = positive("read-timeout", readTimeout, DEFAULT_READ_TIMEOUT);
        writeTimeout = positive("write-timeout", writeTimeout, DEFAULT_WRITE_TIMEOUT);
        if (region == null || region.isBlank()) {
            region = "us-east-1";
        }
        if (sslBundle != null && sslBundle.isBlank()) {
            sslBundle = null;
        }
    }

    /** A store reached with the JDK's default trust (plain http, or https with a publicly trusted certificate). */
    public ObjectStoreProperties(String endpoint, String accessKey, String secretKey, String bucket, String region) {
        this(endpoint, accessKey, secretKey, bucket, region, null, null, null, null);
    }

    /** A store reached under an SSL bundle, with the default timeouts. */
    public ObjectStoreProperties(String endpoint, String accessKey, String secretKey, String bucket, String region,
                                 String sslBundle) {
        this(endpoint, accessKey, secretKey, bucket, region, sslBundle, null, null, null);
    }

    /** The same store with other timeouts. */
    public ObjectStoreProperties withTimeouts(Duration connect, Duration read, Duration write) {
        return new ObjectStoreProperties(endpoint, accessKey, secretKey, bucket, region, sslBundle, connect, read, write);
    }

    // zero would mean "no timeout" to OkHttp: exactly the hang these settings exist to prevent
    private static Duration positive(String name, Duration value, Duration fallback) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("arkisto.s3." + name + " must be positive: " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "ObjectStoreProperties[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region
                + (sslBundle == null ? "" : ", sslBundle=" + sslBundle) + ", connectTimeout=" + connectTimeout
                + ", readTimeout=" + readTimeout + ", writeTimeout=" + writeTimeout + "]";
    }
}
