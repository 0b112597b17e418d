package fi.arkisto.app.api.document;

import fi.arkisto.app.api.document.DocumentMetadataResponse.CodeResponse;
import fi.arkisto.store.access.decision.AccessBasis;
import fi.arkisto.store.access.decision.Disclosure;
import fi.arkisto.store.access.decision.Relation;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.document.DocumentStatus;
import fi.arkisto.store.document.ListedDocument;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * One line of a client's document list; the full metadata is at {@code /api/v1/documents/{oid}/metadata}.
 *
 * @param controllerOid the register the document is in
 * @param basis         what the access decision allowed the item on (docs/access.md, "What comes out")
 * @param relation      {@code OWN_CLIENT}, or {@code MUTUAL_CASE_PARTY}: a document of a mutual case the client is a
 *                      party of (its metadata names the case's parties)
 * @param disclosure    {@code FULL}; {@code STRUCTURED_FORM_MASKED} (its metadata read gives the structured form with
 *                      the protected location data masked; original and display form withheld); {@code METADATA_ONLY}
 *                      (this list item only, reading it is refused)
 */
public record DocumentSummary(String documentOid, String setId, int version, DocumentStatus status,
                              CodeResponse serviceTask, CodeResponse documentGroup, CodeResponse generalDocumentType,
                              CodeResponse specificDocumentType, String title, String caseId,
                              String controllerOid, OffsetDateTime effectiveTime, Instant archivedAt,
                              AccessBasis basis, Relation relation, Disclosure disclosure) {

    static DocumentSummary of(ListedDocument item) {
        DocumentMetadata m = item.document().metadata();
        return new DocumentSummary(m.documentOid().value(), m.setId(), m.versionNumber(), item.document().status(),
                CodeResponse.of(m.serviceTask()), CodeResponse.of(m.documentGroup()),
                CodeResponse.of(m.generalDocumentType()), CodeResponse.of(m.specificDocumentType()), m.title(),
                m.caseId(), m.controllerOid(), m.effectiveTime(), item.document().archivedAt(), item.basis(),
                item.relation(), item.disclosure());
    }
}
