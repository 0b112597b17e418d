package fi.arkisto.batch.migration;

import fi.arkisto.store.access.RequestContext;
import fi.arkisto.store.document.ArchiveOutcome;
import fi.arkisto.store.error.ArchiveException;

import java.util.List;

/**
 * The archive as the migration writer sees it: the archiving service's bulk path (parallel object writes,
 * batched metadata and audit, one result per item, one bad item never failing the others). A port, so the job
 * depends on one method rather than on how the store is assembled.
 */
@FunctionalInterface
public interface DocumentArchive {

    List<Result> archiveAll(List<byte[]> cdas, RequestContext ctx);

    /** Exactly one of outcome and error is set; results are in the order of the submitted documents. */
    record Result(ArchiveOutcome outcome, ArchiveException error) {
    }
}
