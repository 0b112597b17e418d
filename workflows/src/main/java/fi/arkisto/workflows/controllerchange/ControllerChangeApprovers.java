package fi.arkisto.workflows.controllerchange;

import fi.arkisto.workflows.identity.DeploymentLeads;
import fi.arkisto.workflows.identity.ProcessGroups;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.delegate.TaskListener;

import java.util.Objects;

/**
 * The create listener of the two approval tasks of bpmn/controller-change.bpmn ({@code ${controllerChangeApprovers}}):
 * the old controller approves for itself and the new controller for itself (kanta.fi, controller change;
 * docs/workflows.md, "Controller change"), so each task's only candidates are that organisation's deployment leads
 * (the group {@link DeploymentLeads#groupOf}); the engine's task authorizations keep every other lead from seeing or
 * completing it. When the organisation has no deployment lead, the task says so in its name and description; it waits,
 * and the lead configured for the organisation sees it after the next start. Its complete listener refuses anyone
 * else and records who decided.
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
        String organisation = (String) task.getVariable(old ? "oldController" : "newController");
        if (EVENTNAME_COMPLETE.equals(task.getEventName())) {
            recordApprover(task, organisation, old ? "oldApprovedBy" : "newApprovedBy");
        } else {
            offer(task, organisation);
        }
    }

    /**
     * Only a lead of the organisation decides, even one the task was assigned to by hand (the engine's task
     * authorization would let any assignee complete it): another signed-in user is refused as unauthorized. The
     * decision is recorded as the user's who completed the task: the engine's authenticated user (the tasklist and the
     * REST API set it), over whatever the form sent; else the assignee; the report names them.
     */
    private void recordApprover(DelegateTask task, String organisation, String variable) {
        Authentication current = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        String signedIn = current == null ? null : current.getUserId();
        if (signedIn != null && !leads.of(organisation).contains(signedIn)) {
            throw new AuthorizationException(signedIn, "TASK_WORK (a deployment lead of " + organisation + ")", "Task",
                    task.getId());
        }
        String user = signedIn != null ? signedIn : task.getAssignee();
        if (user != null) {
            task.getExecution().setVariable(variable, user);
        }
    }

    /**
     * Approvals that wait offered to every deployment lead (created by an earlier model, whose candidate group was
     * {@code deployment-leads}) are offered to their own controller's leads instead; the engine takes back the
     * group's task authorization with its candidacy. Run at every start; answers how many were re-offered.
     */
    public static int reofferWaiting(TaskService tasks) {
        int reoffered = 0;
        for (Task waiting : tasks.createTaskQuery().processDefinitionKey(ProcessGroups.CONTROLLER_CHANGE)
                .taskDefinitionKeyIn(OLD_TASK, NEW_TASK).taskCandidateGroup(ProcessGroups.DEPLOYMENT_LEADS)
                .includeAssignedTasks().list()) {
            String variable = OLD_TASK.equals(waiting.getTaskDefinitionKey()) ? "oldController" : "newController";
            String organisation = (String) tasks.getVariable(waiting.getId(), variable);
            tasks.addCandidateGroup(waiting.getId(), DeploymentLeads.groupOf(organisation));
            tasks.deleteCandidateGroup(waiting.getId(), ProcessGroups.DEPLOYMENT_LEADS);
            reoffered++;
        }
        return reoffered;
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
