package fi.arkisto.routes.common;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.error.InfrastructureFailure;
import fi.arkisto.store.message.IngestMetrics;
import fi.arkisto.store.message.MessageService;
import fi.arkisto.store.rejection.IngestChannel;
import fi.arkisto.store.rejection.PayloadFingerprint;
import fi.arkisto.store.rejection.RejectionStore;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteConfigurationBuilder;
import org.apache.camel.model.OnExceptionDefinition;
import org.apache.camel.model.RouteConfigurationDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The one error handling of every ingestion route (route configuration {@value #ID}). Verdicts on content never
 * arrive here: {@link fi.arkisto.store.message.MessageService} turns them into rejections with acknowledgements.
 * What arrives is technical. A failure of the database or the object store ({@link InfrastructureFailure}) is not the
 * document's fault: it is waited out, retried with exponential back-off for {@code arkisto.ingest.retry.transient-for}
 * (minutes), the consumer holding its message all the while, so an outage shorter than that dead-letters nothing.
 * Anything else (a broker or disk hiccup, a bug) is retried a bounded number of times. Only when the retries are
 * exhausted is the submission recorded in the reject store (when the database answers) and handed to the channel's
 * {@link ChannelFailureHandler}, which dead-letters it. The exchange then completes, so the transport acknowledges
 * only once the failure is recorded somewhere durable (invariant 1 (docs/invariants.md)).
 */
@Component
public class IngestErrorHandling extends RouteConfigurationBuilder {

    public static final String ID = "ingest-errors";
    private static final Logger log = LoggerFactory.getLogger(IngestErrorHandling.class);

    private final IngestProperties properties;
    private final RejectionStore rejections;
    private final MessageService messages;
    private final IngestMetrics metrics;
    private final Map<IngestChannel, ChannelFailureHandler> handlers = new EnumMap<>(IngestChannel.class);

    public IngestErrorHandling(IngestProperties properties, RejectionStore rejections, MessageService messages,
                               IngestMetrics metrics, List<ChannelFailureHandler> handlers) {
        this.properties = properties;
        this.rejections = rejections;
        this.messages = messages;
        this.metrics = metrics;
        handlers.forEach(h -> this.handlers.put(h.channel(), h));
    }

    @Override
    public void configuration() {
        IngestProperties.Retry retry = properties.retry();
        RouteConfigurationDefinition configuration = routeConfiguration(ID);
        // both clauses catch any exception; the predicate picks the first for a store outage
        retried(configuration.onException(Exception.class).onWhen(IngestErrorHandling::isTransient),
                retry.transientRedeliveries(), retry.transientDelay(), retry.transientMaxDelay());
        retried(configuration.onException(Exception.class), retry.maxRedeliveries(), retry.delay(),
                Duration.ofMinutes(1));
    }

    private void retried(OnExceptionDefinition clause, int redeliveries, Duration delay, Duration maxDelay) {
        clause.maximumRedeliveries(redeliveries)
                .redeliveryDelay(delay.toMillis())
                .maximumRedeliveryDelay(maxDelay.toMillis())
                .backOffMultiplier(2)
                .useExponentialBackOff()
                .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN)
                .logExhausted(false)
                .useOriginalMessage()
                .handled(true)
                .process(this::deadLetter);
    }

    void deadLetter(Exchange exchange) throws Exception {
        Exception caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        ArchiveException failure;
        if (InfrastructureFailure.isCause(caught)) {
            ArchiveException unavailable = caught instanceof ArchiveException archive ? archive : null;
            // a controller change's pause that outlasted the retries keeps its own code
            failure = new ArchiveException(unavailable != null && unavailable.code().passes() ? unavailable.code()
                    : ErrorCode.STORAGE_UNAVAILABLE,
                    "Still unavailable after retrying for "
                    + properties.retry().transientFor() + ": "
                    + (unavailable != null && unavailable.detail() != null ? unavailable.detail() : describe(caught)),
                    caught);
        } else {
            failure = caught instanceof ArchiveException archive ? archive
                    : new ArchiveException(ErrorCode.INGESTION_FAILED, "Failed after "
                    + properties.retry().maxRedeliveries() + " retries: " + describe(caught), caught);
        }
        IngestChannel channel = exchange.getProperty(IngestHeaders.CHANNEL, IngestChannel.class);
        String source = exchange.getProperty(IngestHeaders.SOURCE, String.class);
        log.error("Ingestion through {} failed for {}: {} {}", channel, source, failure.code(), failure.detail(), caught);
        try {
            // files may be large: their route fingerprints them while streaming, never through the body here
            PayloadFingerprint fingerprint = exchange.getProperty(IngestHeaders.FINGERPRINT, PayloadFingerprint.class);
            if (fingerprint == null) {
                fingerprint = messages.refusalFingerprint(exchange.getIn().getBody(byte[].class),
                        exchange.getProperty(IngestHeaders.CONTENT_TYPE, String.class));
            }
            rejections.record(channel == null ? IngestChannel.QUEUE : channel, source, null,
                    exchange.getProperty(IngestHeaders.RECEIVED_AT, Instant.class), failure.code(), failure.detail(),
                    fingerprint);
        } catch (RuntimeException e) {
            // the database may be what failed: the channel's dead letter still keeps the submission
            log.error("The reject store could not record the failure of {}", source, e);
        }
        if (channel != null) {
            metrics.deadLettered(channel);
            ChannelFailureHandler handler = handlers.get(channel);
            if (handler != null) {
                handler.failed(exchange, failure);
            }
        }
    }

    /** Whether the exchange failed because a store is unavailable, not because of the document or the code. */
    private static boolean isTransient(Exchange exchange) {
        Throwable failure = exchange.getException() != null ? exchange.getException()
                : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        return failure != null && InfrastructureFailure.isCause(failure);
    }

    private static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
