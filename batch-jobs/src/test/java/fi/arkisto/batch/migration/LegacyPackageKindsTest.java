package fi.arkisto.batch.migration;

import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.testkit.legacy.LegacyPackageGenerator;
import fi.arkisto.testkit.legacy.LegacyPackageOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import static fi.arkisto.batch.migration.MigrationTestEnvironment.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;

class LegacyPackageKindsTest extends MigrationIntegrationTest {

    private static final String HEADER = "legacy_id,client_id,service_task,document_type,title,created,controller_oid,service_unit_oid,file,media_type\n";

    @Autowired
    MigrationLauncher launcher;
    @Autowired
    KantaDocumentWrapper wrapper;
    @Autowired
    DocumentSigner signer;
    @Autowired
    MigrationCodes codes;

    @Test
    void migratesAZipPackageWithExactlyTheExpectedRejects(@TempDir Path dir) throws Exception {
        // given a generated ZIP package with 10 % bad rows
        var generated = LegacyPackageGenerator.generate(LegacyPackageOptions.of(60, dir).withBadPercent(10).withSeed(60)
                .withController(CONTROLLER).withFileBytes(400).asZip());

        // when it is migrated
        JobExecution execution = launcher.run(generated.manifestOrZip(), Oid.of(CONTROLLER));

        // then exactly the bad rows are rejected and the others archived
        Map<Long, String> expected = expectedRejects(generated.expectedRejects());
        long instance = execution.getJobInstance().getInstanceId();
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(storedRejects(instance)).isEqualTo(expected);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM archive.migration_items WHERE job_instance_id = ?", Long.class, instance))
                .isEqualTo(60L - expected.size());
    }

    @Test
    void archivesKantaDocumentsAsTheyAreAndRejectsEachKindOfBadRowOnce(@TempDir Path dir) throws Exception {
        // given a hand-written package: a text file, an already-formed Kanta document, the same Kanta document under
        // another client's row, an identical repeat, an unsupported type, a row with too few fields, a link leaving the package
        Path files = Files.createDirectories(dir.resolve("files"));
        Files.writeString(files.resolve("a.txt"), "Kotikäynti tehtiin.", StandardCharsets.UTF_8);
        byte[] kanta = kantaDocument("KANTA-1", "010190-900P");
        Files.write(files.resolve("kanta.xml"), kanta);
        Files.write(files.resolve("image.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        Files.createSymbolicLink(files.resolve("passwd"), Path.of("/etc/passwd"));
        String rows = HEADER
                + row("LEG-K1", "010190-900P", "files/a.txt", "text/plain")
                + row("LEG-K2", "010190-900P", "files/kanta.xml", "application/x-kanta-cda+xml")
                + row("LEG-K3", "020290-9027", "files/kanta.xml", "application/x-kanta-cda+xml")
                + row("LEG-K1", "010190-900P", "files/a.txt", "text/plain")
                + row("LEG-K5", "010190-900P", "files/image.png", "image/png")
                + "LEG-K6,010190-900P,24\n"
                + row("LEG-K7", "010190-900P", "files/passwd", "text/plain");
        Files.writeString(dir.resolve("manifest.csv"), rows, StandardCharsets.UTF_8);

        // when it is migrated
        JobExecution execution = launcher.run(dir, Oid.of(CONTROLLER));

        // then each bad row has its own reason, the repeat is neither archived again nor rejected
        long instance = execution.getJobInstance().getInstanceId();
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(storedRejects(instance)).isEqualTo(Map.of(3L, "FRAME_DOCUMENT_MISMATCH", 5L, "UNSUPPORTED_MEDIA_TYPE",
                6L, "LEGACY_ROW_INVALID", 7L, "PACKAGE_ENTRY_UNSAFE"));
        assertThat(jdbc.queryForList("SELECT legacy_id FROM archive.migration_items WHERE job_instance_id = ? ORDER BY row_number",
                String.class, instance)).containsExactly("LEG-K1", "LEG-K2");
        // and the Kanta document kept its own OID and its exact bytes
        String kantaOid = new fi.arkisto.store.cda.CdaParser().parse(kanta).metadata().documentOid().value();
        assertThat(jdbc.queryForObject("SELECT document_oid FROM archive.migration_items WHERE job_instance_id = ? AND legacy_id = 'LEG-K2'",
                String.class, instance)).isEqualTo(kantaOid);
        assertThat(jdbc.queryForObject("SELECT sha256 FROM archive.document_version WHERE document_oid = ?", String.class, kantaOid))
                .isEqualTo(LegacyMigrationJobTest.sha256(kanta));
    }

    private static String row(String legacyId, String client, String file, String mediaType) {
        return String.join(",", legacyId, client, "24", "4", "Muistio", "2010-05-05", CONTROLLER,
                "1.2.246.10.12345678.10.1001", file, mediaType) + "\n";
    }

    /** A Kanta document as another system would have produced it: wrapped and signed, with its own OID. */
    private byte[] kantaDocument(String legacyId, String client) throws Exception {
        Map<ManifestColumn, String> values = new EnumMap<>(ManifestColumn.class);
        values.put(ManifestColumn.LEGACY_ID, legacyId);
        values.put(ManifestColumn.CLIENT_ID, client);
        values.put(ManifestColumn.SERVICE_TASK, "24");
        values.put(ManifestColumn.DOCUMENT_TYPE, "4");
        values.put(ManifestColumn.TITLE, "Asiakaskertomus");
        values.put(ManifestColumn.CREATED, "2012-01-02");
        values.put(ManifestColumn.CONTROLLER_OID, CONTROLLER);
        values.put(ManifestColumn.SERVICE_UNIT_OID, "1.2.246.10.12345678.10.1001");
        values.put(ManifestColumn.FILE, "x.txt");
        values.put(ManifestColumn.MEDIA_TYPE, "text/plain");
        LegacyDocument document = new RowValidator(codes).validate(new ManifestRow(1, values, null), Oid.of(CONTROLLER));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        wrapper.wrap(document, DocumentOid.of(CONTROLLER + ".99." + System.nanoTime()),
                new ByteArrayInputStream("Vanha kertomus".getBytes(StandardCharsets.UTF_8)), out);
        return signer.sign(out.toByteArray(), Instant.now().minusSeconds(60));
    }
}
