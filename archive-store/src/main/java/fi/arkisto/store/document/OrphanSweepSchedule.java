package fi.arkisto.store.document;

import fi.arkisto.store.schedule.FixedDelaySchedule;
import org.springframework.scheduling.TaskScheduler;

import java.time.Duration;

/**
 * Runs the {@link OrphanObjectSweeper} every interval while the application runs, so stray objects
 * of crashed archivings are removed without an operator (invariant 2 (docs/invariants.md)). Several application
 * instances may each run it: deleting an unreferenced object twice is harmless.
 */
public class OrphanSweepSchedule extends FixedDelaySchedule {

    private final OrphanObjectSweeper sweeper;

    /** @param interval time between sweeps; zero switches the schedule off (e.g. where a batch job sweeps) */
    public OrphanSweepSchedule(OrphanObjectSweeper sweeper, TaskScheduler scheduler, Duration interval) {
        super("the orphan sweep", scheduler, interval);
        this.sweeper = sweeper;
    }

    @Override
    protected void runOnce() {
        sweeper.sweep();
    }
}
