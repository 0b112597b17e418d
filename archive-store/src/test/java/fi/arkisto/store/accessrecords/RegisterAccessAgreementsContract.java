package fi.arkisto.store.accessrecords;

import fi.arkisto.store.access.registeraccess.RegisterAccessAgreement;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.time.LocalDate;
import java.util.List;

import static fi.arkisto.store.accessrecords.AccessRecordsFixtures.TODAY;
import static fi.arkisto.store.accessrecords.AccessRecordsFixtures.actingFor;
import static fi.arkisto.store.accessrecords.AccessRecordsFixtures.newOrganisation;
import static fi.arkisto.store.accessrecords.SharingRecordsContract.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

/** Register access agreements: created and ended by the organiser, read by both parties, read by the access facts. */
abstract class RegisterAccessAgreementsContract {

    private static final LocalDate JANUARY = LocalDate.of(2026, 1, 1);

    @Autowired
    RegisterAccessAgreementService agreements;
    @Autowired
    DataSource dataSource;

    private NewAgreement agreement(String organiser, String provider, List<String> tasks, LocalDate from,
                                   LocalDate until) {
        return new NewAgreement(Oid.of(organiser), Oid.of(provider), false, tasks, from, until, "SOP-2026-17");
    }

    @Test
    void theOrganiserCreatesAnAgreementThatBothPartiesAndTheAccessFactsRead() {
        // given
        String organiser = newOrganisation();
        String provider = newOrganisation();

        // when the organiser creates an extensive agreement for two service tasks
        AgreementRecord created = agreements.create(new NewAgreement(Oid.of(organiser), Oid.of(provider), true,
                List.of("25", "24", "24"), JANUARY, null, "  SOP-2026-17 "), actingFor(organiser));

        // then it is stored as given, tasks in order and once each, and both parties read it
        assertThat(created.serviceTasks()).containsExactly("24", "25");
        assertThat(created.contractReference()).isEqualTo("SOP-2026-17");
        assertThat(created.created().organisation()).isEqualTo(organiser);
        assertThat(created.end()).isNull();
        assertThat(agreements.find(created.id(), actingFor(organiser))).isEqualTo(created);
        assertThat(agreements.find(created.id(), actingFor(provider))).isEqualTo(created);
        assertThat(agreements.list(actingFor(provider), null)).containsExactly(created);
        assertThat(agreements.list(actingFor(organiser), Oid.of(provider))).containsExactly(created);
        assertThat(agreements.list(actingFor(organiser), Oid.of(newOrganisation()))).isEmpty();

        // and the access facts of the organiser's clients see it
        assertThat(agreements.agreementsOf(List.of(organiser))).containsExactly(
                new RegisterAccessAgreement(organiser, provider, JANUARY, null, true, List.of("24", "25")));

        // and the creation and reads are audited
        assertThat(auditedOperations(created.id())).containsExactly("CREATE_ACCESS_AGREEMENT SUCCESS " + organiser,
                "READ_ACCESS_AGREEMENTS SUCCESS " + organiser, "READ_ACCESS_AGREEMENTS SUCCESS " + provider);
    }

    @Test
    void onlyTheOrganiserCreatesOrEndsAndAThirdOrganisationDoesNotSeeTheAgreement() {
        String organiser = newOrganisation();
        String provider = newOrganisation();
        String third = newOrganisation();

        assertRefused(() -> agreements.create(agreement(organiser, provider, List.of(), JANUARY, null),
                actingFor(provider)), ErrorCode.AGREEMENT_ORGANISER_REQUIRED);
        AgreementRecord created = agreements.create(agreement(organiser, provider, List.of(), JANUARY, null),
                actingFor(organiser));
        assertRefused(() -> agreements.end(created.id(), null, null, actingFor(provider)),
                ErrorCode.AGREEMENT_ORGANISER_REQUIRED);
        assertRefused(() -> agreements.end(created.id(), null, null, actingFor(third)), ErrorCode.AGREEMENT_NOT_FOUND);
        assertRefused(() -> agreements.find(created.id(), actingFor(third)), ErrorCode.AGREEMENT_NOT_FOUND);
        assertThat(agreements.list(actingFor(third), null)).isEmpty();
        assertThat(auditedOperations(created.id())).contains("END_ACCESS_AGREEMENT DENIED " + provider,
                "END_ACCESS_AGREEMENT NOT_FOUND " + third);
        assertThat(agreements.find(created.id(), actingFor(organiser)).end()).isNull();
    }

    @Test
    void anEndedAgreementStaysWithItsEndAndIsNotEndedTwice() {
        // given an agreement in effect since January
        String organiser = newOrganisation();
        String provider = newOrganisation();
        AgreementRecord created = agreements.create(agreement(organiser, provider, List.of("24"), JANUARY, null),
                actingFor(organiser));
        assertThat(created.inEffectOn(TODAY)).isTrue();

        // when the organiser ends it today
        AgreementRecord ended = agreements.end(created.id(), null, "Sopimus päättyi", actingFor(organiser));

        // then it is still there, stamped, and its last day in effect was yesterday
        assertThat(ended.end().from()).isEqualTo(TODAY);
        assertThat(ended.end().reason()).isEqualTo("Sopimus päättyi");
        assertThat(ended.end().stamp().organisation()).isEqualTo(organiser);
        assertThat(ended.inEffectOn(TODAY)).isFalse();
        assertThat(ended.inEffectOn(TODAY.minusDays(1))).isTrue();
        assertThat(agreements.list(actingFor(provider), null)).containsExactly(ended);
        assertThat(agreements.agreementsOf(List.of(organiser))).singleElement()
                .satisfies(a -> assertThat(a.endedOn()).isEqualTo(TODAY.minusDays(1)));
        assertRefused(() -> agreements.end(created.id(), null, null, actingFor(organiser)),
                ErrorCode.AGREEMENT_ALREADY_ENDED);

        // and a new agreement may follow it
        AgreementRecord renewed = agreements.create(agreement(organiser, provider, List.of("24"), TODAY, null),
                actingFor(organiser));
        assertThat(agreements.list(actingFor(organiser), Oid.of(provider))).containsExactly(ended, renewed);
    }

    @Test
    void overlappingAgreementsAreRefusedWhileOtherTasksAndLaterDaysAreNot() {
        String organiser = newOrganisation();
        String provider = newOrganisation();
        agreements.create(agreement(organiser, provider, List.of("24"), JANUARY, LocalDate.of(2026, 6, 30)),
                actingFor(organiser));

        assertRefused(() -> agreements.create(agreement(organiser, provider, List.of("24", "25"),
                LocalDate.of(2026, 6, 30), null), actingFor(organiser)), ErrorCode.AGREEMENT_OVERLAP);
        assertRefused(() -> agreements.create(agreement(organiser, provider, List.of(), LocalDate.of(2025, 1, 1),
                JANUARY), actingFor(organiser)), ErrorCode.AGREEMENT_OVERLAP);
        agreements.create(agreement(organiser, provider, List.of("25"), JANUARY, null), actingFor(organiser));
        agreements.create(agreement(organiser, provider, List.of("24"), LocalDate.of(2026, 7, 1), null),
                actingFor(organiser));
        assertThat(agreements.list(actingFor(organiser), null)).hasSize(3);
    }

    @Test
    void badInputIsRefusedWithItsOwnCodeAndChangesNothing() {
        String organiser = newOrganisation();
        String provider = newOrganisation();

        assertRefused(() -> agreements.create(agreement(organiser, organiser, List.of(), JANUARY, null),
                actingFor(organiser)), ErrorCode.AGREEMENT_WITH_ITSELF);
        assertRefused(() -> agreements.create(new NewAgreement(Oid.of(organiser), Oid.of(provider), false, List.of(),
                JANUARY, null, " "), actingFor(organiser)), ErrorCode.CONTRACT_REFERENCE_REQUIRED);
        assertRefused(() -> agreements.create(new NewAgreement(Oid.of(organiser), Oid.of(provider), false, List.of(),
                JANUARY, null, "x".repeat(201)), actingFor(organiser)), ErrorCode.TEXT_TOO_LONG);
        assertRefused(() -> agreements.create(agreement(organiser, provider, List.of("lastensuojelu"), JANUARY, null),
                actingFor(organiser)), ErrorCode.INVALID_SERVICE_TASK);
        assertRefused(() -> agreements.create(agreement(organiser, provider, List.of(), JANUARY,
                JANUARY.minusDays(1)), actingFor(organiser)), ErrorCode.INVALID_VALIDITY_PERIOD);
        assertThat(agreements.list(actingFor(organiser), null)).isEmpty();

        AgreementRecord created = agreements.create(agreement(organiser, provider, List.of(), JANUARY, null),
                actingFor(organiser));
        assertRefused(() -> agreements.end(created.id(), TODAY.minusDays(1), null, actingFor(organiser)),
                ErrorCode.AGREEMENT_END_IN_PAST);
        assertRefused(() -> agreements.end(RecordId.random(), null, null, actingFor(organiser)),
                ErrorCode.AGREEMENT_NOT_FOUND);
        assertThat(agreements.find(created.id(), actingFor(organiser)).end()).isNull();
        assertRefused(() -> RecordId.parse("1-1-1-1-1"), ErrorCode.INVALID_RECORD_ID);
    }

    @Test
    void anEndScheduledForLaterKeepsTheAgreementInEffectUntilThen() {
        String organiser = newOrganisation();
        String provider = newOrganisation();
        AgreementRecord created = agreements.create(agreement(organiser, provider, List.of(), JANUARY, null),
                actingFor(organiser));

        AgreementRecord ended = agreements.end(created.id(), TODAY.plusDays(10), null, actingFor(organiser));

        assertThat(ended.inEffectOn(TODAY.plusDays(9))).isTrue();
        assertThat(ended.inEffectOn(TODAY.plusDays(10))).isFalse();
        assertThat(ended.lastDay()).isEqualTo(TODAY.plusDays(9));
    }

    /** The agreement's audit events as "OPERATION OUTCOME organisation", oldest first. */
    private List<String> auditedOperations(RecordId id) {
        return new JdbcTemplate(dataSource).queryForList("SELECT operation || ' ' || outcome || ' ' || organisation"
                + " FROM archive.audit_event WHERE detail LIKE ? ORDER BY id", String.class, "%" + id + "%");
    }
}
