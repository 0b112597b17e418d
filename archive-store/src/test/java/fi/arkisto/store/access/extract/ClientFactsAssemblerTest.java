package fi.arkisto.store.access.extract;

import fi.arkisto.store.access.AccessProperties;
import fi.arkisto.store.access.AccessRules;
import fi.arkisto.store.access.decision.AccessBasis;
import fi.arkisto.store.access.decision.AccessVerdict;
import fi.arkisto.store.access.decision.DenialReason;
import fi.arkisto.store.access.decision.Disclosure;
import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.access.facts.DocumentGroup;
import fi.arkisto.store.access.nondisclosure.LocationDataFields;
import fi.arkisto.store.access.registeraccess.RegisterAccessAgreement;
import fi.arkisto.store.access.registeraccess.RightStatus;
import fi.arkisto.store.access.registeraccess.UnitOrganisation;
import fi.arkisto.store.access.request.AccessRequest;
import fi.arkisto.store.access.request.AssertedRights;
import fi.arkisto.store.access.request.RequestKind;
import fi.arkisto.store.access.sharing.ClientRelationship;
import fi.arkisto.store.access.sharing.Consent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** From the real sample's bytes to the decision: the facts extracted feed the one access decision. */
class ClientFactsAssemblerTest {

    private static final String CLIENT = "200111A904P";
    private static final String PROVIDER = RealSample.UNIT_BY_RULE;
    private static final AccessProperties.NonDisclosure KEYS = AccessProperties.NonDisclosure.defaults();
    private final ClientFactsAssembler assembler = new ClientFactsAssembler(UnitOrganisation.byRule());
    private final AccessRules rules = new AccessRules(AccessProperties.defaults());

    private ClientFacts facts(ClientRelationshipContent content) {
        return assembler.assemble(CLIENT,
                List.of(new ClientFactsAssembler.ClientRelationshipDocument(RealSample.CONTROLLER, content)),
                List.of(new RegisterAccessAgreement(RealSample.CONTROLLER, PROVIDER, LocalDate.of(2026, 1, 1), null, false)),
                List.of(), LocalDate.of(2026, 7, 17), List.of(new Consent(LocalDate.of(2026, 7, 17), null, null)), List.of(),
                List.of());
    }

    private static DocumentFacts providersReport() {
        return DocumentFacts.builder().documentOid("D1").setId("S1").controller(RealSample.CONTROLLER)
                .clientId(CLIENT).serviceTask("24").group(DocumentGroup.OTHER).authorOrganisation(PROVIDER)
                .date(LocalDate.of(2026, 8, 3)).build();
    }

    private AccessVerdict providerReads(ClientFacts client, LocalDate on) {
        return rules.decide(AccessRequest.professional(RequestKind.PROFESSIONAL_LIST, PROVIDER, "tuottaja-1", CLIENT,
                "1", on), providersReport(), client);
    }

    @Test
    void theRealSampleStartsTheProvidersRegisterAccessRight() {
        // given the client facts assembled from the real sample and an agreement between the organisations
        ClientFacts client = facts(ClientRelationshipReader.read(RealSample.parsed().structuredForm()));

        // then
        assertThat(client.clientId()).isEqualTo(CLIENT);
        assertThat(client.birthDate()).isEqualTo(LocalDate.of(2011, 1, 20));
        assertThat(client.nonDisclosure()).isFalse();
        assertThat(client.clientRelationships()).containsExactly(
                new ClientRelationship(RealSample.CONTROLLER, LocalDate.of(2026, 7, 17), null));
        assertThat(client.registerAccess().status(RealSample.CONTROLLER, PROVIDER, "24", LocalDate.of(2026, 7, 16)))
                .isEqualTo(RightStatus.NOT_STARTED);
        assertThat(client.registerAccess().status(RealSample.CONTROLLER, PROVIDER, "24", LocalDate.of(2026, 7, 17)))
                .isEqualTo(RightStatus.IN_EFFECT);
        AccessVerdict verdict = providerReads(client, LocalDate.of(2026, 9, 1));
        assertThat(verdict.allowed()).isTrue();
        assertThat(verdict.basis()).isEqualTo(AccessBasis.REGISTER_ACCESS_RIGHT);
        assertThat(verdict.disclosure()).isEqualTo(Disclosure.FULL);
        assertThat(providerReads(client, LocalDate.of(2026, 7, 16)).denial())
                .isEqualTo(DenialReason.REGISTER_ACCESS_RIGHT_NOT_STARTED);
    }

    @Test
    void theReplacementThatEndsTheServiceEndsTheRight() {
        // given a replacement of the sample recording the end of the service at the unit
        String ended = ClientRelationshipReaderTest.withProviderEnd(RealSample.structuredForm(), "2026-11-30");
        ClientFacts client = facts(ClientRelationshipReader.read(ended.getBytes(StandardCharsets.UTF_8)));

        // then the last day is in, the next is out, even for the report the provider wrote itself
        assertThat(providerReads(client, LocalDate.of(2026, 11, 30)).allowed()).isTrue();
        assertThat(providerReads(client, LocalDate.of(2026, 12, 1)).denial())
                .isEqualTo(DenialReason.REGISTER_ACCESS_RIGHT_ENDED);
    }

    @Test
    void aNonDisclosureClientsLocationDataNeverReachesTheProvider() {
        // given the sample with turvakielto true, its facts read as archived
        String json = RealSample.structuredForm().replace("\"turvakielto\": false", "\"turvakielto\": true");
        ClientFacts client = facts(ClientRelationshipReader.read(json.getBytes(StandardCharsets.UTF_8)));
        DocumentFacts document = new DocumentFactsReader(UnitOrganisation.byRule(),
                new LocationDataFields(KEYS.personKeys(), KEYS.locationKeys()))
                .read(RealSample.parse(RealSample.withStructuredForm(json))).toBuilder().serviceTask("24").build();

        // when the provider reads the organiser's client relationship document, and the organiser's professional
        AccessVerdict provider = rules.decide(new AccessRequest(RequestKind.PROFESSIONAL_READ, PROVIDER, "tuottaja-1",
                null, "1", null, new AssertedRights(true, null), LocalDate.of(2026, 9, 1)),
                document, client);
        AccessVerdict organiser = rules.decide(AccessRequest.professional(RequestKind.PROFESSIONAL_READ,
                RealSample.CONTROLLER, "sosiaalityontekija-1", null, "1", LocalDate.of(2026, 9, 1)), document, client);

        // then
        assertThat(client.nonDisclosure()).isTrue();
        assertThat(provider.disclosure()).isEqualTo(Disclosure.STRUCTURED_FORM_MASKED);
        assertThat(organiser.denial()).isEqualTo(DenialReason.NON_DISCLOSURE_RIGHT_REQUIRED);
    }
}
