package fi.arkisto.batch.migration;

import fi.arkisto.store.cda.BodySplitter;
import fi.arkisto.store.cda.CdaParserLimits;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.testkit.legacy.LegacyPackageGenerator;
import fi.arkisto.testkit.legacy.LegacyPackageOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static fi.arkisto.batch.migration.MigrationTestEnvironment.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 5: "a single 1 GB file streams through". A JVM whose heap is smaller than the file migrates a package with a
 * scanned PDF of {@code arkisto.test.scan-bytes} (default 128 MiB; {@code -Darkisto.test.scan-bytes=1073741824}
 * runs the full gigabyte) under {@code -Xmx}{@code arkisto.test.scan-heap} (default 96m): wrapping, signing,
 * verification, the display-form check and the S3 upload must all stream, or the child runs out of memory.
 */
class LegacyMigrationLargeFileIT extends MigrationIntegrationTest {

    private static final long SEED = 5151;
    private static final long SCAN_BYTES = Long.getLong("arkisto.test.scan-bytes", 128L << 20);
    private static final String CHILD_HEAP = System.getProperty("arkisto.test.scan-heap", "96m");

    @Autowired
    ObjectStore objects;

    @Test
    void aScannedFileLargerThanTheHeapIsArchivedStreamingAndReadsBackToTheSameBytes(@TempDir Path dir) throws Exception {
        // given a package of 20 small rows and one scanned PDF larger than the migrating JVM's heap
        Path pkg = dir.resolve("package");
        LegacyPackageGenerator.generate(LegacyPackageOptions.of(20, pkg).withBadPercent(0).withSeed(SEED)
                .withController(CONTROLLER).withFileBytes(800).withScanBytes(SCAN_BYTES));
        String scanId = "LEG-" + SEED + "-scan";
        Path scan = pkg.resolve("files/scan/" + scanId + ".pdf");
        String scanSha = sha256(Files.newInputStream(scan));
        Path work = dir.resolve("work");

        // when a separate JVM with a small heap migrates it
        long started = System.nanoTime();
        Process child = startMigrationProcess(pkg, work, dir.resolve("child.log"));
        boolean ended = child.waitFor(15, TimeUnit.MINUTES);
        if (!ended) {
            child.destroyForcibly();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertThat(ended && child.exitValue() == 0).as("the migration process completed; its log:%n%s", tail(dir.resolve("child.log"))).isTrue();

        // then every row is archived, the scan included, and no work file is left
        assertThat(jdbc.queryForObject("SELECT count(*) FROM archive.migration_items WHERE legacy_id LIKE ?", Long.class,
                "LEG-" + SEED + "-%")).isEqualTo(21L);
        // two primary-key lookups, not a join: the tables were just bulk-loaded by the other ITs of this database and
        // not yet analysed, and a join planned on empty statistics scanned one table per row of the other (minutes)
        Map<String, Object> item = jdbc.queryForMap("""
                SELECT source_sha256, document_oid FROM archive.migration_items WHERE controller_oid = ? AND legacy_id = ?""",
                CONTROLLER, scanId);
        Map<String, Object> stored = jdbc.queryForMap("""
                SELECT sha256, object_key, size_bytes, signatures::text AS signatures
                  FROM archive.document_version WHERE document_oid = ?""", item.get("document_oid"));
        assertThat(item.get("source_sha256")).isEqualTo(scanSha);
        assertThat(((Number) stored.get("size_bytes")).longValue()).isGreaterThan(SCAN_BYTES * 4 / 3);
        assertThat((String) stored.get("signatures")).contains("SYSTEM");
        try (var files = Files.list(work)) {
            assertThat(files.toList()).as("work files left").isEmpty();
        }
        // and the stored object hashes to the recorded SHA-256, and its display form decodes to exactly the scan
        try (InputStream document = objects.open((String) stored.get("object_key"), (String) stored.get("sha256"),
                ((Number) stored.get("size_bytes")).longValue())) {
            assertThat(displayFormSha256(document)).isEqualTo(scanSha);
        }
        System.out.printf("Large file: %,d-byte scan migrated in %.1f s under -Xmx%s%n", Files.size(scan), seconds, CHILD_HEAP);
    }

    /** Decodes the display form out of the stored document as it streams past, hashing it without holding it. */
    private static String displayFormSha256(InputStream document) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (var decoded = new java.security.DigestOutputStream(java.io.OutputStream.nullOutputStream(), digest)) {
            BodySplitter.split(document, CdaParserLimits.defaults(), decoded, null);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream digesting = new DigestInputStream(in, digest)) {
            digesting.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static Process startMigrationProcess(Path pkg, Path work, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + CHILD_HEAP));
        String extra = System.getProperty("arkisto.test.child-jvm-args", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MigrationProcessMain.class.getName(), pkg.toString(), CONTROLLER));
        MigrationTestEnvironment.get().properties().forEach((k, v) -> command.add("--" + k + "=" + v));
        command.add("--arkisto.migration.work-dir=" + work);
        command.add("--logging.level.root=WARN");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String tail(Path log) throws Exception {
        if (!Files.exists(log)) {
            return "-";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }
}
