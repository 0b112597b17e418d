package fi.arkisto.store.access.extract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import fi.arkisto.store.access.mutualcase.CaseParty;
import fi.arkisto.store.access.mutualcase.MutualCase;
import fi.arkisto.store.access.mutualcase.PartyStatus;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.structure.Structure;
import fi.arkisto.store.structure.StructureCatalogue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MutualCaseTopicReaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ORGANISER = "1.2.246.10.32213561.10.0";

    private static JsonNode topic() throws IOException {
        try (InputStream in = MutualCaseTopicReaderTest.class.getResourceAsStream("/access/mutual-case-topic.json")) {
            return JSON.readTree(in);
        }
    }

    @Test
    void theTopicDocumentConformsToTheShippedStructure() throws IOException {
        // given the archive's structure of the mutual case topic document
        Structure structure = StructureCatalogue.shipped().structure(MutualCaseTopicReader.STRUCTURE).orElseThrow();

        // when / then: the example is valid, and the structure names the case and the client for the cross-checks
        structure.validate(topic());
        assertThat(structure.crossChecks()).containsEntry("caseId", "/yhteinen_asia/asia/asiatunnus/value")
                .containsEntry("clientIdentityCode", "/yhteinen_asia/asiakas/henkilotunnus/value");
        ObjectNode withoutStart = (ObjectNode) topic();
        ((ObjectNode) withoutStart.at("/yhteinen_asia/asianosaiset/0")).remove("alkamispvm");
        assertThatThrownBy(() -> structure.validate(withoutStart)).isInstanceOf(ArchiveException.class);
    }

    @Test
    void readsEveryPartysPeriodsAndWhoIsUnderNonDisclosure() throws IOException {
        // when
        MutualCase mutualCase = MutualCaseTopicReader.read(topic(), ORGANISER, "280290-9075"::equals);

        // then
        assertThat(mutualCase.caseId()).isEqualTo("1.2.246.10.32213561.95777.9999.77");
        assertThat(mutualCase.organiser()).isEqualTo(ORGANISER);
        assertThat(mutualCase.parties()).containsExactly(
                new CaseParty("150385-9057", LocalDate.of(2026, 1, 1), null, false),
                new CaseParty("280290-9075", LocalDate.of(2026, 3, 1), LocalDate.of(2026, 6, 30), true),
                new CaseParty("200111A904P", LocalDate.of(2026, 5, 1), null, false),
                new CaseParty("280290-9075", LocalDate.of(2026, 8, 1), null, true));
        assertThat(mutualCase.statusOf("280290-9075", LocalDate.of(2026, 2, 28))).isEqualTo(PartyStatus.BEFORE_JOINING);
        assertThat(mutualCase.statusOf("280290-9075", LocalDate.of(2026, 7, 15))).isEqualTo(PartyStatus.AFTER_LEAVING);
        assertThat(mutualCase.statusOf("280290-9075", LocalDate.of(2026, 8, 1))).isEqualTo(PartyStatus.IN_PERIOD);
        assertThat(mutualCase.statusOf("010116A906T", LocalDate.of(2026, 8, 1))).isEqualTo(PartyStatus.NOT_A_PARTY);
        assertThat(mutualCase.otherPartyUnderNonDisclosure("150385-9057")).isTrue();
        assertThat(mutualCase.otherPartyUnderNonDisclosure("280290-9075")).isFalse();
    }

    @Test
    void aPartyWithoutAStartOrATopicWithoutACaseIsAnError() throws IOException {
        ObjectNode withoutStart = (ObjectNode) topic();
        ((ObjectNode) withoutStart.at("/yhteinen_asia/asianosaiset/1")).remove("alkamispvm");
        assertThatThrownBy(() -> MutualCaseTopicReader.read(withoutStart, ORGANISER, id -> false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alkamispvm");

        ObjectNode withoutCase = (ObjectNode) topic();
        ((ObjectNode) withoutCase.at("/yhteinen_asia")).remove("asia");
        assertThatThrownBy(() -> MutualCaseTopicReader.read(withoutCase, ORGANISER, id -> false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("asiatunnus");

        assertThatThrownBy(() -> MutualCaseTopicReader.read("{\"paatos\": {}}".getBytes(StandardCharsets.UTF_8),
                ORGANISER, id -> false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("yhteinen_asia");
        assertThat(MutualCaseTopicReader.isTopicDocument(topic())).isTrue();
    }
}
