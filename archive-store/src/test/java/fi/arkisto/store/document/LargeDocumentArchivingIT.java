package fi.arkisto.store.document;

import fi.arkisto.store.LocalServicesTest;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.display.DisplayConfiguration;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.object.ContentHash;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.store.signature.SignatureConfiguration;
import fi.arkisto.store.signature.SystemSigner;
import fi.arkisto.store.structure.StructureConfiguration;
import fi.arkisto.store.testsupport.KantaSamples;
import fi.arkisto.store.testsupport.LargeKantaDocuments;
import fi.arkisto.testkit.pki.CertificateIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 5, "a single 1 GB file streams through": a document larger than this JVM's whole heap is signed, archived
 * (every check, real signature, PDF display form, multipart upload to the S3 protocol, PostgreSQL) and read back as a
 * verified stream. Failsafe runs this class in its own execution with {@code -Xmx256m}, so the document (about 1.37
 * times the heap) cannot be held. Sizes: {@code -Darkisto.test.large-pdf-bytes} overrides the PDF size.
 */
@LocalServicesTest
@Import({SignatureConfiguration.class, DisplayConfiguration.class, StructureConfiguration.class})
class LargeDocumentArchivingIT {

    static final String CONTROLLER = KantaSamples.SAMPLE_CONTROLLER;
    static final RequestContext OWNER = new RequestContext(Oid.of(CONTROLLER), "migraatio", "1");
    /** Files this large are the legacy migration's scans, which it wraps and signs itself. */
    static final Intake MIGRATED = Intake.migration(Instant.now());

    private static Path dir;
    private static KeyPair caKeys;
    private static X509Certificate ca;
    private static KeyPair systemKeys;
    private static X509Certificate system;

    @Autowired
    ArchivingService archiving;
    @Autowired
    DocumentReadService reading;
    @Autowired
    ObjectStore objects;

    @BeforeAll
    static void pki() throws IOException {
        dir = Files.createTempDirectory("arkisto-large");
    }

    @AfterAll
    static void clean() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir);
    }

    @DynamicPropertySource
    static void anchors(DynamicPropertyRegistry registry) {
        try {
            caKeys = CertificateIssuer.rsaKeyPair();
            ca = CertificateIssuer.selfSignedCa(CertificateIssuer.caSubject("Arkisto TEST Large CA"), caKeys,
                    Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2035-01-01T00:00:00Z"));
            systemKeys = CertificateIssuer.rsaKeyPair();
            system = CertificateIssuer.issueSigning(
                    CertificateIssuer.systemSubject("Testin hyvinvointialue", CONTROLLER, "Migraatio"),
                    systemKeys.getPublic(), Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z"),
                    List.of(CertificateIssuer.TEST_SYSTEM_POLICY), ca, caKeys.getPrivate());
            Path anchors = Files.createTempDirectory("arkisto-large-anchors");
            Path pem = anchors.resolve("ca.pem");
            Files.writeString(pem, CertificateIssuer.pem(ca));
            anchors.toFile().deleteOnExit();
            pem.toFile().deleteOnExit();
            registry.add("arkisto.signature.trust-anchors", anchors::toString);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void aDocumentLargerThanTheHeapIsArchivedOnceAndReadBackStreamed() throws IOException {
        // given a signed document about 1.37 times this JVM's maximum heap
        long pdfBytes = Long.getLong("arkisto.test.large-pdf-bytes", Math.max(64L << 20, Runtime.getRuntime().maxMemory()));
        String oid = KantaSamples.newOid();
        Path signed = signedDocument(oid, pdfBytes, 1);
        long size = Files.size(signed);
        String sha = sha256(signed);
        resetPeaks();

        // when archived from the file
        long started = System.nanoTime();
        ArchiveOutcome outcome = archiving.archive(signed, OWNER, MIGRATED);
        long archiveMillis = (System.nanoTime() - started) / 1_000_000;

        // then it is stored with its size, SHA-256 and valid signature evidence
        assertThat(size).isGreaterThan(Runtime.getRuntime().maxMemory());
        assertThat(outcome.created()).isTrue();
        ArchivedDocument document = outcome.document();
        assertThat(document.size()).isEqualTo(size);
        assertThat(document.sha256()).isEqualTo(sha);
        assertThat(document.signatures()).singleElement().satisfies(e -> {
            assertThat(e.valid()).isTrue();
            assertThat(e.result()).isEqualTo("VALID");
            assertThat(e.type()).isEqualTo(SignatureType.SYSTEM);
        });
        assertThat(reading.metadata(DocumentOid.of(oid), OWNER).signatures()).hasSize(1);

        // and read back as a verified stream, byte-exact
        started = System.nanoTime();
        MessageDigest digest = ContentHash.newSha256();
        long read;
        try (ContentStream content = reading.openContent(DocumentOid.of(oid), OWNER);
             InputStream in = new DigestInputStream(content.content(), digest)) {
            read = in.transferTo(OutputStream.nullOutputStream());
        }
        long readMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(read).isEqualTo(size);
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(sha);

        // and a second archiving is a duplicate
        started = System.nanoTime();
        assertThat(archiving.archive(signed, OWNER, MIGRATED).created()).isFalse();
        long duplicateMillis = (System.nanoTime() - started) / 1_000_000;

        System.out.printf("LARGE DOCUMENT: %,d bytes (max heap %,d): archive %,d ms, streamed read %,d ms, duplicate %,d ms, "
                        + "peak heap %,d bytes%n", size, Runtime.getRuntime().maxMemory(), archiveMillis, readMillis,
                duplicateMillis, peakHeap());
    }

    @Test
    void aTamperedLargeDocumentIsRefusedAndNothingIsStored() throws IOException {
        // given a signed document above the in-memory limit whose body then had one byte changed
        String oid = KantaSamples.newOid();
        Path signed = signedDocument(oid, 40L << 20, 2);
        tamperMiddle(signed);
        String sha = sha256(signed);

        // when archived, then refused as an invalid signature, and neither metadata nor object exists
        assertThatThrownBy(() -> archiving.archive(signed, OWNER, MIGRATED))
                .isInstanceOfSatisfying(ArchiveException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
                    assertThat(e.detail()).contains("digest of the body does not match");
                });
        assertThatThrownBy(() -> reading.metadata(DocumentOid.of(oid), OWNER))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DOCUMENT_NOT_FOUND));
        assertThat(objects.exists(ObjectStore.documentKey(sha))).isFalse();
    }

    private static Path signedDocument(String oid, long pdfBytes, int seed) {
        Path unsigned = dir.resolve(oid + ".unsigned.xml");
        Path signed = dir.resolve(oid + ".xml");
        LargeKantaDocuments.write(unsigned, oid, KantaSamples.newTestIdentityCode(), CONTROLLER, pdfBytes, seed);
        new SystemSigner(systemKeys.getPrivate(), system, Clock.systemUTC()).sign(unsigned, signed, Instant.now().minusSeconds(60));
        try {
            Files.delete(unsigned);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return signed;
    }

    private static void tamperMiddle(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            for (long at = raf.length() / 2; ; at++) {
                raf.seek(at);
                int b = raf.read();
                if (b >= 'A' && b <= 'Y') {
                    raf.seek(at);
                    raf.write(b + 1);
                    return;
                }
            }
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = ContentHash.newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void resetPeaks() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peaks since {@link #resetPeaks()} (an upper bound of the peak heap in use). */
    private static long peakHeap() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    }
}
