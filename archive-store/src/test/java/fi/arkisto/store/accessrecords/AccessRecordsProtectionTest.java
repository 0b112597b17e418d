package fi.arkisto.store.accessrecords;

import fi.arkisto.store.access.sharing.DenialTarget;
import fi.arkisto.store.testsupport.KantaSamples;
import fi.arkisto.store.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Below the application (V22): the database itself refuses to delete, truncate or rewrite a sharing record or a
 * register access agreement; the one change it accepts is the withdrawal or end stamp, once.
 */
class AccessRecordsProtectionTest {

    private static TestDatabase database;
    private static JdbcTemplate jdbc;
    private static SharingRecordRepository records;
    private static AgreementRepository agreements;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.onLocalServer();
        database.migrateArchiveSchema();
        jdbc = new JdbcTemplate(database.dataSource());
        records = new SharingRecordRepository(database.dataSource());
        agreements = new AgreementRepository(database.dataSource());
    }

    @AfterAll
    static void drop() {
        database.close();
    }

    private static Stamp stamp() {
        return new Stamp(Instant.now().truncatedTo(ChronoUnit.MICROS), "1.2.246.10.32213561.10.0", "tyontekija", "1");
    }

    @Test
    void aSharingRecordIsNeverDeletedNorRewrittenAndIsWithdrawnOnce() {
        // given a denial
        SharingRecord denial = new SharingRecord(RecordId.random(), KantaSamples.newTestIdentityCode(),
                SharingRecordKind.DENIAL, LocalDate.of(2026, 1, 1), null, DenialTarget.SERVICE_TASK, "25", null,
                stamp(), null);
        records.insert(denial);
        Object id = denial.id().value();

        // when / then: deleting, truncating and rewriting are refused
        assertRefused(() -> jdbc.update("DELETE FROM archive.sharing_record WHERE id = ?", id), "never deleted");
        assertRefused(() -> jdbc.execute("TRUNCATE archive.sharing_record"), "never deleted");
        assertRefused(() -> jdbc.update("UPDATE archive.sharing_record SET target_value = '24' WHERE id = ?", id),
                "may only gain its stamp");
        assertRefused(() -> jdbc.update("UPDATE archive.sharing_record SET withdrawn_on = current_date, withdrawn_at = now(),"
                + " withdrawn_by_org = 'x', withdrawn_by_user = 'y', withdrawn_purpose = '1', valid_from = '2025-01-01'"
                + " WHERE id = ?", id), "may only gain its stamp");

        // and the withdrawal is accepted once, then the row never changes again
        assertThat(records.withdraw(denial.id(), new Ending(LocalDate.of(2026, 3, 1), stamp(), "peruttu")))
                .isTrue();
        assertThat(records.withdraw(denial.id(), new Ending(LocalDate.of(2026, 4, 1), stamp(), null)))
                .isFalse();
        assertRefused(() -> jdbc.update("UPDATE archive.sharing_record SET withdrawn_on = '2026-05-01' WHERE id = ?", id),
                "never changes again");
        assertThat(records.history(denial.clientId(), SharingRecordKind.DENIAL)).singleElement().satisfies(stored -> {
            assertThat(stored.targetValue()).isEqualTo("25");
            assertThat(stored.validFrom()).isEqualTo(LocalDate.of(2026, 1, 1));
            assertThat(stored.withdrawal().from()).isEqualTo(LocalDate.of(2026, 3, 1));
            assertThat(stored.withdrawal().reason()).isEqualTo("peruttu");
        });
    }

    @Test
    void anAgreementIsNeverDeletedNorRewrittenAndIsEndedOnce() {
        AgreementRecord agreement = new AgreementRecord(RecordId.random(), "1.2.246.10.32213561.10.0",
                "1.2.246.10.99999002.10.0", false, List.of("24"), LocalDate.of(2026, 1, 1), null, "SOP-1", stamp(), null);
        agreements.insert(agreement);
        Object id = agreement.id().value();

        assertRefused(() -> jdbc.update("DELETE FROM archive.register_access_agreement WHERE id = ?", id), "never deleted");
        assertRefused(() -> jdbc.execute("TRUNCATE archive.register_access_agreement"), "never deleted");
        assertRefused(() -> jdbc.update("UPDATE archive.register_access_agreement SET extensive = true WHERE id = ?", id),
                "may only gain its stamp");
        assertThat(agreements.end(agreement.id(), new Ending(LocalDate.of(2026, 6, 1), stamp(), null)))
                .isTrue();
        assertThat(agreements.end(agreement.id(), new Ending(LocalDate.of(2026, 7, 1), stamp(), null)))
                .isFalse();
        assertRefused(() -> jdbc.update("UPDATE archive.register_access_agreement SET ends_on = '2027-01-01' WHERE id = ?",
                id), "never changes again");
        assertThat(agreements.find(agreement.id())).hasValueSatisfying(stored -> {
            assertThat(stored.extensive()).isFalse();
            assertThat(stored.serviceTasks()).containsExactly("24");
            assertThat(stored.end().from()).isEqualTo(LocalDate.of(2026, 6, 1));
        });
    }

    @Test
    void theTablesRefuseRowsThatBreakTheirRules() {
        String client = KantaSamples.newTestIdentityCode();
        assertRefused(() -> jdbc.update("INSERT INTO archive.sharing_record (id, client_id, kind, valid_from, recorded_at,"
                + " recorded_by_org, recorded_by_user, recorded_purpose) VALUES (gen_random_uuid(), ?, 'DENIAL',"
                + " current_date, now(), 'o', 'u', '1')", client), "sharing_record_target_ck");
        assertRefused(() -> jdbc.update("INSERT INTO archive.sharing_record (id, client_id, kind, valid_from, valid_until,"
                + " recorded_at, recorded_by_org, recorded_by_user, recorded_purpose) VALUES (gen_random_uuid(), ?,"
                + " 'CONSENT', '2026-02-01', '2026-01-31', now(), 'o', 'u', '1')", client), "sharing_record_validity_ck");
        assertRefused(() -> jdbc.update("INSERT INTO archive.register_access_agreement (id, organiser_oid, provider_oid,"
                + " extensive, valid_from, contract_reference, created_at, created_by_org, created_by_user, created_purpose)"
                + " VALUES (gen_random_uuid(), 'a', 'a', false, current_date, 'c', now(), 'a', 'u', '1')"),
                "register_access_agreement_parties_ck");
    }

    private static void assertRefused(Runnable statement, String because) {
        assertThatThrownBy(statement::run).isInstanceOf(DataAccessException.class).hasMessageContaining(because);
    }
}
