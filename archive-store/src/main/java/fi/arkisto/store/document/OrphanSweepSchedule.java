package fi.arkisto.store.document;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs the {@link OrphanObjectSweeper} every interval while the application runs, so stray objects
 * of crashed archivings are removed without an operator (DESIGN invariant 2). Several application
 * instances may each run it: deleting an unreferenced object twice is harmless.
 */
public class OrphanSweepSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OrphanSweepSchedule.class);

    private final OrphanObjectSweeper sweeper;
    private final Duration interval;
    private ScheduledExecutorService executor;

    /** @param interval time between sweeps; zero switches the schedule off (e.g. where a batch job sweeps) */
    public OrphanSweepSchedule(OrphanObjectSweeper sweeper, Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("the sweep interval must not be negative");
        }
        this.sweeper = sweeper;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (interval.isZero() || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "arkisto-orphan-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::sweepQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    private void sweepQuietly() {
        try {
            sweeper.sweep();
        } catch (RuntimeException e) {
            // the next round tries again; a failing store must not end the schedule
            log.warn("Orphan object sweep failed", e);
        }
    }
}
