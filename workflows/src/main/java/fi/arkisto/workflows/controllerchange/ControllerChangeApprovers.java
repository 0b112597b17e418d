package fi.arkisto.workflows.controllerchange;

import fi.arkisto.workflows.identity.DeploymentLeads;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.delegate.TaskListener;

import java.util.Objects;

/**
 * The create listener of the two approval tasks of bpmn/controller-change.bpmn ({@code ${controllerChangeApprovers}}):
 * the old controller approves for itself and the new controller for itself (kanta.fi, controller change;
 * docs/workflows.md, "Controller change"), so each task's only candidates are that organisation's deployment leads
 * (the group {@link DeploymentLeads#groupOf}); the engine's task authorizations keep every other lead from seeing or
 * completing it. When the organisation has no deployment lead, the task says so in its name and description; it waits,
 * and the lead configured for the organisation sees it after the next start. Its complete listener records who decided.
 */
public final class ControllerChangeApprovers implements TaskListener {

    static final String OLD_TASK = "UserTask_ApproveAsOldController";
    static final String NEW_TASK = "UserTask_ApproveAsNewController";

    private final DeploymentLeads leads;

    public ControllerChangeApprovers(DeploymentLeads leads) {
        this.leads = Objects.requireNonNull(leads);
    }

    @Override
    public void notify(DelegateTask task) {
        boolean old = switch (task.getTaskDefinitionKey()) {
            case OLD_TASK -> true;
            case NEW_TASK -> false;
            default -> throw new IllegalStateException("Not an approval task of a controller change: "
                    + task.getTaskDefinitionKey());
        };
        if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            recordApprover(task, old ? "oldApprovedBy" : "newApprovedBy");
        } else {
            offer(task, (String) task.getVariable(old ? "oldController" : "newController"));
        }
    }

    /**
     * The decision is recorded as the user's who completed the task: the engine's authenticated user (the tasklist and
     * the REST API set it), over whatever the form sent; else the assignee; the report names them.
     */
    private static void recordApprover(DelegateTask task, String variable) {
        Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String user = current != null && current.getUserId() != null ? current.getUserId() : task.getAssignee();
        if (user != null) {
            task.getExecution().setVariable(variable, user);
        }
    }

    private void offer(DelegateTask task, String organisation) {
        task.addCandidateGroup(DeploymentLeads.groupOf(organisation));
        if (leads.of(organisation).isEmpty()) {
            task.setName(task.getName() + ": no deployment lead of " + organisation + " is configured");
            task.setDescription("Organisaatiolla " + organisation + " ei ole käyttöönoton vastaavaa: ylläpito lisää sen "
                    + "(arkisto.workflows.users[n].organisations). / The organisation " + organisation + " has no "
                    + "deployment lead: an operator configures one (arkisto.workflows.users[n].organisations), who then "
                    + "approves or refuses here.");
        }
    }
}
