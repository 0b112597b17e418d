package fi.arkisto.store.document;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.schedule.FixedDelaySchedule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Runs the {@link OrphanObjectSweeper} soon after start and then every interval while the application runs, so stray
 * objects of crashed archivings are removed without an operator (invariant 2, docs/invariants.md) even on an instance
 * restarted more often than the interval. Across every instance sharing the store a sweep runs once per interval: a
 * round takes the ShedLock lock {@value #LOCK} in the shared PostgreSQL (held at least one interval from the start of
 * the sweep that took it, so the other instances' rounds in that interval find it held and skip). Each sweep that ran
 * is recorded in {@link OrphanSweepLog} and counted in the {@code arkisto.orphans.*} metrics (docs/running.md,
 * "Operations").
 */
public class OrphanSweepSchedule extends FixedDelaySchedule {

    /** The name of the sweep's lock in {@code archive.shedlock}. */
    public static final String LOCK = "arkisto-orphan-sweep";
    /** How long past the interval a lock of an instance that died mid-sweep keeps the others from sweeping. */
    static final Duration CRASHED_SWEEP_HOLD = Duration.ofHours(1);

    private static final Logger log = LoggerFactory.getLogger(OrphanSweepSchedule.class);

    private final OrphanObjectSweeper sweeper;
    private final OrphanSweepLog sweeps;
    private final LockingTaskExecutor locks;
    private final String instance;
    private final Clock clock;
    private final MeterRegistry meters;

    /**
     * @param initialDelay time from start to the first round
     * @param interval     time between rounds; zero switches the schedule off (e.g. where a batch job sweeps)
     * @param instance     this instance's name in the records and the lock
     */
    public OrphanSweepSchedule(OrphanObjectSweeper sweeper, OrphanSweepLog sweeps, LockProvider lockProvider,
                               TaskScheduler scheduler, Duration initialDelay, Duration interval, String instance,
                               Clock clock, MeterRegistry meters) {
        super("the orphan sweep", scheduler, initialDelay, interval);
        this.sweeper = sweeper;
        this.sweeps = sweeps;
        this.locks = new DefaultLockingTaskExecutor(lockProvider);
        this.instance = instance;
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    protected void runOnce() {
        LockConfiguration lock = new LockConfiguration(clock.instant(), LOCK,
                interval().plus(CRASHED_SWEEP_HOLD), interval());
        LockingTaskExecutor.TaskResult<Boolean> result;
        try {
            result = locks.executeWithLock(this::sweepAndRecord, lock);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        if (!result.wasExecuted()) {
            log.debug("The orphan sweep of this interval runs on another instance");
            count("skipped");
        }
    }

    private boolean sweepAndRecord() {
        Instant started = clock.instant();
        OrphanObjectSweeper.Tally tally = new OrphanObjectSweeper.Tally();
        try {
            sweeper.sweep(tally);
        } catch (RuntimeException e) {
            count("failed");
            recordQuietly(started, OrphanSweepLog.Outcome.FAILED, tally, e instanceof ArchiveException archive
                    ? archive.code() + ": " + archive.detail() : e.toString());
            throw e;
        }
        count("completed");
        Counter.builder("arkisto.orphans.removed").description("Stray objects the orphan sweep removed")
                .register(meters).increment(tally.removed().size());
        sweeps.record(started, clock.instant(), instance, OrphanSweepLog.Outcome.COMPLETED, tally, null);
        return true;
    }

    /** A sweep that failed because a store is down may fail to record too: the failure itself is what is logged. */
    private void recordQuietly(Instant started, OrphanSweepLog.Outcome outcome, OrphanObjectSweeper.Tally tally,
                               String error) {
        try {
            sweeps.record(started, clock.instant(), instance, outcome, tally, error);
        } catch (RuntimeException e) {
            log.warn("The failed orphan sweep could not be recorded: {}", e.toString());
        }
    }

    private void count(String outcome) {
        Counter.builder("arkisto.orphans.sweeps").description("Rounds of the orphan sweep, by outcome")
                .tag("outcome", outcome).register(meters).increment();
    }
}
