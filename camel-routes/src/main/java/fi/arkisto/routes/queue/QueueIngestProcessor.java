package fi.arkisto.routes.queue;

import fi.arkisto.routes.common.IngestHeaders;
import fi.arkisto.routes.common.IngestProperties;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.message.Acknowledgement;
import fi.arkisto.store.message.AcknowledgementXml;
import fi.arkisto.store.message.MessageService;
import fi.arkisto.store.message.SubmissionSource;
import fi.arkisto.store.rejection.IngestChannel;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.component.springrabbit.SpringRabbitMQConstants;

import java.time.Instant;

/**
 * Turns one request message into a submission and its acknowledgement (docs/messages.md, "queue"). The body is a
 * {@code multipart/related} message (content type with boundary in the AMQP content-type property), a frame, or a
 * plain CDA document. A plain document acts for the context in the headers {@code X-Organisation-Oid},
 * {@code X-User-Id}, {@code X-Purpose-Of-Use} when given, else for its own custodian: the broker's credentials
 * decide who may publish here.
 */
class QueueIngestProcessor {

    static final String ORGANISATION_HEADER = "X-Organisation-Oid";
    static final String USER_HEADER = "X-User-Id";
    static final String PURPOSE_HEADER = "X-Purpose-Of-Use";

    private final MessageService messages;
    private final IngestProperties.Queue properties;

    QueueIngestProcessor(MessageService messages, IngestProperties.Queue properties) {
        this.messages = messages;
        this.properties = properties;
    }

    void receive(Exchange exchange) {
        Message in = exchange.getIn();
        String messageId = in.getHeader(SpringRabbitMQConstants.MESSAGE_ID, String.class);
        String correlationId = in.getHeader(SpringRabbitMQConstants.CORRELATION_ID, String.class);
        exchange.setProperty(IngestHeaders.CHANNEL, IngestChannel.QUEUE);
        exchange.setProperty(IngestHeaders.SOURCE, "amqp:" + properties.requestQueue() + ":"
                + (messageId != null ? messageId : correlationId != null ? correlationId : exchange.getExchangeId()));
        exchange.setProperty(IngestHeaders.RECEIVED_AT, Instant.now());
        exchange.setProperty(IngestHeaders.CONTENT_TYPE, in.getHeader(SpringRabbitMQConstants.CONTENT_TYPE, String.class));
    }

    void process(Exchange exchange) {
        Message in = exchange.getIn();
        Instant receivedAt = exchange.getProperty(IngestHeaders.RECEIVED_AT, Instant.class);
        byte[] body = in.getBody(byte[].class);
        String contentType = in.getHeader(SpringRabbitMQConstants.CONTENT_TYPE, String.class);
        String messageId = in.getHeader(SpringRabbitMQConstants.MESSAGE_ID, String.class);
        Acknowledgement ack;
        try {
            RequestContext context = headerContext(in);
            SubmissionSource source = new SubmissionSource(IngestChannel.QUEUE,
                    exchange.getProperty(IngestHeaders.SOURCE, String.class), messageId, receivedAt, context,
                    "queue-ingest", null);
            if (body != null && body.length > properties.maxMessageBytes()) {
                throw new ArchiveException(ErrorCode.DOCUMENT_TOO_LARGE,
                        "The message has " + body.length + " bytes, over the limit " + properties.maxMessageBytes());
            }
            ack = messages.submit(body == null ? new byte[0] : body, contentType, source);
        } catch (ArchiveException e) {
            if (e.code().passes()) {
                // an outage or a controller change's pause: the message waits on the transient retry path
                throw e;
            }
            ack = messages.reject(body, new SubmissionSource(IngestChannel.QUEUE,
                    exchange.getProperty(IngestHeaders.SOURCE, String.class), messageId, receivedAt, null, null, null), e);
        }
        reply(exchange, ack);
    }

    static void reply(Exchange exchange, Acknowledgement ack) {
        Message out = exchange.getMessage();
        out.removeHeaders("*", SpringRabbitMQConstants.CORRELATION_ID);
        out.setBody(AcknowledgementXml.write(ack));
        out.setHeader(SpringRabbitMQConstants.CONTENT_TYPE, AcknowledgementXml.MEDIA_TYPE);
        out.setHeader(IngestHeaders.OUTCOME, ack.outcome().name());
        if (!ack.accepted()) {
            out.setHeader(IngestHeaders.ERROR_CODE, ack.errorCode());
        }
    }

    private static RequestContext headerContext(Message in) {
        String organisation = in.getHeader(ORGANISATION_HEADER, String.class);
        String user = in.getHeader(USER_HEADER, String.class);
        String purpose = in.getHeader(PURPOSE_HEADER, String.class);
        if (organisation == null && user == null && purpose == null) {
            return null;
        }
        if (organisation == null || user == null || purpose == null) {
            throw new ArchiveException(ErrorCode.MISSING_REQUEST_CONTEXT,
                    "Give all of " + ORGANISATION_HEADER + ", " + USER_HEADER + " and " + PURPOSE_HEADER + ", or none");
        }
        if (!Oid.isValid(organisation)) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST_CONTEXT, ORGANISATION_HEADER + " is not an OID");
        }
        return new RequestContext(Oid.of(organisation), user, purpose);
    }
}
