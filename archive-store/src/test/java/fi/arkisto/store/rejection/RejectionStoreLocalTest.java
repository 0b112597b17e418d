package fi.arkisto.store.rejection;

import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.testsupport.KantaSamples;
import fi.arkisto.store.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The reject store on the machine's PostgreSQL (V4, V13): a refusal is resolved once by the archiving of its
 * document's bytes, and the database refuses every other change of a record.
 */
class RejectionStoreLocalTest {

    private static TestDatabase database;
    private static JdbcTemplate jdbc;
    private static RejectionStore rejections;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.onLocalServer();
        database.migrateArchiveSchema();
        jdbc = new JdbcTemplate(database.dataSource());
        rejections = new RejectionStore(database.dataSource());
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    private static PayloadFingerprint payload() {
        return PayloadFingerprint.of(("<document>" + UUID.randomUUID() + "</document>").getBytes(StandardCharsets.UTF_8));
    }

    private static Rejection refused(PayloadFingerprint payload) {
        return rejections.record(IngestChannel.QUEUE, "amqp:requests:" + UUID.randomUUID(), null, Instant.now(),
                ErrorCode.STORAGE_UNAVAILABLE, "Still unavailable", payload);
    }

    @Test
    void theArchivingOfTheRefusedBytesResolvesEveryUnresolvedRefusalOfThemOnce() {
        // given two refusals of the same bytes and one of other bytes
        PayloadFingerprint bytes = payload();
        Rejection first = refused(bytes);
        Rejection second = refused(bytes);
        Rejection other = refused(payload());
        String oid = KantaSamples.newOid();

        // when the document of those bytes archives, and later again (a duplicate)
        int resolved = rejections.resolve(Map.of(oid, bytes.sha256()));
        int again = rejections.resolve(Map.of(KantaSamples.newOid(), bytes.sha256()));

        // then both of its refusals name it, once; the other stays unresolved
        assertThat(resolved).isEqualTo(2);
        assertThat(again).isZero();
        assertThat(rejections.findByPayload(bytes.sha256())).extracting(r -> r.resolution().documentOid())
                .containsExactly(oid, oid);
        assertThat(rejections.findByPayload(other.payload().sha256())).singleElement()
                .satisfies(r -> assertThat(r.resolved()).isFalse());
        assertThat(rejections.findUnresolved(10_000)).extracting(Rejection::id)
                .contains(other.id()).doesNotContain(first.id(), second.id());
    }

    @Test
    void theDatabaseRefusesToDeleteTruncateOrRewriteARefusalOrItsResolution() {
        // given a refusal, resolved
        PayloadFingerprint bytes = payload();
        long id = refused(bytes).id();
        rejections.resolve(Map.of(KantaSamples.newOid(), bytes.sha256()));

        // when / then: deleting, truncating, rewriting and re-resolving are refused
        assertRefused(() -> jdbc.update("DELETE FROM archive.rejection WHERE id = ?", id), "never deleted");
        assertRefused(() -> jdbc.execute("TRUNCATE archive.rejection"), "never deleted");
        assertRefused(() -> jdbc.update("UPDATE archive.rejection SET reason = 'other' WHERE id = ?", id),
                "never changes again");
        assertRefused(() -> jdbc.update("UPDATE archive.rejection SET resolved_by_document = '1.2.3' WHERE id = ?", id),
                "never changes again");
    }

    @Test
    void anUnresolvedRefusalAcceptsOnlyItsResolutionStamp() {
        // given an unresolved refusal
        long id = refused(payload()).id();

        // when / then: any change but the stamp is refused, and a half stamp too
        assertRefused(() -> jdbc.update("UPDATE archive.rejection SET error_code = 'INVALID_REQUEST' WHERE id = ?", id),
                "may only gain its stamp");
        assertThatThrownBy(() -> jdbc.update("UPDATE archive.rejection SET resolved_at = now() WHERE id = ?", id))
                .isInstanceOf(DataAccessException.class).hasMessageContaining("rejection_resolution_complete");
    }

    private static void assertRefused(Runnable change, String reason) {
        assertThatThrownBy(change::run).isInstanceOf(DataAccessException.class).hasMessageContaining(reason);
    }
}
