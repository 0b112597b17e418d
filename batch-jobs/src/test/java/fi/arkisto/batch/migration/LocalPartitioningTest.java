package fi.arkisto.batch.migration;

import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Queue;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.integration.dsl.IntegrationFlow;

import static org.assertj.core.api.Assertions.assertThat;

class LocalPartitioningTest extends MigrationIntegrationTest {

    @Autowired
    ApplicationContext context;

    @Test
    void anInstanceWithTheDefaultLocalPartitioningRunsPartitionsOnItsOwnThreadsAndNeitherDeclaresNorConsumesTheQueue() {
        // given the test application without arkisto.migration.partitioning (local by default)
        // then its partition handler is the thread-based one and no remote partitioning bean exists
        assertThat(context.getBean("legacyMigrationPartitionHandler", PartitionHandler.class))
                .isInstanceOf(TaskExecutorPartitionHandler.class);
        assertThat(context.getBeansOfType(IntegrationFlow.class)).isEmpty();
        assertThat(context.getBeansOfType(Queue.class)).isEmpty();
        assertThat(context.getBeansOfType(PartitionRequestGuard.class)).isEmpty();
        assertThat(context.getBeansOfType(RemotePartitioningConfiguration.RemotePartitionWorker.class)).isEmpty();
    }
}
