package fi.arkisto.store.migration;

import fi.arkisto.store.error.ErrorCode;

import java.util.List;

/**
 * How one execution of a migration stands or ended, as an operator reviews it: the counts (of the whole migration,
 * across its executions), the reject report and the first rejects' reasons, and for an execution that ended without
 * completing, why.
 *
 * @param status         the execution's status (STARTING, STARTED, COMPLETED, FAILED, STOPPED, ...)
 * @param ended          whether the execution has ended
 * @param rejectReport   the reject report's path on the server, once written
 * @param firstRejects   the first rejected rows, each as "row N (legacy id): CODE reason"
 * @param failureCode    the failure's error code when it has one
 * @param failureReason  why an ended execution did not complete, in a sentence; null otherwise
 */
public record MigrationOutcome(long migrationId, long jobExecutionId, String controller, String packageLocation,
                               String status, boolean ended, long totalRows, long archived, long rejected,
                               String rejectReport, List<String> firstRejects, ErrorCode failureCode,
                               String failureReason) {

    public MigrationOutcome {
        firstRejects = List.copyOf(firstRejects);
    }

    public boolean completed() {
        return ended && "COMPLETED".equals(status);
    }

    public boolean failed() {
        return ended && !completed();
    }
}
