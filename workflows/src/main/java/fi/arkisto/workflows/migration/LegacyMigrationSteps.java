package fi.arkisto.workflows.migration;

import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * The delegates of bpmn/legacy-migration.bpmn, one bean: its service task calls {@code ${legacyMigrationSteps.prepareJob}}
 * and its run task's start listener {@code ${legacyMigrationSteps.offerJob}}.
 */
public final class LegacyMigrationSteps {

    private final JavaDelegate prepareJob;
    private final ExecutionListener offerJob;

    public LegacyMigrationSteps(LegacyMigrationService service, MigrationJobWorker worker) {
        this.prepareJob = new PrepareMigrationJobDelegate(service);
        this.offerJob = new OfferMigrationJobListener(worker);
    }

    public JavaDelegate getPrepareJob() {
        return prepareJob;
    }

    public ExecutionListener getOfferJob() {
        return offerJob;
    }
}
