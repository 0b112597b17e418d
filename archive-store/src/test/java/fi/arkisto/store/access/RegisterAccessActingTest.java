package fi.arkisto.store.access;

import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.access.registeraccess.ProviderPeriod;
import fi.arkisto.store.access.registeraccess.RegisterAccess;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who signs for the organiser's register under a register access right (docs/trust.md, "Signer's organisation"). */
class RegisterAccessActingTest {

    private static final String ORGANISER = "1.2.246.10.32213561.10.0";
    private static final String PROVIDER = "1.2.246.10.99999002.10.0";
    private static final String OTHER_PROVIDER = "1.2.246.10.99999003.10.0";
    private static final String PRODUCER = "1.2.246.10.99999004.10.0";
    private static final String CLIENT = "200111A904P";
    private static final Instant SIGNED = Instant.parse("2026-09-01T08:00:00Z");

    private final List<String> asked = new ArrayList<>();

    private RegisterAccessActing acting(ProviderPeriod... periods) {
        ActingOrganisations configured = new ConfiguredProducers(List.of(
                new ConfiguredProducers.Producer(PRODUCER, "Tietopalvelu Oy", List.of(ORGANISER))));
        return new RegisterAccessActing(configured, client -> {
            asked.add(client);
            return new ClientFacts(client, null, false, null, null, null, null,
                    new RegisterAccess(List.of(periods), List.of()), null);
        });
    }

    private static ProviderPeriod period(String provider, LocalDate end) {
        return new ProviderPeriod(ORGANISER, provider, provider.substring(0, provider.length() - 1) + "21", CLIENT, "24",
                List.of(), LocalDate.of(2026, 1, 1), end);
    }

    @Test
    void aProviderNamedInTheOrganisersClientRelationshipDocumentActsForTheOrganiser() {
        // given the organiser's client relationship document of the client names a unit of the provider
        RegisterAccessActing acting = acting(period(PROVIDER, null));

        // when
        Optional<ActingRelation> relation = acting.relation(PROVIDER, ORGANISER, CLIENT, SIGNED);

        // then
        assertThat(relation).hasValueSatisfying(r -> {
            assertThat(r.kind()).isEqualTo(ActingRelation.Kind.REGISTER_ACCESS);
            assertThat(r.basis()).contains(PROVIDER, "1.2.246.10.99999002.10.21", ORGANISER);
        });
        assertThat(asked).containsExactly(CLIENT);
    }

    @Test
    void aProviderWhosePeriodEndedIsStillNamedSoTheAccessRulesRefuseItWithThePeriodsCode() {
        // given a period that ended in June
        RegisterAccessActing acting = acting(period(PROVIDER, LocalDate.of(2026, 6, 30)));

        // when / then the signature stays acceptable: whether it may archive today is the access decision's
        assertThat(acting.relation(PROVIDER, ORGANISER, CLIENT, SIGNED)).isPresent();
    }

    @Test
    void anotherProviderOrARegisterNotTheOrganisersIsNotActedFor() {
        // given the organiser names only the provider
        RegisterAccessActing acting = acting(period(PROVIDER, null));

        // when / then
        assertThat(acting.relation(OTHER_PROVIDER, ORGANISER, CLIENT, SIGNED)).isEmpty();
        assertThat(acting.relation(PROVIDER, OTHER_PROVIDER, CLIENT, SIGNED)).isEmpty();
    }

    @Test
    void withoutAClientOnlyTheControllerAndConfiguredProducersAct() {
        // given
        RegisterAccessActing acting = acting(period(PROVIDER, null));

        // when / then
        assertThat(acting.relation(PROVIDER, ORGANISER, null, SIGNED)).isEmpty();
        assertThat(acting.relation(PROVIDER, ORGANISER, SIGNED)).isEmpty();
        assertThat(acting.relation(ORGANISER, ORGANISER, CLIENT, SIGNED)).hasValueSatisfying(
                r -> assertThat(r.kind()).isEqualTo(ActingRelation.Kind.CONTROLLER));
        assertThat(acting.relation(PRODUCER, ORGANISER, CLIENT, SIGNED)).hasValueSatisfying(
                r -> assertThat(r.kind()).isEqualTo(ActingRelation.Kind.PRODUCER));
        // the controller and producers are answered without reading the client's facts
        assertThat(asked).isEmpty();
    }

    @Test
    void unreadableClientFactsRefuseRatherThanTrust() {
        // given client facts that cannot be read
        RegisterAccessActing acting = new RegisterAccessActing(ConfiguredProducers.none(), client -> {
            throw new ArchiveException(ErrorCode.CLIENT_FACTS_UNREADABLE, "unreadable date");
        });

        // when / then
        assertThatThrownBy(() -> acting.relation(PROVIDER, ORGANISER, CLIENT, SIGNED))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CLIENT_FACTS_UNREADABLE));
    }
}
