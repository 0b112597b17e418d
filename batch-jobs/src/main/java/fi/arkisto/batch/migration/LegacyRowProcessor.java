package fi.arkisto.batch.migration;

import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.item.ItemProcessor;
import org.springframework.batch.item.ItemStream;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;

/**
 * Turns one manifest row into a signed archive document or into a reject with one precise reason (docs/legacy-package.md):
 * validates the row, refuses a repeated legacy id whose content differs from its first occurrence, reads the file
 * (bounded), wraps it into a Kanta CDA document of the old-documents group and signs it with the organisation's
 * system signature at the migration's fixed signing time. Files above {@code arkisto.migration.stream-above-bytes}
 * are wrapped and signed through work files instead of memory. Never throws for a bad row.
 */
class LegacyRowProcessor implements ItemProcessor<ManifestRow, MigrationItem>, ItemStream {

    private final Path packageLocation;
    private final Oid controller;
    private final long jobInstanceId;
    private final long fromRow;
    private final long toRow;
    private final Instant signingTime;
    private final RowValidator validator;
    private final KantaDocumentWrapper wrapper;
    private final DocumentSigner signer;
    private final ManifestIndex index;
    private final MigrationProperties properties;
    private final WorkFiles workFiles;
    private LegacyPackage legacyPackage;
    private Map<Long, ManifestIndex.FirstOccurrence> repeats = Map.of();

    LegacyRowProcessor(Path packageLocation, Oid controller, long jobInstanceId, long fromRow, long toRow, Instant signingTime,
                       RowValidator validator, KantaDocumentWrapper wrapper, DocumentSigner signer, ManifestIndex index,
                       MigrationProperties properties) {
        this.packageLocation = packageLocation;
        this.controller = controller;
        this.jobInstanceId = jobInstanceId;
        this.fromRow = fromRow;
        this.toRow = toRow;
        this.signingTime = signingTime;
        this.validator = validator;
        this.wrapper = wrapper;
        this.signer = signer;
        this.index = index;
        this.properties = properties;
        this.workFiles = new WorkFiles(properties.effectiveWorkDir(), jobInstanceId);
    }

    @Override
    public void open(ExecutionContext executionContext) {
        legacyPackage = LegacyPackage.open(packageLocation);
        repeats = index.repeatsIn(jobInstanceId, fromRow, toRow);
        workFiles.clearRows(fromRow, toRow);
    }

    @Override
    public void close() {
        if (legacyPackage != null) {
            legacyPackage.close();
            legacyPackage = null;
        }
    }

    @Override
    public MigrationItem process(ManifestRow row) {
        try {
            LegacyDocument document = validator.validate(row, controller);
            LegacyPackage.PackageFile file = legacyPackage.file(document.filePath());
            ManifestIndex.FirstOccurrence first = repeats.get(row.rowNumber());
            if (first != null) {
                return repeated(document, file, first);
            }
            return archivable(document, file);
        } catch (ArchiveException e) {
            return new MigrationItem.Rejected(row.rowNumber(), row.legacyId(), e.code(), e.detail());
        }
    }

    private MigrationItem repeated(LegacyDocument document, LegacyPackage.PackageFile file, ManifestIndex.FirstOccurrence first) {
        String reason = "Legacy id already used by row " + first.row() + " for different content";
        String firstSha;
        try {
            firstSha = sha256Of(legacyPackage.file(first.file()));
        } catch (ArchiveException e) {
            return new MigrationItem.Rejected(document.rowNumber(), document.legacyId(), ErrorCode.LEGACY_DUPLICATE_ID,
                    "Legacy id already used by row " + first.row() + ", whose file cannot be compared");
        }
        if (!firstSha.equals(sha256Of(file))) {
            return new MigrationItem.Rejected(document.rowNumber(), document.legacyId(), ErrorCode.LEGACY_DUPLICATE_ID, reason);
        }
        return new MigrationItem.Repeated(document.rowNumber(), document.legacyId(), first.row());
    }

    private MigrationItem archivable(LegacyDocument document, LegacyPackage.PackageFile file) {
        if (file.size() > properties.maxFileBytes()) {
            throw new ArchiveException(ErrorCode.DOCUMENT_TOO_LARGE, "File " + file.path() + " has " + file.size()
                    + " bytes, more than arkisto.migration.max-file-bytes " + properties.maxFileBytes());
        }
        if (file.size() > properties.streamAboveBytes()) {
            return streamed(document, file);
        }
        MessageDigest sha256 = sha256();
        byte[] cda;
        // bounded by the in-memory limit, not the file limit: a ZIP entry that lies about its size is refused here
        // rather than read into memory
        try (InputStream in = new DigestInputStream(new BoundedInputStream(file.open(), properties.streamAboveBytes(),
                file.path(), "its size in the package said it was not"), sha256)) {
            if (document.mediaType() == LegacyMediaType.KANTA_CDA) {
                // archived as it is; that it is the row's document is checked on the archive's own reading of it
                cda = in.readAllBytes();
            } else {
                DocumentOid oid = LegacyDocumentOids.derive(controller, document.legacyId(), properties.documentOidArc());
                ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(file.size() * 4 / 3 + 4096, Integer.MAX_VALUE - 64));
                wrapper.wrap(document, oid, in, out);
                cda = signer.sign(out.toByteArray(), signingTime);
            }
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.LEGACY_FILE_MISSING, "File " + file.path() + " cannot be read: " + e.getMessage(), e);
        }
        return new MigrationItem.Archivable(document, cda, HexFormat.of().formatHex(sha256.digest()));
    }

    /**
     * A file too large to hold (docs/legacy-package.md: a single 1 GB file streams through): wrapped into a work file while it is
     * read, signed from that file into another, never in memory; the writer archives the signed file streaming.
     */
    private MigrationItem streamed(LegacyDocument document, LegacyPackage.PackageFile file) {
        Path unsigned = workFiles.unsigned(document.rowNumber());
        Path signed = workFiles.signed(document.rowNumber());
        MessageDigest sha256 = sha256();
        boolean done = false;
        try (InputStream in = new DigestInputStream(new BoundedInputStream(file.open(), properties.maxFileBytes(), file.path(),
                "arkisto.migration.max-file-bytes is " + properties.maxFileBytes()), sha256)) {
            if (document.mediaType() == LegacyMediaType.KANTA_CDA) {
                Files.copy(in, signed, StandardCopyOption.REPLACE_EXISTING);
            } else {
                DocumentOid oid = LegacyDocumentOids.derive(controller, document.legacyId(), properties.documentOidArc());
                try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(unsigned), 1 << 16)) {
                    wrapper.wrap(document, oid, in, out);
                }
                signer.sign(unsigned, signed, signingTime);
            }
            done = true;
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.LEGACY_FILE_MISSING, "File " + file.path() + " cannot be read: " + e.getMessage(), e);
        } finally {
            WorkFiles.deleteQuietly(unsigned);
            if (!done) {
                WorkFiles.deleteQuietly(signed);
            }
        }
        return new MigrationItem.ArchivableFile(document, signed, HexFormat.of().formatHex(sha256.digest()));
    }

    private static String sha256Of(LegacyPackage.PackageFile file) {
        MessageDigest sha256 = sha256();
        try (InputStream in = new DigestInputStream(file.open(), sha256)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.LEGACY_FILE_MISSING, "File " + file.path() + " cannot be read: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refuses to read past the configured limit even when a ZIP entry lies about its size. */
    private static final class BoundedInputStream extends java.io.FilterInputStream {
        private final long limit;
        private final String path;
        private final String why;
        private long read;

        BoundedInputStream(InputStream in, long limit, String path, String why) {
            super(in);
            this.limit = limit;
            this.path = path;
            this.why = why;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) {
            read += n;
            if (read > limit) {
                throw new ArchiveException(ErrorCode.DOCUMENT_TOO_LARGE,
                        "File " + path + " has more than " + limit + " bytes; " + why);
            }
        }
    }
}
