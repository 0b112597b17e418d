package fi.arkisto.store.document;

import fi.arkisto.store.cda.ParsedDocument;

/**
 * One archiving-stage check (seed 000: "the archive verifies in the archiving stage that the
 * documents are correct"). A check refuses a document by throwing
 * {@link fi.arkisto.store.error.ArchiveException} with its specific code, before anything is
 * stored; findings that do not refuse (warnings, signature evidence) go into the report and
 * are stored with the document. Checks run in {@link org.springframework.core.annotation.Order}.
 */
public interface DocumentCheck {

    void check(ParsedDocument document, ValidationReport report);
}
