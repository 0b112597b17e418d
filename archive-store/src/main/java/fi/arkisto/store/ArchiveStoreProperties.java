package fi.arkisto.store;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Tuning of the archive store ({@code arkisto.store.*}).
 *
 * @param storageConcurrency parallel object-store writes of the bulk archiving path (default 16:
 *                           the knee of the PUT rate measured in STACK.md)
 * @param orphanGracePeriod  minimum age of an unreferenced object before the sweeper deletes it
 *                           (default 1 hour); must exceed the longest archiving in flight
 */
@Validated
@ConfigurationProperties(prefix = "arkisto.store")
public record ArchiveStoreProperties(@Min(1) @Max(256) Integer storageConcurrency, Duration orphanGracePeriod) {

    public ArchiveStoreProperties {
        if (storageConcurrency == null) {
            storageConcurrency = 16;
        }
        if (orphanGracePeriod == null) {
            orphanGracePeriod = Duration.ofHours(1);
        }
        if (orphanGracePeriod.isNegative()) {
            throw new IllegalArgumentException("arkisto.store.orphan-grace-period must not be negative");
        }
    }
}
