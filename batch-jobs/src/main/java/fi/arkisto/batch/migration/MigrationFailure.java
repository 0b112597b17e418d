package fi.arkisto.batch.migration;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionException;
import org.springframework.batch.core.StepExecution;
import org.springframework.batch.item.ExecutionContext;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Why a migration did not complete, in one sentence an operator can act on, kept in the job execution's context so
 * that every instance sharing the job repository can show it ({@code GET /api/v1/migrations/{id}}, the command line's
 * last line, the log). A refusal of the archive ({@link ArchiveException}) keeps its code; any other failure gives its
 * root cause's message. Spring Batch's own exit description holds a stack trace, which is no answer for a user.
 *
 * @param code   the error code when the failure has one (e.g. LEGACY_MANIFEST_INVALID, STORAGE_UNAVAILABLE), else null
 * @param reason what went wrong
 */
public record MigrationFailure(ErrorCode code, String reason) {

    static final String CODE_KEY = "failureCode";
    static final String REASON_KEY = "failureReason";
    private static final int MAX_REASON = 1000;
    /** What a partitioned step says about its partitions; the partition's own failure is the reason. */
    private static final String PARTITION_SUMMARY = "Partition handler returned an unsuccessful step";

    static MigrationFailure abandoned() {
        return new MigrationFailure(null, "The process running this migration stopped before it ended (killed or"
                + " lost); launching the migration again resumes it");
    }

    /** The failure recorded in a job execution's context, if any. */
    static Optional<MigrationFailure> recordedIn(ExecutionContext context) {
        if (!context.containsKey(REASON_KEY)) {
            return Optional.empty();
        }
        String code = context.containsKey(CODE_KEY) ? context.getString(CODE_KEY) : null;
        return Optional.of(new MigrationFailure(code == null ? null : ErrorCode.valueOf(code), context.getString(REASON_KEY)));
    }

    void recordIn(ExecutionContext context) {
        context.putString(REASON_KEY, reason);
        if (code != null) {
            context.putString(CODE_KEY, code.name());
        } else {
            context.remove(CODE_KEY);
        }
    }

    static void clearIn(ExecutionContext context) {
        context.remove(REASON_KEY);
        context.remove(CODE_KEY);
    }

    /**
     * The most specific failure of an execution: a refusal with a code wherever it sits (a partition's, the index
     * step's), else the first failure's root cause, else the first line of a failed step's exit description as the
     * repository holds it (partitions run by remote workers leave only that), else the exit status.
     *
     * @param persistedSteps the execution's step executions as the repository holds them (for remote partitions)
     */
    static MigrationFailure of(JobExecution execution, Collection<StepExecution> persistedSteps) {
        List<Throwable> failures = new ArrayList<>(execution.getAllFailureExceptions());
        for (Throwable failure : failures) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof ArchiveException e) {
                    return new MigrationFailure(e.code(), bounded(e.detail()));
                }
            }
        }
        for (Throwable failure : failures) {
            if (!(failure instanceof JobExecutionException) || !PARTITION_SUMMARY.equals(failure.getMessage())) {
                return new MigrationFailure(null, bounded(describe(rootCause(failure))));
            }
        }
        for (StepExecution step : persistedSteps) {
            String description = step.getExitStatus().getExitDescription();
            if (step.getStatus().isUnsuccessful() && description != null && !description.isBlank()
                    && !description.contains(PARTITION_SUMMARY)) {
                return new MigrationFailure(null, bounded(step.getStepName() + ": " + firstLine(description)));
            }
        }
        return new MigrationFailure(null, "The migration ended " + execution.getStatus() + " ("
                + execution.getExitStatus().getExitCode() + ")");
    }

    private static Throwable rootCause(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName()
                : message + " (" + t.getClass().getSimpleName() + ")";
    }

    /** "com.example.SomeException: what happened" of a stack trace's first line becomes "what happened (SomeException)". */
    private static String firstLine(String stackTrace) {
        String line = stackTrace.lines().findFirst().orElse(stackTrace).strip();
        int colon = line.indexOf(": ");
        if (colon > 0 && line.substring(0, colon).matches("[\\w.$]+")) {
            String type = line.substring(0, colon);
            return line.substring(colon + 2) + " (" + type.substring(type.lastIndexOf('.') + 1) + ")";
        }
        return line;
    }

    private static String bounded(String text) {
        return text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON - 1) + "…";
    }
}
