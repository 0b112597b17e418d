package fi.arkisto.store.document;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * The columns of one version a client document list decides on ({@link DocumentRepository#listRows}): what the access
 * decision needs, never the metadata document.
 *
 * @param controller the register's current controller (after a controller change, the new one)
 * @param facts the recorded access facts, or null while they are not yet read
 * @param formerController the controller whose register the row was archived into, when a completed controller
 *                         change passed it to {@code controller}; else null
 */
record ListRow(String documentOid, String setId, String clientId, String controller, String serviceUnit,
               String serviceTask, String documentGroup, String generalType, String specificType, String caseId,
               OffsetDateTime effectiveTime, Instant archivedAt, RecordedFacts facts,
               String formerController) {
}
