package fi.arkisto.app.api;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code arkisto.api}: limits of the REST API.
 *
 * @param maxDocumentSize largest CDA document accepted for archiving (413 {@code DOCUMENT_TOO_LARGE} above it)
 * @param defaultPageSize page size of the client document list when the request names none
 * @param maxPageSize     largest page size a request may ask for
 * @param retryAfter      the {@code Retry-After} of a 503 {@code STORAGE_UNAVAILABLE} (whole seconds, at least 1;
 *                        default 5 s): how long a client system waits before it retries after a storage outage
 */
@Validated
@ConfigurationProperties("arkisto.api")
public record ApiProperties(@NotNull @DefaultValue("20MB") DataSize maxDocumentSize,
                            @Min(1) @Max(1000) @DefaultValue("20") int defaultPageSize,
                            @Min(1) @Max(1000) @DefaultValue("200") int maxPageSize,
                            @NotNull @DefaultValue("5s") Duration retryAfter) {

    public ApiProperties {
        if (retryAfter != null && (retryAfter.isNegative() || retryAfter.toSeconds() > 3600)) {
            throw new IllegalArgumentException("arkisto.api.retry-after must be between 0 and 1 hour: " + retryAfter);
        }
    }

    /** The {@code Retry-After} header value of a 503: whole seconds, at least one. */
    public String retryAfterHeader() {
        return Long.toString(Math.max(1, retryAfter.toSeconds()));
    }
}
