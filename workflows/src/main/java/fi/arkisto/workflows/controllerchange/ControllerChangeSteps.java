package fi.arkisto.workflows.controllerchange;

import fi.arkisto.store.controllerchange.ArchivingPauses;
import fi.arkisto.store.controllerchange.ControllerChange;
import fi.arkisto.store.controllerchange.ControllerChangeAbandonment;
import fi.arkisto.store.controllerchange.ControllerChangeImpact;
import fi.arkisto.store.controllerchange.ControllerChangeRuns;
import fi.arkisto.store.controllerchange.ControllerChangeRuns.ControllerChangeRun;
import fi.arkisto.store.controllerchange.ControllerChangeService;
import fi.arkisto.workflows.identity.ProcessGroups;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.variable.Variables;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The delegates of bpmn/controller-change.bpmn, one bean ({@code ${controllerChangeSteps.countImpact}} and so on), each
 * a thin step over {@link ControllerChangeService}, {@link ControllerChangeRuns} and
 * {@link ControllerChangeAbandonment}.
 */
public final class ControllerChangeSteps {

    static final String CHANGE_ID = "changeId";
    static final String REPORT = "changeReport";
    /** The message an operator correlates to abandon a change not completed (StartEvent_AbandonRequested). */
    public static final String ABANDON_REQUESTED = "controllerChangeAbandonRequested";
    /** The message's variable: why the change is abandoned (required, as {@link ControllerChangeAbandonment} keeps it). */
    public static final String ABANDON_REASON = "abandonReason";
    static final String ABANDONED_BY = "abandonedBy";
    static final String SCHEDULED_BY = "scheduledBy";

    private final ControllerChangeService changes;
    private final ControllerChangeRuns runs;
    private final ArchivingPauses pauses;
    private final ControllerChangeAbandonment abandonment;

    public ControllerChangeSteps(ControllerChangeService changes, ControllerChangeRuns runs, ArchivingPauses pauses,
                                 ControllerChangeAbandonment abandonment) {
        this.changes = Objects.requireNonNull(changes);
        this.runs = Objects.requireNonNull(runs);
        this.pauses = Objects.requireNonNull(pauses);
        this.abandonment = Objects.requireNonNull(abandonment);
    }

    static UUID change(DelegateExecution execution) {
        return UUID.fromString((String) execution.getVariable(CHANGE_ID));
    }

    /** ServiceTask_CountImpact: what the change would move, for the approvers' forms; changes nothing. */
    public JavaDelegate getCountImpact() {
        return execution -> {
            ControllerChange change = changes.find(change(execution));
            ControllerChangeImpact impact = changes.impact(change.id());
            execution.setVariable("oldController", change.oldController());
            execution.setVariable("newController", change.newController());
            execution.setVariable("scope", change.scope().describe());
            execution.setVariable("reason", change.reason());
            execution.setVariable("plannedOn", change.plannedOn().toString());
            execution.setVariable("impactDocuments", impact.total().documents());
            execution.setVariable("impactClients", impact.total().clients());
            execution.setVariable("impactSets", impact.total().sets());
            execution.setVariable("impactOpenCases", impact.total().openCases());
            execution.setVariable("impactBytes", impact.total().bytes());
            StringBuilder parts = new StringBuilder();
            for (ControllerChangeImpact.Part part : impact.parts()) {
                parts.append(part.part()).append(": ").append(part.documents()).append(" documents, ")
                        .append(part.clients()).append(" clients, ").append(part.sets()).append(" sets, ")
                        .append(part.openCases()).append(" open cases, ").append(part.bytes()).append(" bytes\n");
            }
            execution.setVariable("impactParts", parts.toString().strip());
        };
    }

    /**
     * UserTask_ScheduleRun, on completion: the run is recorded as scheduled by the user who completed the task (the
     * engine's authenticated user, set by the tasklist and the REST API), over whatever the form sent; else the
     * assignee. The job's completion and the report name them.
     */
    public TaskListener getRecordScheduler() {
        return task -> {
            Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
            String user = current != null ? current.getUserId() : task.getAssignee();
            if (user != null) {
                task.getExecution().setVariable(SCHEDULED_BY, user);
            }
        };
    }

    /** ServiceTask_PauseArchiving: submissions into the scope are answered to retry later from now on. */
    public JavaDelegate getPauseArchiving() {
        return execution -> {
            changes.pause(change(execution));
            pauses.refresh();
        };
    }

    /**
     * ServiceTask_RunChangeJob: the controller change job to its end. A job that failed fails the engine's job, which
     * has no retries: an incident, retried from the cockpit once the cause is mended, and the job resumes where it
     * stopped. So does anything else thrown (the job could not be launched).
     */
    public JavaDelegate getRunChangeJob() {
        return execution -> {
            String scheduledBy = (String) execution.getVariable(SCHEDULED_BY);
            ControllerChangeRun run = runs.run(change(execution), scheduledBy == null ? "archive-operators" : scheduledBy);
            if (!run.completed()) {
                throw new IllegalStateException("The controller change job failed: " + run.failure());
            }
            execution.setVariable("documentsBefore", run.documentsBefore());
            execution.setVariable("documentsAfter", run.documentsAfter());
            execution.setVariable("assigned", run.assigned());
            execution.setVariable("swept", run.swept());
            execution.setVariable("samples", run.samples());
            execution.setVariable("auditChainValid", run.auditChainValid());
        };
    }

    /**
     * StartEvent_AbandonRequested, as the message is correlated (in the operator's own request, so the engine's current
     * authentication is the operator): records who abandons, and refuses a request without a reason, or for a change
     * that has completed, which then changes nothing (the correlation rolls back; the process waits where it did).
     */
    public ExecutionListener getRecordAbandonment() {
        return execution -> {
            Object reason = execution.getVariable(ABANDON_REASON);
            if (!(reason instanceof String text) || text.isBlank()) {
                throw new IllegalArgumentException("Give the reason for abandoning the controller change ("
                        + ABANDON_REASON + ")");
            }
            if (text.length() > ControllerChangeAbandonment.MAX_REASON) {
                throw new IllegalArgumentException("The reason for abandoning has " + text.length()
                        + " characters; at most " + ControllerChangeAbandonment.MAX_REASON + " are kept");
            }
            ControllerChange change = changes.find(change(execution));
            if (change.completed()) {
                throw new IllegalStateException(change.describe() + " has completed and cannot be abandoned");
            }
            Authentication current = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
            execution.setVariable(ABANDONED_BY, current != null ? current.getUserId() : ProcessGroups.ARCHIVE_OPERATORS);
        };
    }

    /**
     * ServiceTask_AbandonChange: the change recorded abandoned by the deciding operator with the reason (audited),
     * archiving into the scope resumed; its assignments never take effect.
     */
    public JavaDelegate getAbandonChange() {
        return execution -> {
            abandonment.abandon(change(execution), (String) execution.getVariable(ABANDONED_BY),
                    (String) execution.getVariable(ABANDON_REASON));
            pauses.refresh();
        };
    }

    /** ServiceTask_ResumeArchiving: archiving into the scope goes on; what waited now follows the change. */
    public JavaDelegate getResumeArchiving() {
        return execution -> {
            changes.resume(change(execution));
            pauses.refresh();
        };
    }

    /** ServiceTask_WriteReport: the PDF report as the file variable {@value #REPORT}. */
    public JavaDelegate getWriteReport() {
        return execution -> {
            ControllerChange change = changes.find(change(execution));
            ControllerChangeRun run = new ControllerChangeRun(change.completed(), null,
                    number(execution, "documentsBefore"), number(execution, "documentsAfter"),
                    number(execution, "assigned"), number(execution, "swept"), (int) number(execution, "samples"),
                    Boolean.TRUE.equals(execution.getVariable("auditChainValid")));
            List<String> participants = new ArrayList<>();
            participants.add("Pyytäjä / Requested by: " + change.createdByUser() + " (" + change.createdByOrganisation() + ")");
            add(participants, "Vanhan hyväksyjä / Approved for the old controller: ", execution.getVariable("oldApprovedBy"));
            add(participants, "Uuden hyväksyjä / Approved for the new controller: ", execution.getVariable("newApprovedBy"));
            add(participants, "Ajoitti / Scheduled by: ", execution.getVariable("scheduledBy"));
            byte[] pdf = ControllerChangeReport.write(change, run, participants);
            execution.setVariable(REPORT, Variables.fileValue("controller-change-" + change.id() + ".pdf").file(pdf)
                    .mimeType("application/pdf").create());
        };
    }

    private static long number(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static void add(List<String> lines, String label, Object value) {
        if (value != null) {
            lines.add(label + value);
        }
    }
}
