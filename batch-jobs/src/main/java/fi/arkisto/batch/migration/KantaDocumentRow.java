package fi.arkisto.batch.migration;

import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.document.DocumentCheck;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;

/**
 * An already-formed Kanta document in a legacy package is archived as it is, but it must be the document its
 * manifest row says it is (docs/legacy-package.md): the row's client, the migrating controller's register. Checked
 * on the archive's own reading of the document, before its archiving-stage checks.
 */
final class KantaDocumentRow {

    private KantaDocumentRow() {
    }

    /** The check for {@code row}, or null when the row's file is wrapped by the migration (nothing to agree on). */
    static DocumentCheck agreement(LegacyDocument row, Oid controller) {
        if (row.mediaType() != LegacyMediaType.KANTA_CDA) {
            return null;
        }
        return (parsed, report) -> check(row, controller, parsed.metadata());
    }

    private static void check(LegacyDocument row, Oid controller, DocumentMetadata metadata) {
        if (!row.client().value().equals(metadata.clientId())) {
            throw new ArchiveException(ErrorCode.FRAME_DOCUMENT_MISMATCH,
                    "The Kanta document names another client than column client_id");
        }
        if (!controller.value().equals(metadata.controllerOid())) {
            throw new ArchiveException(ErrorCode.ACCESS_DENIED,
                    "The Kanta document belongs to controller " + metadata.controllerOid() + ", not " + controller);
        }
    }
}
