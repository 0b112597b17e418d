package fi.arkisto.routes.file;

import fi.arkisto.routes.common.IngestErrorHandling;
import fi.arkisto.routes.common.IngestProperties;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.IdempotentRepository;

/**
 * The file drop channel (route {@value #ROUTE_ID}, docs/messages.md, "Channels"): polls {@code arkisto.ingest.file.inbox} for complete
 * files, one at a time per instance. Camel's idempotent consumer over the JDBC repository recognises a file seen
 * before (its key: name, size and SHA-256), and Camel moves each file when its exchange completes ({@code move}) to
 * where {@link FileDropProcessor} decided: {@code done/} or {@code rejected/}. Dot-files and in-progress names
 * ({@code *.tmp}, {@code *.part}, {@code *.ready} markers) are never taken.
 */
class FileDropRoute extends RouteBuilder {

    static final String ROUTE_ID = "ingest-file";

    private final IngestProperties.File properties;
    private final FileDropProcessor processor;
    private final IdempotentRepository processed;

    FileDropRoute(IngestProperties.File properties, FileDropProcessor processor, IdempotentRepository processed) {
        this.properties = properties;
        this.processor = processor;
        this.processed = processed;
    }

    @Override
    public void configure() {
        from(uri()).routeId(ROUTE_ID).routeConfigurationId(IngestErrorHandling.ID)
                .process(processor::receive).id("file-receive")
                // a file seen before goes on marked as a duplicate (moved to done/ unprocessed); the key is recorded
                // once the exchange completes, and not for a file that failed (a re-drop is processed afresh)
                .idempotentConsumer(exchangeProperty(FileDropProcessor.KEY), processed)
                .eager(false).skipDuplicate(false).id("file-idempotent")
                .process(processor::process).id("file-archive")
                .end();
    }

    String uri() {
        StringBuilder uri = new StringBuilder("file:").append(properties.inbox().toAbsolutePath())
                .append("?idempotent=false&recursive=false")
                .append("&move=${exchangeProperty.").append(FileDropProcessor.TARGET).append("}")
                .append("&moveFailed=").append(FileDropProcessor.REJECTED).append("/${file:name}.${date:now:yyyyMMddHHmmssSSS}")
                .append("&delay=").append(properties.pollDelay().toMillis())
                .append("&exclude=").append("RAW(^\\..*|.*\\.(tmp|part|ready)$)")
                .append("&sortBy=file:modified")
                .append("&maxMessagesPerPoll=100");
        if (properties.readLock() == IngestProperties.ReadLock.DONE_FILE) {
            uri.append("&doneFileName=${file:name}.ready&readLock=none");
        } else {
            long minAge = properties.readLockMinAge().toMillis();
            uri.append("&readLock=changed")
                    .append("&readLockMinAge=").append(minAge)
                    .append("&readLockCheckInterval=").append(Math.max(100, Math.min(1000, minAge / 2)))
                    .append("&readLockTimeout=").append(Math.max(10_000, minAge * 10));
        }
        return uri.toString();
    }
}
