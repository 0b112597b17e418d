package fi.arkisto.batch.migration;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.document.ArchiveOutcome;
import fi.arkisto.store.document.DocumentCheck;
import fi.arkisto.store.error.ArchiveException;

import java.nio.file.Path;
import java.util.List;

/**
 * The archive as the migration writer sees it: the archiving service's bulk path (parallel object writes,
 * batched metadata and audit, one result per item, one bad item never failing the others) and its streaming path
 * for one document too large to hold. A port, so the job depends on two methods rather than on how the store is
 * assembled. Each document may come with a check of what its manifest row says about it, run on the archive's own
 * reading of the document (it is parsed once).
 */
public interface DocumentArchive {

    /** @param rowChecks one per document, null where the row has nothing to check */
    List<Result> archiveAll(List<byte[]> cdas, List<DocumentCheck> rowChecks, RequestContext ctx);

    /**
     * Archives the signed document in {@code cda} without reading it into memory; refusals come back as the error.
     *
     * @param rowCheck the check of what the row says about the document, or null
     */
    Result archive(Path cda, DocumentCheck rowCheck, RequestContext ctx);

    /** Exactly one of outcome and error is set; results are in the order of the submitted documents. */
    record Result(ArchiveOutcome outcome, ArchiveException error) {
    }
}
