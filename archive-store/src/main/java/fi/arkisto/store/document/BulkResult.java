package fi.arkisto.store.document;

import fi.arkisto.store.error.ArchiveException;

/**
 * The result of one item of {@link ArchivingService#archiveAll}: exactly one of {@code outcome}
 * (archived or an identical duplicate) and {@code error} (refused; nothing stored for it).
 *
 * @param index position of the item in the submitted list
 */
public record BulkResult(int index, ArchiveOutcome outcome, ArchiveException error) {

    public boolean succeeded() {
        return outcome != null;
    }
}
