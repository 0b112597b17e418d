package fi.arkisto.routes.queue;

import org.apache.camel.component.springrabbit.DefaultListenerContainerFactory;
import org.apache.camel.component.springrabbit.SpringRabbitMQEndpoint;
import org.springframework.amqp.rabbit.listener.AbstractMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.DirectMessageListenerContainer;

import java.time.Duration;

/**
 * Camel's listener containers with an explicit recovery cadence ({@code arkisto.ingest.queue.recovery-interval}),
 * so that the queue channel is back within a known time after a broker restart ("a broker restart loses nothing",
 * docs/messages.md). The direct container restarts consumers whose channel died only on its monitor tick, and only once the
 * failed-declaration interval has passed since its last attempt: left at Spring AMQP's defaults (10 s and 5 s) the
 * archive stays off the queue up to 15 s after the broker is back. Every attempt that fails is retried at the same
 * cadence until the broker answers.
 */
class RecoveringListenerContainerFactory extends DefaultListenerContainerFactory {

    private final Duration recoveryInterval;

    RecoveringListenerContainerFactory(Duration recoveryInterval) {
        this.recoveryInterval = recoveryInterval;
    }

    @Override
    public AbstractMessageListenerContainer createListenerContainer(SpringRabbitMQEndpoint endpoint) {
        AbstractMessageListenerContainer container = super.createListenerContainer(endpoint);
        long millis = recoveryInterval.toMillis();
        container.setRecoveryInterval(millis);
        container.setFailedDeclarationRetryInterval(millis);
        if (container instanceof DirectMessageListenerContainer direct) {
            direct.setMonitorInterval(millis);
        }
        return container;
    }
}
