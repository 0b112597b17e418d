package fi.arkisto.store.document;

import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.arkisto.store.access.extract.StageOneClassifier;
import fi.arkisto.store.actor.RequestAssertions;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.CdaParserLimits;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.store.testsupport.ClientRelationshipForms;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The per-version access facts (docs/access.md, "Per-version access facts"): read once from the document and
 * recorded with its version on every archiving path, read by the backfill for versions archived before they were
 * recorded, and never changed once written.
 */
abstract class AccessFactsContract {

    static final RequestContext OWNER = new RequestContext(Oid.of(KantaSamples.SAMPLE_CONTROLLER), "sosiaalityontekija-2", "1");
    static final RequestContext ENTITLED = new RequestContext(OWNER.organisation(), "sosiaalityontekija-2", "1",
            new RequestAssertions(null, true, null));

    @Autowired
    ArchivingService archiving;
    @Autowired
    AccessFactsBackfill backfill;
    @Autowired
    ObjectStore objects;
    @Autowired
    DataSource dataSource;

    private Map<String, Object> facts(String oid) {
        return new JdbcTemplate(dataSource).queryForMap("SELECT original_custodian_oid, author_organisation_oid,"
                + " location_data, non_disclosure_declared, own_restriction, minor_disclosure_code,"
                + " facts_read_at IS NOT NULL AS filled, facts_read_at = archived_at AS at_archiving"
                + " FROM archive.document_version WHERE document_oid = ?", oid);
    }

    private static KantaSamples.Builder withoutLocationData(KantaSamples.Builder builder) {
        return builder.structuredForm(form -> ((ObjectNode) form.path("asiakkuusasiakirja").path("asiakas"))
                .remove("kotikunta"));
    }

    @Test
    void eachArchivingPathRecordsTheFactsItReadFromTheDocument() {
        // given a client's document with its home municipality, archived alone
        String client = KantaSamples.newTestIdentityCode();
        KantaSamples.Builder first = KantaSamples.document().client(client).serviceTask("24").documentGroup("3");
        String single = archiving.archive(first.build(), OWNER).document().oid().value();

        // when a replacement without location data is archived alone, and two documents on the bulk path: a client
        // relationship document declaring non-disclosure and another document without location data
        String replacement = archiving.archive(withoutLocationData(KantaSamples.document().client(client)
                .serviceTask("24").documentGroup("3").replacing(single, single).version(2)
                .reasonOfCorrection("Kotikunta poistettu")).build(), OWNER).document().oid().value();
        KantaSamples.Builder declaring = KantaSamples.document().client(KantaSamples.newTestIdentityCode())
                .serviceTask("24").structuredForm(form -> ClientRelationshipForms.nonDisclosure(form, true));
        KantaSamples.Builder plain = withoutLocationData(KantaSamples.document().client(client).serviceTask("24")
                .documentGroup("3"));
        List<BulkResult> bulk = archiving.archiveAll(List.of(declaring.build(), plain.build()), ENTITLED);

        // then every version carries the facts of its own bytes, recorded with the row
        assertThat(bulk).allSatisfy(r -> assertThat(r.error()).isNull());
        assertThat(facts(single)).containsEntry("location_data", true).containsEntry("non_disclosure_declared", false)
                .containsEntry("own_restriction", "NONE").containsEntry("minor_disclosure_code", "1")
                .containsEntry("original_custodian_oid", KantaSamples.SAMPLE_CONTROLLER)
                .containsEntry("filled", true).containsEntry("at_archiving", true);
        assertThat(facts(single).get("author_organisation_oid")).isNotNull();
        assertThat(facts(replacement)).containsEntry("location_data", false).containsEntry("filled", true);
        assertThat(facts(declaring.oidValue())).containsEntry("location_data", true)
                .containsEntry("non_disclosure_declared", true).containsEntry("at_archiving", true);
        assertThat(facts(plain.oidValue())).containsEntry("location_data", false)
                .containsEntry("non_disclosure_declared", false).containsEntry("at_archiving", true);
    }

    @Test
    void aVersionArchivedBeforeTheFactsWereRecordedIsConservativeUntilTheBackfillReadsItsStoredBytes() {
        // given a document without location data as a release before the facts columns stored it
        byte[] cda = withoutLocationData(KantaSamples.document().client(KantaSamples.newTestIdentityCode())
                .serviceTask("24").documentGroup("3")).build();
        String oid = EarlierRelease.archived(cda, OWNER, objects, dataSource).oid().value();
        DocumentRepository rows = new DocumentRepository(dataSource);
        assertThat(facts(oid)).containsEntry("filled", false);
        VersionFacts versions = new VersionFacts(objects, new CdaParser(),
                ArchivingService.defaultFactsReader(), new StageOneClassifier(Map.of()),
                new MutualCaseParties(new JdbcTemplate(dataSource)));

        // when the backfill runs
        assertThat(backfill.fill()).isGreaterThanOrEqualTo(1);

        // then its facts are those of its stored bytes, and a read takes them from the row
        assertThat(facts(oid)).containsEntry("filled", true).containsEntry("location_data", false)
                .containsEntry("non_disclosure_declared", false).containsEntry("own_restriction", "NONE");
        StoredDocument stored = rows.find(oid).orElseThrow();
        assertThat(stored.facts()).isNotNull();
        assertThat(versions.load(stored).facts().locationData()).isFalse();
        // and a second run leaves it as it is
        backfill.fill();
        assertThat(facts(oid)).containsEntry("location_data", false);
    }

    @Test
    void aVersionAboveTheInMemoryLimitWithoutRecordedFactsCountsAsCarryingLocationData() {
        // given a row without facts whose structured form is not read (its facts from the metadata alone)
        byte[] cda = withoutLocationData(KantaSamples.document().client(KantaSamples.newTestIdentityCode())).build();
        String oid = EarlierRelease.archived(cda, OWNER, objects, dataSource).oid().value();
        StoredDocument stored = new DocumentRepository(dataSource).find(oid).orElseThrow();
        VersionFacts small = new VersionFacts(objects, new CdaParser(new CdaParserLimits(cda.length - 1,
                CdaParserLimits.defaults().maxDepth(), CdaParserLimits.defaults().maxAttributes())),
                ArchivingService.defaultFactsReader(), new StageOneClassifier(Map.of()),
                new MutualCaseParties(new JdbcTemplate(dataSource)));

        // when / then
        assertThat(stored.facts()).isNull();
        assertThat(small.load(stored).facts().locationData()).isTrue();
    }

    @Test
    void recordedFactsAreNeverChangedNorUnset() {
        // given an archived version with its facts
        String oid = archiving.archive(KantaSamples.document().client(KantaSamples.newTestIdentityCode()).build(),
                OWNER).document().oid().value();
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);

        // when / then the database refuses to change or unset them
        assertThatThrownBy(() -> jdbc.update("UPDATE archive.document_version SET location_data = false"
                + " WHERE document_oid = ?", oid)).isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("UPDATE archive.document_version SET facts_read_at = NULL"
                + " WHERE document_oid = ?", oid)).isInstanceOf(DataIntegrityViolationException.class);
        assertThat(facts(oid)).containsEntry("location_data", true).containsEntry("filled", true);
    }
}
