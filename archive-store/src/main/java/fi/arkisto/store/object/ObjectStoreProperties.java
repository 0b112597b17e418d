package fi.arkisto.store.object;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the original document bytes are kept: any S3-compatible store (MinIO, or the embedded
 * s3proxy of the no-setup default). Credentials come from configuration or the environment; there
 * are no defaults (COMMON: no default passwords outside a dev profile).
 *
 * @param endpoint  e.g. {@code http://127.0.0.1:9000}
 * @param accessKey S3 access key
 * @param secretKey S3 secret key
 * @param bucket    bucket holding the archive's objects; created at start when missing
 * @param region    S3 region, {@code us-east-1} when not set
 */
@Validated
@ConfigurationProperties(prefix = "arkisto.s3")
public record ObjectStoreProperties(@NotBlank String endpoint, @NotBlank String accessKey, @NotBlank String secretKey,
                                    @NotBlank String bucket, String region) {

    public ObjectStoreProperties {
        if (region == null || region.isBlank()) {
            region = "us-east-1";
        }
    }

    @Override
    public String toString() {
        return "ObjectStoreProperties[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region + "]";
    }
}
