package fi.arkisto.batch.migration;

import fi.arkisto.store.cda.Code;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.identity.PersonalIdentityCode;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * A manifest row that passed validation: every value typed and checked, ready to become an archive document
 * of the document group for old client documents (kanta.fi, "Client data archive for social welfare services": "old client document", recorded from before
 * joining, never shown to citizens).
 */
public record LegacyDocument(long rowNumber, String legacyId, PersonalIdentityCode client, Code serviceTask,
                             Code documentType, String title, OffsetDateTime created, OffsetDateTime effective,
                             OffsetDateTime eventStart, OffsetDateTime eventEnd, String author, Oid controller,
                             Oid serviceUnit, Oid caseId, String filePath, LegacyMediaType mediaType,
                             Code retentionClass, RetentionEvent retentionEvent, LocalDate retentionEventDate) {
}
