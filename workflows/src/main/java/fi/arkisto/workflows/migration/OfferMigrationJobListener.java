package fi.arkisto.workflows.migration;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;

/** Start of ServiceTask_RunMigrationJob (after its asynchronous continuation): its job is offered to be run. */
class OfferMigrationJobListener implements ExecutionListener {

    private final MigrationJobWorker worker;

    OfferMigrationJobListener(MigrationJobWorker worker) {
        this.worker = worker;
    }

    @Override
    public void notify(DelegateExecution execution) {
        worker.offerAfterCommit(execution.getId());
    }
}
