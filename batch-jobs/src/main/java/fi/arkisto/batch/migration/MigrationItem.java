package fi.arkisto.batch.migration;

import fi.arkisto.store.error.ErrorCode;

import java.nio.file.Path;

/** What the processor made of one manifest row; the writer stores all three kinds in one chunk transaction. */
sealed interface MigrationItem {

    long rowNumber();

    String legacyId();

    /** A document ready for the archive, with the hash of the legacy file it came from. */
    sealed interface ToArchive extends MigrationItem {
        LegacyDocument row();

        String sourceSha256();

        @Override
        default long rowNumber() {
            return row().rowNumber();
        }

        @Override
        default String legacyId() {
            return row().legacyId();
        }
    }

    /** A document small enough to hold: the signed CDA bytes, archived in bulk with the rest of its chunk. */
    record Archivable(LegacyDocument row, byte[] cda, String sourceSha256) implements ToArchive {
    }

    /**
     * A document too large to hold (a scanned file of hundreds of megabytes): the signed CDA is in a work file that
     * the writer archives streaming and then deletes.
     */
    record ArchivableFile(LegacyDocument row, Path cda, String sourceSha256) implements ToArchive {
    }

    /** A bad row with its one precise reason. */
    record Rejected(long rowNumber, String legacyId, ErrorCode code, String reason) implements MigrationItem {
    }

    /** A repeat of a legacy id with identical content: already archived once, nothing to do, not an error. */
    record Repeated(long rowNumber, String legacyId, long firstRow) implements MigrationItem {
    }
}
