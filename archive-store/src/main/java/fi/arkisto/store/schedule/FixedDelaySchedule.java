package fi.arkisto.store.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.TaskScheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;

/**
 * A task run on the given scheduler every interval (the first round after an initial delay, by default one interval)
 * while the application runs; a failing
 * round is logged and the next round tries again, so one failure never ends the schedule. Stopping cancels the
 * rounds (interrupting one in progress); starting again schedules them anew.
 */
public abstract class FixedDelaySchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FixedDelaySchedule.class);

    private final String name;
    private final TaskScheduler scheduler;
    private final Duration initialDelay;
    private final Duration interval;
    private ScheduledFuture<?> rounds;

    /**
     * @param name      what the schedule does, in its log lines
     * @param scheduler whose threads run the rounds (the archive's, {@link ScheduleConfiguration#SCHEDULER})
     * @param interval  time between rounds; zero switches the schedule off
     */
    protected FixedDelaySchedule(String name, TaskScheduler scheduler, Duration interval) {
        this(name, scheduler, interval, interval);
    }

    /**
     * @param initialDelay time from start to the first round: a round that must happen even on an instance restarted
     *                     more often than the interval starts soon after start
     * @param interval     time between rounds; zero switches the schedule off
     */
    protected FixedDelaySchedule(String name, TaskScheduler scheduler, Duration initialDelay, Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("the interval of " + name + " must not be negative");
        }
        if (initialDelay.isNegative()) {
            throw new IllegalArgumentException("the initial delay of " + name + " must not be negative");
        }
        this.name = name;
        this.scheduler = scheduler;
        this.initialDelay = initialDelay;
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
        if (interval.isZero() || !enabled() || rounds != null) {
            return;
        }
        rounds = scheduler.scheduleWithFixedDelay(this::runQuietly, Instant.now().plus(initialDelay), interval);
    }

    @Override
    public synchronized void stop() {
        if (rounds != null) {
            rounds.cancel(true);
            rounds = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return rounds != null;
    }

    private void runQuietly() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            log.warn("A round of {} failed; the next one tries again", name, e);
        }
    }
}
