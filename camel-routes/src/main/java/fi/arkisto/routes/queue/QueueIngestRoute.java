package fi.arkisto.routes.queue;

import fi.arkisto.routes.common.IngestErrorHandling;
import fi.arkisto.routes.common.IngestProperties;
import org.apache.camel.builder.RouteBuilder;

/**
 * The queue channel (route {@value #ROUTE_ID}, docs/messages.md, "Channels"): competing consumers on the request queue. The listener
 * container acknowledges a delivery ({@code basicAck}, never auto-ack on receipt) only when the route returned, that
 * is after the document was archived or its rejection recorded, and after the acknowledgement message was sent to the
 * message's reply-to with its correlation id. A consumer that dies before that leaves the message to the broker,
 * which redelivers it; archiving is idempotent, so the redelivery ends as a duplicate, never as a second document.
 */
class QueueIngestRoute extends RouteBuilder {

    static final String ROUTE_ID = "ingest-queue";

    private final IngestProperties.Queue properties;
    private final QueueIngestProcessor processor;

    QueueIngestRoute(IngestProperties.Queue properties, QueueIngestProcessor processor) {
        this.properties = properties;
        this.processor = processor;
    }

    @Override
    public void configure() {
        from(uri()).routeId(ROUTE_ID).routeConfigurationId(IngestErrorHandling.ID)
                .process(processor::receive).id("queue-receive")
                .process(processor::process).id("queue-archive");
    }

    String uri() {
        return "spring-rabbitmq:" + properties.exchange()
                + "?queues=" + properties.requestQueue()
                + "&routingKey=" + properties.requestQueue()
                + "&autoDeclare=false"
                + "&acknowledgeMode=AUTO"
                + "&concurrentConsumers=" + properties.consumers()
                + "&prefetchCount=" + properties.prefetch()
                // failures Camel cannot handle (the dead-letter publish itself failing) are retried, then rejected
                // without requeue: the broker dead-letters them through the queue's own dead-letter exchange
                + "&maximumRetryAttempts=2&retryDelay=500&rejectAndDontRequeue=true";
    }
}
