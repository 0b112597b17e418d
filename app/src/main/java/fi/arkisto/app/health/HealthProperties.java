package fi.arkisto.app.health;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code arkisto.health}: how long the readiness checks of the stores may take (docs/running.md, "Health").
 *
 * @param timeout longest a check of the database or of the object store may take before it answers DOWN
 *                (default 2 s): a probe of an instance whose store stopped answering must itself answer in time
 * @param databaseFailFast how long, after a connection to the database could not be had, further requests for one are
 *                refused at once instead of each waiting out the pool's connection timeout (default 5 s); then one
 *                request tries the server again
 */
@Validated
@ConfigurationProperties("arkisto.health")
public record HealthProperties(@NotNull @DefaultValue("2s") Duration timeout,
                               @NotNull @DefaultValue("5s") Duration databaseFailFast) {

    public HealthProperties {
        if (timeout != null && (timeout.isNegative() || timeout.isZero() || timeout.toSeconds() > 60)) {
            throw new IllegalArgumentException("arkisto.health.timeout must be above zero and at most 60 s: " + timeout);
        }
        if (databaseFailFast != null && (databaseFailFast.isNegative() || databaseFailFast.isZero())) {
            throw new IllegalArgumentException("arkisto.health.database-fail-fast must be above zero: " + databaseFailFast);
        }
    }
}
