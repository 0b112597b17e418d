package fi.arkisto.store.document;

import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

/**
 * The version rules of a document set (Kanta: a corrected document is a new version of the same set, its
 * predecessor replaced; invariant 4 (docs/invariants.md)): version 1 starts a set; version n+1 replaces the set's current version
 * n, needs {@code hl7fi:reasonOfCorrection}, cannot replace a nullified version, and must name that version when it
 * names the document it replaces. Pure: the set's head and the new metadata decide; the single and the bulk path
 * both walk it.
 */
final class VersionPlanner {

    private VersionPlanner() {
    }

    /** @param head the set's current version, or null when the set has none */
    static VersionPlan plan(SetHead head, DocumentMetadata m) {
        if (m.versionNumber() == 1) {
            return head == null ? new VersionPlan.StartsSet() : refused(ErrorCode.VERSION_CONFLICT, "Set " + m.setId()
                    + " already has version " + head.version() + "; a new version must be " + (head.version() + 1));
        }
        if (m.reasonOfCorrection() == null || m.reasonOfCorrection().isBlank()) {
            return refused(ErrorCode.CORRECTION_REASON_REQUIRED, "Version " + m.versionNumber() + " of set " + m.setId()
                    + " replaces an earlier version and needs hl7fi:reasonOfCorrection");
        }
        if (head == null) {
            return refused(ErrorCode.VERSION_CONFLICT, "Set " + m.setId() + " has no archived version "
                    + (m.versionNumber() - 1) + " for version " + m.versionNumber() + " to replace");
        }
        if (head.status() == DocumentStatus.NULLIFIED) {
            return refused(ErrorCode.DOCUMENT_NULLIFIED, "Version " + head.version() + " of set " + m.setId() + " ("
                    + head.oid() + ") was nullified and cannot be replaced");
        }
        if (head.version() != m.versionNumber() - 1 || head.status() != DocumentStatus.ACTIVE) {
            return refused(ErrorCode.VERSION_CONFLICT, "Set " + m.setId() + " is at version " + head.version()
                    + "; version " + m.versionNumber() + " does not follow it");
        }
        if (m.replacesDocumentOid() != null && !m.replacesDocumentOid().equals(head.oid())) {
            return refused(ErrorCode.VERSION_CONFLICT, "The document names " + m.replacesDocumentOid()
                    + " as the version it replaces, but the current version of set " + m.setId() + " is " + head.oid());
        }
        return new VersionPlan.Replaces(head);
    }

    private static VersionPlan refused(ErrorCode code, String detail) {
        return new VersionPlan.Refused(new ArchiveException(code, detail));
    }
}
