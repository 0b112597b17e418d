package fi.arkisto.batch.migration;

import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.batch.core.explore.JobExplorer;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilderFactory;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.MessageChannel;

import java.util.List;

/**
 * Remote partitioning of the legacy migration, active with {@code arkisto.migration.partitioning=remote}: partitions
 * can spread across app instances sharing PostgreSQL and S3 (docs/legacy-package.md, "The job"), and that takes no
 * home-made cluster code, so it is Spring Batch Integration over RabbitMQ ({@code spring.rabbitmq.*}).
 *
 * <ul>
 * <li><b>Manager</b> (whichever instance launches the migration): a {@link MessageChannelPartitionHandler} sends one
 * {@link StepExecutionRequest} per partition to the durable quorum queue {@code arkisto.migration.remote.queue}, as
 * persistent messages on a transacted channel, and learns that partitions ended by polling the shared job repository
 * every {@code remote.poll-interval}. There is no reply queue: everything the manager waits for is in PostgreSQL.</li>
 * <li><b>Worker</b> ({@code arkisto.migration.worker=true}, the default): {@code remote.consumers} consumers, each
 * with prefetch 1, hand requests to Spring Batch Integration's {@code StepExecutionRequestHandler}, which runs the
 * same {@code legacyMigrationRows} step as local partitioning. A request is acknowledged only after its partition
 * ended, so the partition of a worker that dies (kill -9, lost host) goes back to the queue and the next worker
 * resumes the same step execution from its last committed chunk. Requests that no longer stand for work are dropped
 * by {@link PartitionRequestGuard}.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "arkisto.migration", name = "partitioning", havingValue = "remote")
@Import(RemotePartitioningConfiguration.Worker.class)
class RemotePartitioningConfiguration {

    static final String REQUESTS_CHANNEL = "legacyMigrationPartitionRequests";
    static final String WORK_CHANNEL = "legacyMigrationPartitionWork";

    /** Declared by Boot's RabbitAdmin on the first connection, before the first request is published. */
    @Bean
    Queue legacyMigrationPartitionQueue(MigrationProperties properties) {
        return QueueBuilder.durable(properties.remote().queue()).quorum().build();
    }

    @Bean(REQUESTS_CHANNEL)
    MessageChannel legacyMigrationPartitionRequests() {
        return new DirectChannel();
    }

    @Bean
    IntegrationFlow legacyMigrationPartitionRequestsToBroker(ConnectionFactory connectionFactory, MigrationProperties properties) {
        RabbitTemplate template = new RabbitTemplate(connectionFactory);
        // transacted: each request is committed to the broker before the manager starts waiting for its partition
        template.setChannelTransacted(true);
        return IntegrationFlow.from(REQUESTS_CHANNEL)
                .handle(Amqp.outboundAdapter(template).routingKey(properties.remote().queue()))
                .get();
    }

    @Bean
    PartitionHandler legacyMigrationPartitionHandler(@Qualifier(REQUESTS_CHANNEL) MessageChannel requests,
                                                     JobExplorer jobExplorer, MigrationProperties properties) {
        MessageChannelPartitionHandler handler = new MessageChannelPartitionHandler();
        handler.setStepName(LegacyMigrationJobConfiguration.ROWS_STEP);
        handler.setGridSize(properties.effectiveRowRanges());
        handler.setMessagingOperations(new MessagingTemplate(requests));
        // a job explorer switches the handler to polling the repository instead of waiting for replies
        handler.setJobExplorer(jobExplorer);
        handler.setPollInterval(properties.remote().pollInterval().toMillis());
        return handler;
    }

    /**
     * Imported, not a {@code @Configuration} of its own: component scanning would otherwise register it without the
     * enclosing class's condition, i.e. also with local partitioning.
     */
    @ConditionalOnProperty(prefix = "arkisto.migration", name = "worker", havingValue = "true", matchIfMissing = true)
    static class Worker {

        @Bean(WORK_CHANNEL)
        MessageChannel legacyMigrationPartitionWork() {
            return new DirectChannel();
        }

        @Bean
        PartitionRequestGuard partitionRequestGuard(JobExplorer jobExplorer) {
            return new PartitionRequestGuard(jobExplorer);
        }

        @Bean
        IntegrationFlow legacyMigrationPartitionRequestsFromBroker(ConnectionFactory connectionFactory,
                                                                   MigrationProperties properties,
                                                                   PartitionRequestGuard partitionRequestGuard) {
            // requests are Java-serialised StepExecutionRequests (Spring Batch Integration's own type); nothing else
            // is deserialised
            SimpleMessageConverter converter = new SimpleMessageConverter();
            converter.setAllowedListPatterns(List.of(StepExecutionRequest.class.getName(), "java.lang.*"));
            MigrationProperties.Remote remote = properties.remote();
            return IntegrationFlow.from(Amqp.inboundAdapter(connectionFactory, remote.queue())
                            .messageConverter(converter)
                            // AUTO: acknowledged when the listener returns, i.e. when the partition's step has ended;
                            // prefetch 1: a request waiting in one instance's buffer would idle while another is free
                            .configureContainer(c -> c.acknowledgeMode(AcknowledgeMode.AUTO).prefetchCount(1)
                                    .concurrentConsumers(remote.effectiveConsumers())))
                    .filter(StepExecutionRequest.class, partitionRequestGuard::accept)
                    .channel(WORK_CHANNEL)
                    .get();
        }

        @Bean
        RemotePartitioningWorkerStepBuilderFactory legacyMigrationWorkerSteps(JobRepository jobRepository, JobExplorer jobExplorer) {
            return new RemotePartitioningWorkerStepBuilderFactory(jobRepository, jobExplorer);
        }

        @Bean
        RemotePartitionWorker remotePartitionWorker(RemotePartitioningWorkerStepBuilderFactory legacyMigrationWorkerSteps,
                                                    @Qualifier(WORK_CHANNEL) MessageChannel work) {
            return name -> legacyMigrationWorkerSteps.get(name).inputChannel(work);
        }
    }

    /**
     * Present when this instance works partitions from the queue: the step builder that also subscribes the step to
     * the requests (Spring Batch Integration's worker step builder), for the step {@link LegacyMigrationJobConfiguration}
     * defines once for both kinds of partitioning.
     */
    @FunctionalInterface
    interface RemotePartitionWorker {
        StepBuilder stepBuilder(String stepName);
    }
}
