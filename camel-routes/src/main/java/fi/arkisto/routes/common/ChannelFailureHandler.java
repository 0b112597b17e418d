package fi.arkisto.routes.common;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.rejection.IngestChannel;
import org.apache.camel.Exchange;

/**
 * What a channel does with a submission that still fails after the bounded retries of {@link IngestErrorHandling}:
 * the queue dead-letters the message with its reason, the file drop moves the file to {@code rejected/}.
 */
public interface ChannelFailureHandler {

    IngestChannel channel();

    /** @param exchange carries the original message; {@code failure} names the stable code and the reason */
    void failed(Exchange exchange, ArchiveException failure) throws Exception;
}
