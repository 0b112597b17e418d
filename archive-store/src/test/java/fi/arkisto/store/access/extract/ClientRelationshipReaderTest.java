package fi.arkisto.store.access.extract;

import fi.arkisto.store.access.registeraccess.ProviderPeriod;
import fi.arkisto.store.access.registeraccess.UnitOrganisation;
import fi.arkisto.store.access.sharing.ClientRelationship;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientRelationshipReaderTest {

    private static final LocalDate SAMPLE_START = LocalDate.of(2026, 7, 17);

    @Test
    void readsTheProviderUnitServicesAndStartOfTheRealSample() {
        // given the real sample's structured form, as the parser decodes it
        byte[] structuredForm = RealSample.parsed().structuredForm();

        // when
        ClientRelationshipContent content = ClientRelationshipReader.read(structuredForm);

        // then
        assertThat(content.clientId()).isEqualTo("200111A904P");
        assertThat(content.nonDisclosure()).isFalse();
        assertThat(content.relationshipStart()).isEqualTo(SAMPLE_START);
        assertThat(content.relationshipEnd()).isNull();
        assertThat(content.organiserUnit()).isEqualTo(RealSample.CONTROLLER);
        assertThat(content.providers()).containsExactly(
                new ProviderEntry("24", RealSample.UNIT, List.of("15"), SAMPLE_START, null));
    }

    @Test
    void resolvesTheProviderUnitToItsOrganisationByTheOidRuleUnlessTheRegistrySaysElse() {
        // given the sample's provider unit, whose OID carries the City of Vantaa's business id
        ClientRelationshipContent content = ClientRelationshipReader.read(RealSample.parsed().structuredForm());

        // when resolved by the rule, and with the organisation register's answer
        List<ProviderPeriod> byRule = content.providerPeriods(RealSample.CONTROLLER, UnitOrganisation.byRule());
        List<ProviderPeriod> byRegistry = content.providerPeriods(RealSample.CONTROLLER,
                UnitOrganisation.withRegistry(Map.of(RealSample.UNIT, RealSample.CONTROLLER)));

        // then
        assertThat(byRule).singleElement().satisfies(p -> {
            assertThat(p.organiser()).isEqualTo(RealSample.CONTROLLER);
            assertThat(p.providerOrganisation()).isEqualTo(RealSample.UNIT_BY_RULE);
            assertThat(p.providerUnit()).isEqualTo(RealSample.UNIT);
            assertThat(p.clientId()).isEqualTo("200111A904P");
            assertThat(p.serviceTask()).isEqualTo("24");
            assertThat(p.socialServices()).containsExactly("15");
            assertThat(p.start()).isEqualTo(SAMPLE_START);
            assertThat(p.end()).isNull();
        });
        assertThat(byRegistry).singleElement()
                .extracting(ProviderPeriod::providerOrganisation).isEqualTo(RealSample.CONTROLLER);
    }

    @Test
    void aReplacementVersionEndsTheProviderPeriodAndTheClientRelationship() {
        // given a replacement of the sample that records the end of the service at the unit and of the relationship
        String json = RealSample.structuredForm()
                .replace("\"asiakkuuden_alkamispvm\": \"2026-07-17\" }",
                        "\"asiakkuuden_alkamispvm\": \"2026-07-17\", \"asiakkuuden_paattymispvm\": \"2026-12-31\" }");
        String replaced = withProviderEnd(json, "2026-11-30");

        // when
        ClientRelationshipContent content = ClientRelationshipReader.read(replaced.getBytes(StandardCharsets.UTF_8));

        // then
        assertThat(content.providers()).singleElement().extracting(ProviderEntry::end)
                .isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(content.clientRelationship(RealSample.CONTROLLER))
                .isEqualTo(new ClientRelationship(RealSample.CONTROLLER, SAMPLE_START, LocalDate.of(2026, 12, 31)));
    }

    @Test
    void readsNonDisclosureForSafetyReasons() {
        // given the sample with asiakas.turvakielto true
        String json = RealSample.structuredForm().replace("\"turvakielto\": false", "\"turvakielto\": true");

        // when / then
        assertThat(ClientRelationshipReader.read(json.getBytes(StandardCharsets.UTF_8)).nonDisclosure()).isTrue();
    }

    @Test
    void aClientWithOnlyATemporaryIdentifierIsNamedByIt() {
        // given the sample without its personal identity code
        String json = RealSample.structuredForm().replaceFirst(
                "\"henkilotunnus\": \\{ \"system\": \"1.2.246.21\", \"value\": \"200111A904P\" },", "");

        // when / then
        assertThat(ClientRelationshipReader.read(json.getBytes(StandardCharsets.UTF_8)).clientId())
                .isEqualTo("010111A998W");
    }

    @Test
    void anUnreadableEndDateIsAnErrorNotAnOpenEndedPeriod() {
        // given a provider end that is not a date
        String json = withProviderEnd(RealSample.structuredForm(), "31.12.2026");

        // when / then: read as "no end" it would keep the register access right in effect
        assertThatThrownBy(() -> ClientRelationshipReader.read(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("palveluntuottaja.asiakkuuden_paattymispvm").hasMessageContaining("31.12.2026");
    }

    @Test
    void anotherStructureIsNotAClientRelationshipDocument() {
        assertThatThrownBy(() -> ClientRelationshipReader.read("{\"paatos\": {}}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("asiakkuusasiakirja");
        assertThatThrownBy(() -> ClientRelationshipReader.read("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON");
    }

    /** The sample's palveluntuottaja entry with an end date added. */
    static String withProviderEnd(String json, String end) {
        int provider = json.indexOf("\"palveluntuottaja\"");
        int start = json.indexOf("\"asiakkuuden_alkamispvm\": \"2026-07-17\"", provider);
        String field = "\"asiakkuuden_alkamispvm\": \"2026-07-17\"";
        return json.substring(0, start) + field + ", \"asiakkuuden_paattymispvm\": \"" + end + "\""
                + json.substring(start + field.length());
    }
}
