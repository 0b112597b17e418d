package fi.arkisto.workflows.deploymenttest;

import fi.arkisto.store.deploymenttest.TestRun;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import java.util.Date;

/** Task_HandOutTestIdentities: records the agreed window and hands out test identity codes; sets the timers' dates. */
class HandOutTestIdentitiesDelegate implements JavaDelegate {

    private final DeploymentTestService service;

    HandOutTestIdentitiesDelegate(DeploymentTestService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Long count = ProcessValues.number(execution, "testIdentityCount");
        TestRun run = service.schedule(ProcessValues.runId(execution), ProcessValues.instant(execution, "windowStart"),
                ProcessValues.instant(execution, "windowEnd"), count == null ? 3 : count.intValue());
        execution.setVariable("windowOpensAt", Date.from(run.windowStart()));
        execution.setVariable("windowClosesAt", Date.from(run.windowEnd()));
        execution.setVariable("testAttempt", run.attempt());
        execution.setVariable("testIdentities", String.join(",", run.identities()));
        execution.setVariable("testIdentitiesText", String.join(", ", run.identities()));
    }
}
