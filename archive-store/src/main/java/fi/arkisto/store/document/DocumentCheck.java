package fi.arkisto.store.document;

import fi.arkisto.store.cda.ParsedDocument;

/**
 * One archiving-stage check (kanta.fi, "Phase 2 functionalities in social welfare services": "the archive verifies in the archiving stage that the
 * documents are correct"). A check refuses a document by throwing
 * {@link fi.arkisto.store.error.ArchiveException} with its specific code, before anything is
 * stored; findings that do not refuse (warnings, signature evidence) go into the report and
 * are stored with the document. Checks run in {@link org.springframework.core.annotation.Order}.
 */
public interface DocumentCheck {

    void check(ParsedDocument document, ValidationReport report);

    /**
     * The check for a document that arrived as {@code intake} says; {@link ArchivingService} calls this one. A check
     * whose rule depends on the channel or the arrival time overrides it; the others need not.
     */
    default void check(ParsedDocument document, Intake intake, ValidationReport report) {
        check(document, report);
    }
}
