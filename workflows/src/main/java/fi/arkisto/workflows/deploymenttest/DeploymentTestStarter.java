package fi.arkisto.workflows.deploymenttest;

import fi.arkisto.store.deploymenttest.TestRun;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Map;

/**
 * Starts a deployment test from outside the tasklist (the REST API): the registration is checked and recorded and its
 * process started in one transaction, so a refused registration leaves nothing behind. The business key names the
 * organisation and the test, which is what the cockpit lists.
 */
@Component
public class DeploymentTestStarter {

    private final DeploymentTestService service;
    private final RuntimeService runtime;
    private final TransactionTemplate transaction;

    DeploymentTestStarter(DeploymentTestService service, RuntimeService runtime, PlatformTransactionManager transactions) {
        this.service = service;
        this.runtime = runtime;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** What a started deployment test is known by. */
    public record Started(TestRun run, String processInstanceId, String businessKey) {
    }

    public Started start(Registration registration) {
        return transaction.execute(status -> {
            TestRun run = service.register(registration);
            String businessKey = businessKey(run);
            String processInstanceId = runtime.startProcessInstanceByKey("deploymentTest", businessKey,
                    Map.of(ProcessValues.TEST_RUN_ID, run.id().toString())).getId();
            return new Started(run, processInstanceId, businessKey);
        });
    }

    /** {@code deployment-test:<organisation OID>:<functions>:<test id>} */
    public static String businessKey(TestRun run) {
        return "deployment-test:" + run.organisationOid() + ":" + String.join("+",
                run.functions().stream().map(Enum::name).sorted().toList()) + ":" + run.id();
    }
}
