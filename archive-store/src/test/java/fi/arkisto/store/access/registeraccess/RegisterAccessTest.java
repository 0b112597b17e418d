package fi.arkisto.store.access.registeraccess;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RegisterAccessTest {

    static final String ORGANISER = "1.2.246.10.32213561.10.0";
    static final String PROVIDER = "1.2.246.10.99999002.10.0";
    static final String CLIENT = "150385-9057";

    @Test
    void aRightIsThePeriodCutToTheAgreement() {
        // given a period from February with an open end, and an agreement that ended in October and a newer extensive one
        RegisterAccess access = new RegisterAccess(
                List.of(new ProviderPeriod(ORGANISER, PROVIDER, "1.2.246.10.99999002.10.3", CLIENT, "24", List.of("15"),
                        LocalDate.of(2026, 2, 1), null)),
                List.of(new RegisterAccessAgreement(ORGANISER, PROVIDER, LocalDate.of(2025, 1, 1),
                                LocalDate.of(2026, 10, 31), false),
                        new RegisterAccessAgreement(ORGANISER, PROVIDER, LocalDate.of(2027, 1, 1), null, true),
                        new RegisterAccessAgreement(ORGANISER, "1.2.246.10.99999003.10.0", LocalDate.of(2025, 1, 1),
                                null, false)));

        // when
        List<RegisterAccessRight> rights = access.rights();

        // then
        assertThat(rights).containsExactly(
                new RegisterAccessRight(ORGANISER, PROVIDER, CLIENT, "24", LocalDate.of(2026, 2, 1),
                        LocalDate.of(2026, 10, 31), false),
                new RegisterAccessRight(ORGANISER, PROVIDER, CLIENT, "24", LocalDate.of(2027, 1, 1), null, true));
        assertThat(rights.get(0).inEffectOn(LocalDate.of(2026, 10, 31))).isTrue();
        assertThat(rights.get(0).inEffectOn(LocalDate.of(2026, 11, 1))).isFalse();
        assertThat(access.status(ORGANISER, PROVIDER, "24", LocalDate.of(2026, 12, 1)))
                .isEqualTo(RightStatus.AGREEMENT_ENDED);
        assertThat(access.status(ORGANISER, PROVIDER, "24", LocalDate.of(2027, 1, 1)))
                .isEqualTo(RightStatus.IN_EFFECT_EXTENSIVE);
    }

    @Test
    void periodsAndAgreementsThatDoNotOverlapGiveNoRight() {
        RegisterAccess access = new RegisterAccess(
                List.of(new ProviderPeriod(ORGANISER, PROVIDER, null, CLIENT, "24", List.of(), LocalDate.of(2026, 1, 1),
                                LocalDate.of(2026, 3, 31)),
                        new ProviderPeriod(ORGANISER, null, "1.2.3", CLIENT, "24", List.of(), LocalDate.of(2026, 1, 1), null),
                        new ProviderPeriod(ORGANISER, PROVIDER, null, CLIENT, "25", List.of(), null, null)),
                List.of(new RegisterAccessAgreement(ORGANISER, PROVIDER, LocalDate.of(2026, 4, 1), null, false)));

        assertThat(access.rights()).isEmpty();
        assertThat(access.status(ORGANISER, PROVIDER, "25", LocalDate.of(2026, 5, 1))).isEqualTo(RightStatus.NOT_STARTED);
        assertThat(access.status(ORGANISER, PROVIDER, "24", LocalDate.of(2026, 5, 1))).isEqualTo(RightStatus.ENDED);
        assertThat(access.status(ORGANISER, null, "24", LocalDate.of(2026, 5, 1)))
                .isEqualTo(RightStatus.NO_PROVIDER_PERIOD);
    }

    @Test
    void anAgreementForSomeServiceTasksGivesRightsOnlyInThose() {
        // given periods in two service tasks and an agreement that covers only family services (24)
        RegisterAccess access = new RegisterAccess(
                List.of(new ProviderPeriod(ORGANISER, PROVIDER, null, CLIENT, "24", List.of(), LocalDate.of(2026, 1, 1), null),
                        new ProviderPeriod(ORGANISER, PROVIDER, null, CLIENT, "25", List.of(), LocalDate.of(2026, 1, 1), null)),
                List.of(new RegisterAccessAgreement(ORGANISER, PROVIDER, LocalDate.of(2025, 1, 1), null, false,
                        List.of("24"))));

        // when / then
        assertThat(access.rights()).containsExactly(new RegisterAccessRight(ORGANISER, PROVIDER, CLIENT, "24",
                LocalDate.of(2026, 1, 1), null, false));
        assertThat(access.status(ORGANISER, PROVIDER, "24", LocalDate.of(2026, 5, 1))).isEqualTo(RightStatus.IN_EFFECT);
        assertThat(access.status(ORGANISER, PROVIDER, "25", LocalDate.of(2026, 5, 1)))
                .isEqualTo(RightStatus.AGREEMENT_OTHER_SERVICE_TASK);
        assertThat(new RegisterAccessAgreement(ORGANISER, PROVIDER, LocalDate.of(2025, 1, 1), null, false).covers("99"))
                .isTrue();
    }

    @Test
    void anAgreementCannotEndBeforeItStarts() {
        assertThatThrownBy(() -> new RegisterAccessAgreement(ORGANISER, PROVIDER, LocalDate.of(2026, 2, 1),
                LocalDate.of(2026, 1, 31), false)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aProviderServesInTheOrganisersRegisterDuringTheOpenWindowOfTheirTestForATestIdentityCodeOnly() {
        // given the provider's period for a test client and for a real one, no agreement, and the two's test
        LocalDate day = LocalDate.of(2026, 9, 1);
        String real = "131052-308T";
        List<ProviderPeriod> periods = List.of(
                new ProviderPeriod(ORGANISER, PROVIDER, null, CLIENT, "24", List.of(), LocalDate.of(2026, 1, 1), null),
                new ProviderPeriod(ORGANISER, PROVIDER, null, real, "24", List.of(), LocalDate.of(2026, 1, 1), null));
        RegisterAccess open = new RegisterAccess(periods.subList(0, 1), List.of(),
                List.of(new DeploymentTestWindow(ORGANISER, PROVIDER, true)));
        RegisterAccess closed = new RegisterAccess(periods.subList(0, 1), List.of(),
                List.of(new DeploymentTestWindow(ORGANISER, PROVIDER, false)));
        RegisterAccess realClient = new RegisterAccess(periods.subList(1, 2), List.of(),
                List.of(new DeploymentTestWindow(ORGANISER, PROVIDER, true)));

        // then only the open window, for the test client, within the period, reaches the organiser's register
        assertThat(open.organisersServedBy(PROVIDER, day)).containsExactly(ORGANISER);
        assertThat(open.organisersServedBy(PROVIDER, LocalDate.of(2025, 12, 31))).isEmpty();
        assertThat(open.organisersServedBy("1.2.246.10.99999003.10.0", day)).isEmpty();
        assertThat(closed.organisersServedBy(PROVIDER, day)).isEmpty();
        assertThat(realClient.organisersServedBy(PROVIDER, day)).isEmpty();
        assertThat(open.test(ORGANISER, PROVIDER)).isEqualTo(new DeploymentTestWindow(ORGANISER, PROVIDER, true));
        assertThat(open.test(PROVIDER, ORGANISER)).isNull();
    }
}
