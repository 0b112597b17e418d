package fi.arkisto.store.document;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.audit.AuditEvent;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The bulk path of the legacy migration keeps every rule of single archiving, item by item. */
abstract class BulkArchivingContract {

    static final RequestContext MIGRATION = new RequestContext(Oid.of(KantaSamples.SAMPLE_CONTROLLER), "legacy-migration", "1");

    @Autowired
    ArchivingService archiving;
    @Autowired
    DocumentReadService reading;
    @Autowired
    AuditLog audit;
    @Autowired
    ObjectStore objects;
    @Autowired
    DataSource dataSource;

    @Test
    void eachItemIsArchivedOrRefusedOnItsOwnMerits() {
        // given
        KantaSamples.Builder archivedBefore = KantaSamples.document();
        byte[] archivedBytes = archivedBefore.build();
        archiving.archive(archivedBytes, MIGRATION);
        KantaSamples.Builder a = KantaSamples.document();
        KantaSamples.Builder b = KantaSamples.document();
        byte[] aBytes = a.build();
        List<byte[]> items = List.of(
                aBytes,                                                                            // 0 new
                b.build(),                                                                         // 1 new set
                KantaSamples.document().replacing(b.oidValue(), b.oidValue()).version(2)
                        .reasonOfCorrection("Korjaus").build(),                                    // 2 replaces 1
                archivedBytes,                                                                     // 3 duplicate
                archivedBefore.marker("eri sisältö").build(),                                      // 4 conflict
                "<ClinicalDocument".getBytes(StandardCharsets.UTF_8),                              // 5 malformed
                aBytes.clone(),                                                                    // 6 same as 0
                KantaSamples.document().controller("1.2.246.10.7654321.10.0").build(),             // 7 denied
                KantaSamples.document().setId(a.oidValue()).version(2).build(),                    // 8 no reason
                b.marker("toinen").build());                                                       // 9 conflicts with 1

        // when
        List<BulkResult> results = archiving.archiveAll(items, MIGRATION);

        // then
        assertThat(results).extracting(BulkResult::index).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertCreated(results.get(0), true);
        assertCreated(results.get(1), true);
        assertCreated(results.get(2), true);
        assertCreated(results.get(3), false);
        assertRefused(results.get(4), ErrorCode.DOCUMENT_CONFLICT);
        assertRefused(results.get(5), ErrorCode.MALFORMED_XML);
        assertCreated(results.get(6), false);
        assertThat(results.get(6).outcome().document().oid().value()).isEqualTo(a.oidValue());
        assertRefused(results.get(7), ErrorCode.NO_ACCESS_TO_REGISTER);
        assertRefused(results.get(8), ErrorCode.CORRECTION_REASON_REQUIRED);
        assertRefused(results.get(9), ErrorCode.DOCUMENT_CONFLICT);
        assertThat(reading.metadata(DocumentOid.of(b.oidValue()), MIGRATION).status()).isEqualTo(DocumentStatus.REPLACED);
        assertThat(reading.content(DocumentOid.of(a.oidValue()), MIGRATION).bytes()).isEqualTo(aBytes);
        assertThat(audit.eventsForDocument(a.oidValue())).extracting(AuditEvent::operation, AuditEvent::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ARCHIVE", "SUCCESS"),
                        org.assertj.core.groups.Tuple.tuple("ARCHIVE", "DUPLICATE"),
                        org.assertj.core.groups.Tuple.tuple("READ_CONTENT", "SUCCESS"));
        assertThat(audit.eventsForDocument(archivedBefore.oidValue())).extracting(AuditEvent::outcome)
                .containsExactly("SUCCESS", "DUPLICATE", "REJECTED");
        assertThat(audit.verify().valid()).isTrue();
    }

    @Test
    void versionsOfOneSetMayComeInAnyOrder() {
        // given
        KantaSamples.Builder first = KantaSamples.document();
        byte[] v1 = first.build();
        byte[] v2 = KantaSamples.document().replacing(first.oidValue(), first.oidValue()).version(2)
                .reasonOfCorrection("Korjaus").build();

        // when
        List<BulkResult> results = archiving.archiveAll(List.of(v2, v1), MIGRATION);

        // then
        assertThat(results).allSatisfy(r -> assertCreated(r, true));
        assertThat(reading.metadata(DocumentOid.of(first.oidValue()), MIGRATION).status()).isEqualTo(DocumentStatus.REPLACED);
        assertThat(results.get(0).outcome().document().status()).isEqualTo(DocumentStatus.ACTIVE);
    }

    @Test
    void fiftyDocumentsArchiveAsOneBatchWithVerifiedObjects() {
        // given
        List<byte[]> items = new ArrayList<>();
        List<String> oids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            KantaSamples.Builder builder = KantaSamples.document().client(KantaSamples.newTestIdentityCode());
            oids.add(builder.oidValue());
            items.add(builder.build());
        }

        // when
        List<BulkResult> results = archiving.archiveAll(items, MIGRATION);

        // then
        assertThat(results).allSatisfy(r -> assertCreated(r, true));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM archive.document_version WHERE document_oid = ANY(?)",
                Integer.class, (Object) oids.toArray(String[]::new))).isEqualTo(50);
        assertThat(results).allSatisfy(r -> assertThat(objects.exists(ObjectStore.documentKey(r.outcome().document().sha256()))).isTrue());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM archive.audit_event WHERE operation = 'ARCHIVE'"
                + " AND outcome = 'SUCCESS' AND document_oid = ANY(?)", Integer.class, (Object) oids.toArray(String[]::new)))
                .isEqualTo(50);
    }

    @Test
    void oneRowTheDatabaseRefusesDoesNotFailTheOthers() {
        // given
        KantaSamples.Builder bad = KantaSamples.document();
        KantaSamples.Builder good = KantaSamples.document();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String trigger = "fail_bulk_" + Math.abs(bad.oidValue().hashCode());
        jdbc.execute("CREATE FUNCTION archive." + trigger + "() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
                + " IF NEW.document_oid = '" + bad.oidValue() + "' THEN RAISE EXCEPTION 'simulated failure'; END IF;"
                + " RETURN NEW; END $$");
        jdbc.execute("CREATE TRIGGER " + trigger + " BEFORE INSERT ON archive.document_version FOR EACH ROW"
                + " EXECUTE FUNCTION archive." + trigger + "()");
        List<BulkResult> results;
        try {
            // when
            results = archiving.archiveAll(List.of(good.build(), bad.build()), MIGRATION);
        } finally {
            jdbc.execute("DROP TRIGGER " + trigger + " ON archive.document_version");
            jdbc.execute("DROP FUNCTION archive." + trigger + "()");
        }

        // then
        assertCreated(results.get(0), true);
        assertRefused(results.get(1), ErrorCode.STORAGE_UNAVAILABLE);
        assertThat(reading.metadata(DocumentOid.of(good.oidValue()), MIGRATION).status()).isEqualTo(DocumentStatus.ACTIVE);
    }

    private static void assertCreated(BulkResult result, boolean created) {
        assertThat(result.error()).as("item %d error", result.index()).isNull();
        assertThat(result.outcome().created()).as("item %d created", result.index()).isEqualTo(created);
    }

    private static void assertRefused(BulkResult result, ErrorCode code) {
        assertThat(result.outcome()).as("item %d outcome", result.index()).isNull();
        assertThat(result.error().code()).as("item %d code", result.index()).isEqualTo(code);
    }
}
