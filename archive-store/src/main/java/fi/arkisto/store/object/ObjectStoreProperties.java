package fi.arkisto.store.object;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.validation.annotation.Validated;

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
 */
@Validated
@ConfigurationProperties(prefix = "arkisto.s3")
public record ObjectStoreProperties(@NotBlank String endpoint, @NotBlank String accessKey, @NotBlank String secretKey,
                                    @NotBlank String bucket, String region, String sslBundle) {

    @ConstructorBinding
    public ObjectStoreProperties {
        if (region == null || region.isBlank()) {
            region = "us-east-1";
        }
        if (sslBundle != null && sslBundle.isBlank()) {
            sslBundle = null;
        }
    }

    /** A store reached with the JDK's default trust (plain http, or https with a publicly trusted certificate). */
    public ObjectStoreProperties(String endpoint, String accessKey, String secretKey, String bucket, String region) {
        this(endpoint, accessKey, secretKey, bucket, region, null);
    }

    @Override
    public String toString() {
        return "ObjectStoreProperties[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region
                + (sslBundle == null ? "" : ", sslBundle=" + sslBundle) + "]";
    }
}
