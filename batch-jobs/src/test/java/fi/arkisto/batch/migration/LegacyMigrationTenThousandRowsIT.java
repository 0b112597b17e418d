package fi.arkisto.batch.migration;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.document.StoredContent;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.testkit.legacy.LegacyPackageGenerator;
import fi.arkisto.testkit.legacy.LegacyPackageOptions;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static fi.arkisto.batch.migration.MigrationTestEnvironment.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;

/** The 10,000-row migration drill: a failsafe test (run by {@code verify}), kept out of the unit-test phase. */
class LegacyMigrationTenThousandRowsIT extends MigrationIntegrationTest {

    @Autowired
    MigrationLauncher launcher;
    @Autowired
    MigrationMonitor monitor;
    @Autowired
    DocumentReadService reads;
    @Autowired
    AuditLog audit;

    @Test
    void migratesTenThousandDocumentsRejectingExactlyTheBadRowsEachWithItsReason(@TempDir Path dir) throws Exception {
        // given a generated package of 10,000 rows, 1 % of them deliberately bad
        var generated = LegacyPackageGenerator.generate(LegacyPackageOptions.of(10_000, dir).withBadPercent(1)
                .withSeed(10_000).withController(CONTROLLER).withFileBytes(800));
        Map<Long, String> expected = expectedRejects(generated.expectedRejects());
        assertThat(expected).hasSizeGreaterThan(50);

        // when it is migrated
        JobExecution execution = launcher.run(dir, Oid.of(CONTROLLER));
        // the other ITs of this database bulk-loaded it moments ago: without statistics the checks' joins below are
        // planned as if the tables were empty (a scan of one table per row of the other)
        jdbc.execute("ANALYZE archive.migration_items, archive.migration_rejects, archive.document_version");

        // then the job completed and rejected exactly the bad rows, each once with its reason
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        long instance = execution.getJobInstance().getInstanceId();
        assertThat(storedRejects(instance)).isEqualTo(expected);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM archive.migration_rejects WHERE job_instance_id = ? AND length(reason) > 10",
                Long.class, instance)).isEqualTo(expected.size());
        // and the reject report lists the same rows
        Path report = Path.of(execution.getExecutionContext().getString(LegacyMigrationJobConfiguration.REPORT));
        List<CSVRecord> reported;
        try (var reader = Files.newBufferedReader(report, StandardCharsets.UTF_8)) {
            reported = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
        assertThat(reported).hasSize(expected.size());
        assertThat(reported).allSatisfy(r -> assertThat(expected.get(Long.parseLong(r.get("row_number")))).isEqualTo(r.get("error_code")));

        // and every good row is archived exactly once: a ledger entry, a document row, group "old document", valid system signature
        long good = 10_000 - expected.size();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM archive.migration_items WHERE job_instance_id = ?", Long.class, instance))
                .isEqualTo(good);
        assertThat(jdbc.queryForObject("""
                SELECT count(*) FROM archive.migration_items m JOIN archive.document_version d ON d.document_oid = m.document_oid
                 WHERE m.job_instance_id = ? AND d.sha256 = m.document_sha256 AND d.document_group = '4'
                   AND d.controller_oid = ? AND d.signatures @> '[{"valid": true, "type": "SYSTEM"}]'::jsonb
                """, Long.class, instance, CONTROLLER)).isEqualTo(good);

        // and the progress says so
        MigrationProgress progress = monitor.progress(execution.getId()).orElseThrow();
        assertThat(progress.totalRows()).isEqualTo(10_000);
        assertThat(progress.processedRows()).isEqualTo(10_000);
        assertThat(progress.archived()).isEqualTo(good);
        assertThat(progress.rejected()).isEqualTo(expected.size());
        assertThat(progress.running()).isFalse();

        // and a sample of documents round-trips byte-exact, carrying the legacy file as its display form
        RequestContext ctx = new RequestContext(Oid.of(CONTROLLER), "test", RequestContext.OWN_REGISTER_USE);
        CdaParser parser = new CdaParser();
        List<Map<String, Object>> sample = jdbc.queryForList("""
                SELECT m.document_oid, m.document_sha256, m.row_number FROM archive.migration_items m
                 WHERE m.job_instance_id = ? AND m.row_number % 97 = 0 ORDER BY m.row_number
                """, instance);
        assertThat(sample).hasSizeGreaterThan(90);
        List<CSVRecord> manifest;
        try (var reader = Files.newBufferedReader(dir.resolve("manifest.csv"))) {
            manifest = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
        }
        for (Map<String, Object> row : sample) {
            StoredContent content = reads.content(DocumentOid.of((String) row.get("document_oid")), ctx);
            assertThat(LegacyMigrationJobTest.sha256(content.bytes())).isEqualTo(row.get("document_sha256"));
            ParsedDocument parsed = parser.parse(content.bytes());
            CSVRecord line = manifest.get(((Number) row.get("row_number")).intValue() - 1);
            byte[] original = Files.readAllBytes(dir.resolve(line.get("file")));
            assertThat(parsed.metadata().clientId()).isEqualTo(line.get("client_id"));
            if (line.get("media_type").equals("text/plain")) {
                assertThat(new String(parsed.displayForm(), StandardCharsets.UTF_8)).contains(
                        KantaDocumentWrapper.escape(new String(original, StandardCharsets.UTF_8).lines().findFirst().orElseThrow()));
            } else {
                assertThat(parsed.displayForm()).isEqualTo(original);
                assertThat(parsed.displayMediaType()).isEqualTo(line.get("media_type"));
            }
        }
        // and the audit chain is intact
        assertThat(audit.verify().valid()).isTrue();
    }
}
