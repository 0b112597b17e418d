package fi.arkisto.app.packaged;

import fi.arkisto.app.packaged.DrillVerdict.Fault;

import java.time.Duration;
import java.time.Instant;

/**
 * The course of every fault drill: the archive started on the drill's stores, four REST client systems and a queue
 * client system under way, the fault struck once the load runs and right after an orphan sweep, then the load carried
 * to its end and the {@link DrillVerdict} taken.
 */
final class FaultUnderLoad {

    static final int REST_CLIENTS = 4;
    static final int DOCUMENTS_PER_CLIENT = 75;
    static final int QUEUED_DOCUMENTS = 60;
    /** Far beyond what the load needs, so that a hung client fails the drill instead of stalling the build. */
    static final Duration DEADLINE = Duration.ofMinutes(4);

    /** The fault itself: strikes, waits for it to be over, and tells when it began and when it was over. */
    interface Strike {
        Fault strike(Drill drill) throws Exception;
    }

    private FaultUnderLoad() {
    }

    /**
     * @param processGone whether the fault takes the archive's process away (requests then go unanswered)
     */
    static void drill(Drill drill, boolean processGone, Strike strike) throws Exception {
        Duration started = drill.start();
        System.out.printf("DRILL %s: the archive answered health %d ms after its start%n", drill.name(), started.toMillis());
        DrillLoad rest = new DrillLoad(drill, REST_CLIENTS, DOCUMENTS_PER_CLIENT, DEADLINE);
        try (DrillQueueLoad queue = new DrillQueueLoad(drill, QUEUED_DOCUMENTS)) {
            // given the load under way
            rest.start();
            queue.start();
            rest.awaitArchived(REST_CLIENTS * 5, Duration.ofSeconds(60));
            // right after a sweep: a sweep cut short by the fault would hold its lock an interval and an hour
            // (docs/running.md, "The orphan sweep"), longer than the drill waits for the next one
            drill.awaitSweep(Instant.now(), "COMPLETED", Drill.SWEEP_INTERVAL.multipliedBy(3));

            // when the fault strikes and is over
            Fault fault = strike.strike(drill);

            // then, once the load is done, everything holds
            rest.awaitEnd();
            queue.awaitEveryReply(DEADLINE);
            new DrillVerdict(drill, rest, queue, fault, processGone).assertHeld(Instant.now());
        } catch (AssertionError | RuntimeException e) {
            System.out.println("DRILL " + drill.name() + " failed; the archive's log ends:\n" + tail(drill));
            throw e;
        }
    }

    private static String tail(Drill drill) {
        try {
            String log = drill.log();
            return log.length() > 20_000 ? log.substring(log.length() - 20_000) : log;
        } catch (Exception e) {
            return "(no log: " + e + ")";
        }
    }
}
