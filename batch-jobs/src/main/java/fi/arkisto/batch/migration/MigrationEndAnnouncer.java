package fi.arkisto.batch.migration;

import fi.arkisto.store.migration.LegacyMigrationEnded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.JobExecution;
import org.springframework.batch.core.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Announces the end of every execution of a migration as a {@link LegacyMigrationEnded} application event, with its
 * outcome (counts, report, first rejects, failure), whoever listens (the migration process takes it as its job's
 * end). It runs last of the job's listeners, after the failure is recorded, and before Spring Batch writes the end:
 * whoever follows the migration to its end (the command line, the API) finds the listeners told.
 */
@Component
class MigrationEndAnnouncer implements JobExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(MigrationEndAnnouncer.class);
    private final ApplicationEventPublisher events;
    private final ObjectProvider<MigrationMonitor> monitor;

    MigrationEndAnnouncer(ApplicationEventPublisher events, ObjectProvider<MigrationMonitor> monitor) {
        this.events = events;
        this.monitor = monitor;
    }

    @Override
    public void afterJob(JobExecution execution) {
        try {
            events.publishEvent(new LegacyMigrationEnded(monitor.getObject().progress(execution).outcome()));
        } catch (RuntimeException e) {
            // the job's end is written whatever a listener does; the one who missed it learns it when it asks again
            log.error("The end of legacy migration execution {} could not be announced", execution.getId(), e);
        }
    }
}
