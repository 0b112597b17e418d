package fi.arkisto.batch.migration;

import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.document.DocumentOid;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.item.ItemProcessor;
import org.springframework.batch.item.ItemStream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns one manifest row into a signed archive document or into a reject with one precise reason (issue 5):
 * validates the row, refuses a repeated legacy id whose content differs from its first occurrence, reads the file
 * (bounded), wraps it into a Kanta CDA document of the old-documents group and signs it with the organisation's
 * system signature at the migration's fixed signing time. Never throws for a bad row.
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
    private final Function<byte[], ParsedDocument> cdaParser;
    private final ManifestIndex index;
    private final MigrationProperties properties;
    private LegacyPackage legacyPackage;
    private Map<Long, ManifestIndex.FirstOccurrence> repeats = Map.of();

    LegacyRowProcessor(Path packageLocation, Oid controller, long jobInstanceId, long fromRow, long toRow, Instant signingTime,
                       RowValidator validator, KantaDocumentWrapper wrapper, DocumentSigner signer,
                       Function<byte[], ParsedDocument> cdaParser, ManifestIndex index, MigrationProperties properties) {
        this.packageLocation = packageLocation;
        this.controller = controller;
        this.jobInstanceId = jobInstanceId;
        this.fromRow = fromRow;
        this.toRow = toRow;
        this.signingTime = signingTime;
        this.validator = validator;
        this.wrapper = wrapper;
        this.signer = signer;
        this.cdaParser = cdaParser;
        this.index = index;
        this.properties = properties;
    }

    @Override
    public void open(ExecutionContext executionContext) {
        legacyPackage = LegacyPackage.open(packageLocation);
        repeats = index.repeatsIn(jobInstanceId, fromRow, toRow);
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
        MessageDigest sha256 = sha256();
        byte[] cda;
        String documentOid;
        try (InputStream in = new DigestInputStream(new BoundedInputStream(file.open(), properties.maxFileBytes(), file.path()), sha256)) {
            if (document.mediaType() == LegacyMediaType.KANTA_CDA) {
                cda = in.readAllBytes();
                documentOid = checkKantaDocument(document, cda);
            } else {
                DocumentOid oid = LegacyDocumentOids.derive(controller, document.legacyId(), properties.documentOidArc());
                ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(file.size() * 4 / 3 + 4096, Integer.MAX_VALUE - 64));
                wrapper.wrap(document, oid, in, out);
                cda = signer.sign(out.toByteArray(), signingTime);
                documentOid = oid.value();
            }
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.LEGACY_FILE_MISSING, "File " + file.path() + " cannot be read: " + e.getMessage(), e);
        }
        return new MigrationItem.Archivable(document, documentOid, cda, HexFormat.of().formatHex(sha256.digest()));
    }

    /** An already-formed Kanta document is archived as it is, but it must be the document the row says it is. */
    private String checkKantaDocument(LegacyDocument row, byte[] cda) {
        ParsedDocument parsed = cdaParser.apply(cda);
        var metadata = parsed.metadata();
        if (!row.client().value().equals(metadata.clientId())) {
            throw new ArchiveException(ErrorCode.FRAME_DOCUMENT_MISMATCH,
                    "The Kanta document names another client than column client_id");
        }
        if (!controller.value().equals(metadata.controllerOid())) {
            throw new ArchiveException(ErrorCode.ACCESS_DENIED,
                    "The Kanta document belongs to controller " + metadata.controllerOid() + ", not " + controller);
        }
        return metadata.documentOid().value();
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
        private long read;

        BoundedInputStream(InputStream in, long limit, String path) {
            super(in);
            this.limit = limit;
            this.path = path;
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
                        "File " + path + " is larger than arkisto.migration.max-file-bytes " + limit);
            }
        }
    }
}
