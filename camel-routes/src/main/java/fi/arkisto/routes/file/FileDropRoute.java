package fi.arkisto.routes.file;

import fi.arkisto.routes.common.IngestErrorHandling;
import fi.arkisto.routes.common.IngestProperties;
import org.apache.camel.builder.RouteBuilder;

/**
 * The file drop channel (route {@value #ROUTE_ID}, issue 4): polls {@code arkisto.ingest.file.inbox} for complete
 * files, one at a time per instance. Camel leaves the files alone ({@code noop}); {@link FileDropProcessor} moves
 * each to {@code done/} or {@code rejected/} once its verdict is recorded. Dot-files and in-progress names
 * ({@code *.tmp}, {@code *.part}, {@code *.ready} markers) are never taken.
 */
class FileDropRoute extends RouteBuilder {

    static final String ROUTE_ID = "ingest-file";

    private final IngestProperties.File properties;
    private final FileDropProcessor processor;

    FileDropRoute(IngestProperties.File properties, FileDropProcessor processor) {
        this.properties = properties;
        this.processor = processor;
    }

    @Override
    public void configure() {
        from(uri()).routeId(ROUTE_ID).routeConfigurationId(IngestErrorHandling.ID)
                .process(processor::receive).id("file-receive")
                .process(processor::process).id("file-archive");
    }

    String uri() {
        StringBuilder uri = new StringBuilder("file:").append(properties.inbox().toAbsolutePath())
                .append("?noop=true&idempotent=false&recursive=false")
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
