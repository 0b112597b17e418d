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
 * @param orphanSweepInterval how often the sweeper runs while the application runs (default 24 hours;
 *                           {@code 0} switches the schedule off, e.g. where a batch job sweeps); across the instances
 *                           sharing the store, one sweep per interval (docs/running.md, "Operations")
 * @param orphanSweepInitialDelay time from start to the first sweep (default 2 minutes): an instance restarted more
 *                           often than the interval still sweeps, unless another swept within the interval
 */
@Validated
@ConfigurationProperties(prefix = "arkisto.store")
public record ArchiveStoreProperties(@Min(1) @Max(256) Integer storageConcurrency, Duration orphanGracePeriod,
                                     Duration orphanSweepInterval, Duration orphanSweepInitialDelay) {

    public ArchiveStoreProperties {
        if (storageConcurrency == null) {
            storageConcurrency = 16;
        }
        if (orphanGracePeriod == null) {
            orphanGracePeriod = Duration.ofHours(1);
        }
        if (orphanSweepInterval == null) {
            orphanSweepInterval = Duration.ofHours(24);
        }
        if (orphanSweepInitialDelay == null) {
            orphanSweepInitialDelay = Duration.ofMinutes(2);
        }
        if (orphanSweepInitialDelay.isNegative()) {
            throw new IllegalArgumentException("arkisto.store.orphan-sweep-initial-delay must not be negative");
        }
        if (orphanSweepInterval.isNegative()) {
            throw new IllegalArgumentException("arkisto.store.orphan-sweep-interval must not be negative");
        }
        if (orphanGracePeriod.isNegative()) {
            throw new IllegalArgumentException("arkisto.store.orphan-grace-period must not be negative");
        }
    }
}
