package fi.arkisto.batch.migration;

import fi.arkisto.store.access.RequestContext;
import fi.arkisto.store.document.ArchiveOutcome;
import fi.arkisto.store.error.ArchiveException;

import java.nio.file.Path;
import java.util.List;

/**
 * The archive as the migration writer sees it: the archiving service's bulk path (parallel object writes,
 * batched metadata and audit, one result per item, one bad item never failing the others) and its streaming path
 * for one document too large to hold. A port, so the job depends on two methods rather than on how the store is
 * assembled.
 */
public interface DocumentArchive {

    List<Result> archiveAll(List<byte[]> cdas, RequestContext ctx);

    /** Archives the signed document in {@code cda} without reading it into memory; refusals come back as the error. */
    Result archive(Path cda, RequestContext ctx);

    /** Exactly one of outcome and error is set; results are in the order of the submitted documents. */
    record Result(ArchiveOutcome outcome, ArchiveException error) {
    }
}
