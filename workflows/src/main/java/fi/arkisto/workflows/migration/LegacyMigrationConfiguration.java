package fi.arkisto.workflows.migration;

import fi.arkisto.store.migration.LegacyMigrations;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.TaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import java.util.ArrayList;
import java.util.List;

/** The legacy migration process (bpmn/legacy-migration.bpmn): its service, delegates, job worker and starter. */
@Configuration(proxyBeanMethods = false)
public class LegacyMigrationConfiguration {

    @Bean
    public LegacyMigrationService legacyMigrationService(LegacyMigrations migrations, RuntimeService runtime) {
        return new LegacyMigrationService(migrations, runtime);
    }

    /**
     * The thread that delivers offered migration jobs to their runs, one at a time. Not a default candidate: the
     * worker's own, leaving the application's task executor to Boot.
     */
    @Bean(defaultCandidate = false)
    public ThreadPoolTaskExecutor migrationDeliveryExecutor() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("migration-delivery-");
        executor.setCorePoolSize(1);
        executor.setMaxPoolSize(1);
        executor.setDaemon(true);
        // an offer made as the context closes is still delivered (a delivery only locks its task and starts its job)
        executor.setWaitForTasksToCompleteOnShutdown(true);
        executor.setAwaitTerminationSeconds(10);
        return executor;
    }

    @Bean
    public MigrationJobWorker migrationJobWorker(LegacyMigrations migrations, RuntimeService runtime,
                                                 ExternalTaskService tasks,
                                                 @Qualifier("migrationDeliveryExecutor") TaskExecutor deliveries) {
        return new MigrationJobWorker(migrations, runtime, tasks, deliveries);
    }

    @Bean
    public LegacyMigrationSteps legacyMigrationSteps(LegacyMigrationService service, MigrationJobWorker worker) {
        return new LegacyMigrationSteps(service, worker);
    }

    @Bean
    public LegacyMigrationStarter legacyMigrationStarter(LegacyMigrationService service, LegacyMigrations migrations,
                                                         RuntimeService runtime, ExternalTaskService tasks,
                                                         ManagementService management, MigrationJobWorker worker,
                                                         PlatformTransactionManager transactions) {
        return new LegacyMigrationStarter(service, migrations, runtime, tasks, management, worker, transactions);
    }

    /**
     * At a server's start (the instance that runs the engine's jobs), the ends of migration jobs that their processes
     * missed while an instance was down are taken. A tool (the {@code migrate} command) does its own work only.
     */
    @Bean
    @ConditionalOnProperty(prefix = "camunda.bpm.job-execution", name = "enabled", havingValue = "true", matchIfMissing = true)
    ApplicationListener<ApplicationReadyEvent> missedMigrationEnds(MigrationJobWorker worker) {
        return event -> {
            int taken = worker.takeMissedEnds();
            if (taken > 0) {
                LoggerFactory.getLogger(LegacyMigrationConfiguration.class)
                        .info("Took the ends of {} migration jobs their processes had missed", taken);
            }
        };
    }

    /** Retrying a failed migration job's incident offers the job again ({@link MigrationRetryIncidentHandler}). */
    @Bean
    static ProcessEnginePlugin migrationRetries(ObjectProvider<MigrationJobWorker> worker) {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                List<IncidentHandler> handlers = configuration.getCustomIncidentHandlers() == null ? new ArrayList<>()
                        : new ArrayList<>(configuration.getCustomIncidentHandlers());
                handlers.add(new MigrationRetryIncidentHandler(worker));
                configuration.setCustomIncidentHandlers(handlers);
            }
        };
    }
}
