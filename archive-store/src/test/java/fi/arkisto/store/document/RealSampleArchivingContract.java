package fi.arkisto.store.document;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.object.ContentHash;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Kanta sample archived byte-exact with its header metadata. Its OID is fixed by its signature, so the
 * subclasses run in a database of their own (a private context): no other test class can have archived it first.
 */
abstract class RealSampleArchivingContract {

    static final RequestContext OWNER = new RequestContext(Oid.of(KantaSamples.SAMPLE_CONTROLLER),
            "sosiaalityontekija-1", "1");

    @Autowired
    ArchivingService archiving;
    @Autowired
    DocumentReadService reading;
    @Autowired
    DataSource dataSource;

    JdbcTemplate jdbc() {
        return new JdbcTemplate(dataSource);
    }

    @Test
    void archivesTheRealSampleByteExactWithItsHeaderMetadata() {
        // given the real sample, in a database no other test class archives into
        byte[] sample = KantaSamples.realSample();
        assertThat(jdbc().queryForObject("SELECT count(*) FROM archive.document_version WHERE document_oid = ?",
                Long.class, KantaSamples.SAMPLE_OID)).isZero();

        // when
        ArchiveOutcome outcome = archiving.archive(sample, OWNER);
        StoredContent content = reading.content(DocumentOid.of(KantaSamples.SAMPLE_OID), OWNER);

        // then this submission created it, and there is exactly one version
        assertThat(outcome.created()).isTrue();
        assertThat(jdbc().queryForObject("SELECT count(*) FROM archive.document_version WHERE document_oid = ?",
                Long.class, KantaSamples.SAMPLE_OID)).isEqualTo(1L);
        DocumentMetadata m = outcome.document().metadata();
        assertThat(m.documentOid().value()).isEqualTo("1.2.246.10.32213561.95777.2026.688883.2809773");
        assertThat(m.clientId()).isEqualTo("200111A904P");
        assertThat(m.controllerOid()).isEqualTo("1.2.246.10.32213561.10.0");
        assertThat(m.serviceUnitOid()).isEqualTo("1.2.246.10.1246109.10.2001213");
        assertThat(m.documentGroup().code()).isEqualTo("1");
        assertThat(m.contentSpecificationId()).isEqualTo("1.2.246.537.6.1505.1.2023.6.1");
        assertThat(m.retentionPeriodClass().code()).isEqualTo("1");
        assertThat(outcome.document().status()).isEqualTo(DocumentStatus.ACTIVE);
        assertThat(outcome.document().sha256()).isEqualTo(ContentHash.sha256Hex(sample));
        assertThat(content.bytes()).isEqualTo(sample);
        assertThat(content.sha256()).isEqualTo(ContentHash.sha256Hex(sample));
        // the stored metadata reads back equal to what was extracted, offsets of header times included
        ArchivedDocument stored = reading.metadata(m.documentOid(), OWNER);
        assertThat(stored.metadata()).isEqualTo(m);
        assertThat(stored.metadata().effectiveTime()).isEqualTo(OffsetDateTime.of(2026, 7, 17, 13, 6, 52, 0, ZoneOffset.ofHours(3)));
        assertThat(stored.size()).isEqualTo(sample.length);
        // the object key is content-addressed: no personal data in it
        String key = jdbc().queryForObject("SELECT object_key FROM archive.document_version WHERE document_oid = ?",
                String.class, m.documentOid().value());
        assertThat(key).isEqualTo("documents/" + stored.sha256().substring(0, 2) + "/" + stored.sha256().substring(2, 4)
                + "/" + stored.sha256()).doesNotContain("200111");
    }

}
