package fi.arkisto.workflows.controllerchange;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.controllerchange.ControllerChange;
import fi.arkisto.store.controllerchange.ControllerChangeRequest;
import fi.arkisto.store.controllerchange.ControllerChangeService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;

import java.util.Map;
import java.util.Objects;

/**
 * Records a requested controller change and starts its process (bpmn/controller-change.bpmn), business key
 * {@code controller-change:<old controller>:<change id>}: a refused request ({@link ControllerChangeService#request})
 * starts nothing.
 */
public class ControllerChangeStarter {

    public static final String PROCESS = "controllerChange";

    private final ControllerChangeService changes;
    private final RuntimeService runtime;

    public ControllerChangeStarter(ControllerChangeService changes, RuntimeService runtime) {
        this.changes = Objects.requireNonNull(changes);
        this.runtime = Objects.requireNonNull(runtime);
    }

    /** The change recorded and its process started. */
    public record Started(ControllerChange change, String processInstanceId) {
    }

    public Started start(ControllerChangeRequest request, RequestContext context) {
        ControllerChange change = changes.request(request, context);
        ProcessInstance process = runtime.startProcessInstanceByKey(PROCESS,
                "controller-change:" + change.oldController() + ":" + change.id(),
                Map.of(ControllerChangeSteps.CHANGE_ID, change.id().toString(), "requestedBy", context.userId()));
        return new Started(change, process.getId());
    }
}
