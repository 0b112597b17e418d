package fi.arkisto.store.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A task run on a daemon thread of its own every interval (after a first interval) while the application runs; a
 * failing round is logged and the next round tries again, so one failure never ends the schedule.
 */
public abstract class FixedDelaySchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FixedDelaySchedule.class);

    private final String threadName;
    private final Duration interval;
    private ScheduledExecutorService executor;

    /** @param interval time between rounds; zero switches the schedule off */
    protected FixedDelaySchedule(String threadName, Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("the interval of " + threadName + " must not be negative");
        }
        this.threadName = threadName;
        this.interval = interval;
    }

    /** One round. */
    protected abstract void runOnce();

    /** Whether there is anything to schedule at all (besides a non-zero interval). */
    protected boolean enabled() {
        return true;
    }

    protected Duration interval() {
        return interval;
    }

    @Override
    public synchronized void start() {
        if (interval.isZero() || !enabled() || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
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

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("A round of {} failed; the next one tries again", threadName, e);
        }
    }
}
