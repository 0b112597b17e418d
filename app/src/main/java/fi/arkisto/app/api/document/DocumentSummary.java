package fi.arkisto.app.api.document;

import fi.arkisto.app.api.document.DocumentMetadataResponse.CodeResponse;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.document.ArchivedDocument;
import fi.arkisto.store.document.DocumentStatus;

import java.time.Instant;
import java.time.OffsetDateTime;

/** One line of a client's document list; the full metadata is at {@code /api/v1/documents/{oid}/metadata}. */
public record DocumentSummary(String documentOid, String setId, int version, DocumentStatus status,
                              CodeResponse serviceTask, CodeResponse documentGroup, CodeResponse generalDocumentType,
                              CodeResponse specificDocumentType, String title, String caseId,
                              String controllerOid, OffsetDateTime effectiveTime, Instant archivedAt) {

    static DocumentSummary of(ArchivedDocument document) {
        DocumentMetadata m = document.metadata();
        return new DocumentSummary(m.documentOid().value(), m.setId(), m.versionNumber(), document.status(),
                CodeResponse.of(m.serviceTask()), CodeResponse.of(m.documentGroup()),
                CodeResponse.of(m.generalDocumentType()), CodeResponse.of(m.specificDocumentType()), m.title(),
                m.caseId(), m.controllerOid(), m.effectiveTime(), document.archivedAt());
    }
}
