package fi.arkisto.batch.migration;

import fi.arkisto.store.error.ErrorCode;

/** What the processor made of one manifest row; the writer stores all three kinds in one chunk transaction. */
sealed interface MigrationItem {

    long rowNumber();

    String legacyId();

    /** A document ready for the archive: the (signed) CDA bytes and the hash of the legacy file it came from. */
    record Archivable(LegacyDocument row, String documentOid, byte[] cda, String sourceSha256) implements MigrationItem {
        @Override
        public long rowNumber() {
            return row.rowNumber();
        }

        @Override
        public String legacyId() {
            return row.legacyId();
        }
    }

    /** A bad row with its one precise reason. */
    record Rejected(long rowNumber, String legacyId, ErrorCode code, String reason) implements MigrationItem {
    }

    /** A repeat of a legacy id with identical content: already archived once, nothing to do, not an error. */
    record Repeated(long rowNumber, String legacyId, long firstRow) implements MigrationItem {
    }
}
