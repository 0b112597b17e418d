package fi.arkisto.batch.controllerchange;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;

import java.time.Duration;

/**
 * The pace of the controller change's assignments on this instance ({@code arkisto.controller-change.max-rate}),
 * shared by all its partitions: a run spread over its window leaves the CPU and the database to the archiving of
 * other registers (docs/workflows.md, "The job"). A chunk waits for its documents' permits before it writes, while it
 * holds no lock yet; a rate of 0 never waits.
 */
final class AssignmentRate {

    /** Permits are handed out ten times a second, so that a chunk waits at most about its own share. */
    private static final Duration PERIOD = Duration.ofMillis(100);

    private final RateLimiter limiter;

    AssignmentRate(int documentsPerSecond) {
        this.limiter = documentsPerSecond <= 0 ? null : RateLimiter.of("controller-change", RateLimiterConfig.custom()
                .limitRefreshPeriod(PERIOD).limitForPeriod(Math.max(1, documentsPerSecond / 10))
                // a chunk of the largest size at the lowest rate waits this long at most
                .timeoutDuration(Duration.ofHours(1)).build());
    }

    /** Waits until {@code documents} more may be assigned. */
    void acquire(int documents) {
        if (limiter != null && documents > 0 && !limiter.acquirePermission(documents)) {
            throw new IllegalStateException("The controller change waited over an hour for its rate of "
                    + limiter.getRateLimiterConfig().getLimitForPeriod() * 10 + " documents a second");
        }
    }
}
