package fi.arkisto.routes.queue;

import fi.arkisto.routes.common.ChannelFailureHandler;
import fi.arkisto.routes.common.IngestHeaders;
import fi.arkisto.routes.common.IngestProperties;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.message.Acknowledgement;
import fi.arkisto.store.message.MessageId;
import fi.arkisto.store.rejection.IngestChannel;
import org.apache.camel.Exchange;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.time.Instant;

/**
 * Dead-letters a request that still fails after the bounded retries: the original body and identifying properties
 * go to the dead-letter queue, persistent, with {@value IngestHeaders#ERROR_CODE} and {@value IngestHeaders#REASON}
 * headers, in a broker transaction committed before the original delivery is acknowledged. The sender gets an AR
 * acknowledgement naming the code.
 */
class DeadLetterPublisher implements ChannelFailureHandler {

    private static final int MAX_REASON = 2000;

    private final RabbitTemplate template;
    private final IngestProperties.Queue properties;

    DeadLetterPublisher(RabbitTemplate template, IngestProperties.Queue properties) {
        this.template = template;
        this.properties = properties;
    }

    @Override
    public IngestChannel channel() {
        return IngestChannel.QUEUE;
    }

    @Override
    public void failed(Exchange exchange, ArchiveException failure) {
        org.apache.camel.Message in = exchange.getIn();
        MessageProperties props = new MessageProperties();
        props.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        props.setMessageId(in.getHeader(SpringRabbitMQConstants.MESSAGE_ID, String.class));
        props.setCorrelationId(in.getHeader(SpringRabbitMQConstants.CORRELATION_ID, String.class));
        props.setContentType(in.getHeader(SpringRabbitMQConstants.CONTENT_TYPE, String.class));
        String replyTo = in.getHeader(SpringRabbitMQConstants.REPLY_TO, String.class);
        if (replyTo != null) {
            props.setReplyTo(replyTo);
        }
        String reason = failure.detail() == null ? failure.code().title() : failure.detail();
        props.setHeader(IngestHeaders.ERROR_CODE, failure.code().name());
        props.setHeader(IngestHeaders.REASON, reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason);
        props.setHeader("x-arkisto-dead-lettered-at", Instant.now().toString());
        props.setHeader("x-arkisto-source", exchange.getProperty(IngestHeaders.SOURCE, String.class));
        byte[] body = in.getBody(byte[].class);
        template.send(properties.deadLetterExchange(), properties.deadLetterQueue(),
                new org.springframework.amqp.core.Message(body == null ? new byte[0] : body, props));
        String messageId = props.getMessageId();
        MessageId target = messageId != null && fi.arkisto.store.identity.Oid.isValid(messageId)
                ? new MessageId(messageId, null) : null;
        QueueIngestProcessor.reply(exchange, Acknowledgement.refused(null, target, failure, null));
    }
}
