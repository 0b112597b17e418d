package fi.arkisto.app.api.problem;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code arkisto.api.retry-after}: the {@code Retry-After} of a 503 {@code STORAGE_UNAVAILABLE} (whole seconds, at
 * least 1; default 5 s), how long a client system waits before it retries after a storage outage (docs/running.md,
 * "Operations"). Its own record beside the problem handler that answers it, so that the handler depends on nothing
 * of the API's controllers.
 */
@Validated
@ConfigurationProperties("arkisto.api")
public record RetryAfterProperties(@NotNull @DefaultValue("5s") Duration retryAfter) {

    public RetryAfterProperties {
        if (retryAfter != null && (retryAfter.isNegative() || retryAfter.toSeconds() > 3600)) {
            throw new IllegalArgumentException("arkisto.api.retry-after must be between 0 and 1 hour: " + retryAfter);
        }
    }

    /** The {@code Retry-After} header value of a 503: whole seconds, at least one. */
    public String header() {
        return Long.toString(Math.max(1, retryAfter.toSeconds()));
    }
}
