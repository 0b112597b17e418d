package fi.arkisto.store.document;

/**
 * The answer to a submission: the archived document, and whether this submission created it
 * ({@code false} when the identical bytes were already archived: invariant 3).
 */
public record ArchiveOutcome(ArchivedDocument document, boolean created) {
}
