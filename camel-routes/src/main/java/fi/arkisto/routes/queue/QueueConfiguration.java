package fi.arkisto.routes.queue;

import fi.arkisto.routes.common.IngestProperties;
import fi.arkisto.store.message.MessageService;
import org.apache.camel.component.springrabbit.SpringRabbitMQComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.ExchangeBuilder;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.AbstractConnectionFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The queue channel's wiring and RabbitMQ topology, only when {@code arkisto.ingest.queue.enabled=true} (the main
 * job runs without a broker). Both queues are durable quorum queues (replicated, and a broker restart loses nothing
 * persistent). The request queue has a delivery limit: a message whose consumer dies with it every time (a crash,
 * not an exception) is dead-lettered by the broker itself after {@code delivery-limit} deliveries; failures Camel sees
 * are dead-lettered by {@link DeadLetterPublisher} with the reason after the bounded retries.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "arkisto.ingest.queue", name = "enabled", havingValue = "true")
class QueueConfiguration {

    @Bean
    Declarables ingestQueueTopology(IngestProperties properties) {
        IngestProperties.Queue queue = properties.queue();
        DirectExchange exchange = ExchangeBuilder.directExchange(queue.exchange()).durable(true).build();
        DirectExchange deadLetterExchange = ExchangeBuilder.directExchange(queue.deadLetterExchange()).durable(true).build();
        Queue requests = QueueBuilder.durable(queue.requestQueue()).quorum()
                .deliveryLimit(queue.deliveryLimit())
                .deadLetterExchange(queue.deadLetterExchange())
                .deadLetterRoutingKey(queue.deadLetterQueue())
                .build();
        Queue deadLetters = QueueBuilder.durable(queue.deadLetterQueue()).quorum().build();
        Binding requestBinding = BindingBuilder.bind(requests).to(exchange).with(queue.requestQueue());
        Binding deadLetterBinding = BindingBuilder.bind(deadLetters).to(deadLetterExchange).with(queue.deadLetterQueue());
        return new Declarables(exchange, deadLetterExchange, requests, deadLetters, requestBinding, deadLetterBinding);
    }

    /**
     * The threads that run the queue's listeners. The direct listener container invokes its listeners on the
     * connection's consumer executor, which is two threads per core unless the connection factory is given one
     * (Spring AMQP reference, "Choosing a Container"): on two cores the configured consumers would share four threads
     * and the intake could group no more than four submissions. One thread per consumer, and a few for the rest.
     */
    @Bean(defaultCandidate = false)
    ThreadPoolTaskExecutor queueConsumerExecutor(IngestProperties properties) {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setThreadNamePrefix("arkisto-queue-");
        executor.setCorePoolSize(properties.queue().consumers() + 4);
        executor.setDaemon(true);
        return executor;
    }

    @Bean
    static BeanPostProcessor queueConsumerThreads(@Qualifier("queueConsumerExecutor") ObjectProvider<ThreadPoolTaskExecutor> executor) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof AbstractConnectionFactory factory) {
                    factory.setExecutor(executor.getObject());
                }
                return bean;
            }
        };
    }

    @Bean
    ComponentCustomizer queueListenerRecovery(IngestProperties properties) {
        return ComponentCustomizer.forType(SpringRabbitMQComponent.class, component -> component.setListenerContainerFactory(
                new RecoveringListenerContainerFactory(properties.queue().recoveryInterval())));
    }

    @Bean
    DeadLetterPublisher deadLetterPublisher(ConnectionFactory connectionFactory, IngestProperties properties) {
        // a transacted template of its own: the dead letter is committed by the broker before the original is acked
        RabbitTemplate template = new RabbitTemplate(connectionFactory);
        template.setChannelTransacted(true);
        return new DeadLetterPublisher(template, properties.queue());
    }

    @Bean
    QueueIngestProcessor queueIngestProcessor(MessageService messages, IngestProperties properties) {
        return new QueueIngestProcessor(messages, properties.queue());
    }

    @Bean
    QueueIngestRoute queueIngestRoute(IngestProperties properties, QueueIngestProcessor queueIngestProcessor) {
        return new QueueIngestRoute(properties.queue(), queueIngestProcessor);
    }
}
