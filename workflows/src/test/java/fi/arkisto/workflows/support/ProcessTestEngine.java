package fi.arkisto.workflows.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** A Camunda engine of its own for one test class: H2 in memory, full history, no job executor (tests run jobs). */
public final class ProcessTestEngine {

    private ProcessTestEngine() {
    }

    public static ProcessEngine build(Map<String, ?> beans) {
        StandaloneInMemProcessEngineConfiguration configuration = new StandaloneInMemProcessEngineConfiguration();
        configuration.setJdbcUrl("jdbc:h2:mem:camunda-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=1000");
        configuration.setHistory(ProcessEngineConfiguration.HISTORY_FULL);
        configuration.setJobExecutorActivate(false);
        configuration.setEnforceHistoryTimeToLive(true);
        configuration.setProcessEngineName("test-" + UUID.randomUUID());
        configuration.setBeans(new HashMap<>(beans));
        return configuration.buildProcessEngine();
    }
}
