package fi.arkisto.store.controllerchange;

import java.util.UUID;

/**
 * Runs a change's controller change job (the batch jobs implement it; the processes ask through it, so that the
 * workflows do not depend on Spring Batch): to its end, in the calling thread; running it again after a failure
 * resumes it where it stopped.
 */
public interface ControllerChangeRuns {

    /**
     * @param scheduledBy who scheduled the run, recorded with the change's completion
     */
    ControllerChangeRun run(UUID change, String scheduledBy);

    /**
     * A run's end.
     *
     * @param completed       the job completed: every document assigned and verified, the change completed
     * @param failure         why it failed, or null
     * @param documentsBefore the scope's documents when the run began
     * @param documentsAfter  the scope's documents at the verification
     * @param assigned        the change's assignments
     * @param swept           assigned by the verification's sweep (archived just before the pause reached every instance)
     * @param samples         the sampled documents read back byte-identical
     * @param auditChainValid the audit chain verified
     */
    record ControllerChangeRun(boolean completed, String failure, long documentsBefore, long documentsAfter,
                               long assigned, long swept, int samples, boolean auditChainValid) {
    }
}
