package fi.arkisto.store.access.nondisclosure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.arkisto.store.access.AccessProperties;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class LocationDataFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AccessProperties.NonDisclosure DEFAULTS = AccessProperties.NonDisclosure.defaults();
    private final LocationDataFields fields = new LocationDataFields(DEFAULTS.personKeys(), DEFAULTS.locationKeys());

    private static byte[] sampleStructuredForm() {
        return new CdaParser().parse(KantaSamples.realSample()).structuredForm();
    }

    @Test
    void theRealSampleCarriesTheClientsHomeMunicipalityButTheUnitsAddressIsNotAPersonsLocation() throws IOException {
        // given the real client relationship document: asiakas.kotikunta, and the units' yhteystiedot
        JsonNode sample = JSON.readTree(sampleStructuredForm());

        // when / then
        assertThat(fields.present(sample)).isTrue();
        assertThat(fields.pointers(sample)).containsExactly("/asiakkuusasiakirja/asiakas/kotikunta");
    }

    @Test
    void maskingBlanksThePersonsLocationAndKeepsTheRest() throws IOException {
        // when
        MaskedStructuredForm masked = fields.mask(sampleStructuredForm());

        // then the home municipality is null, the note names it, the units' contact details stay
        JsonNode tree = JSON.readTree(masked.json());
        assertThat(masked.maskedPointers()).containsExactly("/asiakkuusasiakirja/asiakas/kotikunta");
        assertThat(tree.at("/asiakkuusasiakirja/asiakas/kotikunta").isNull()).isTrue();
        assertThat(tree.at("/asiakkuusasiakirja/asiakas/sukunimi").asText()).isEqualTo("Tietosuojatestaus");
        assertThat(tree.at("/asiakkuusasiakirja/sosiaalihuollon_palvelutehtava/0/palveluntuottaja/0/yhteystiedot/puhelinnumero")
                .asText()).isEqualTo("09 419 191");
        assertThat(fields.present(masked.json())).isFalse();
        assertThat(new String(masked.json(), StandardCharsets.UTF_8)).doesNotContain("092 Vantaa");
    }

    @Test
    void findsLocationDataOfEveryPersonInArraysAndNestedObjects() throws IOException {
        // given a case document naming parties with addresses and a guardian with a telephone number
        JsonNode form = JSON.readTree("""
                {"paatos": {"asiakas": {"sukunimi": "Testi"},
                  "asianosaiset": [{"sukunimi": "A", "yhteystiedot": {"osoite": [{"lahiosoite": "Testitie 1"}]}},
                                   {"sukunimi": "B"}],
                  "perhe": {"huoltaja": {"nimi": "C", "puhelinnumero": "040 000 0000"}},
                  "palveluyksikko": {"osoite": "Yksikkötie 2"}}}
                """);

        // when / then
        assertThat(fields.pointers(form)).containsExactly("/paatos/asianosaiset/0/yhteystiedot",
                "/paatos/perhe/huoltaja/puhelinnumero");
    }

    @Test
    void blankFieldsWithANoteAreWhatTheRuleAsksForSoTheyAreNotLocationData() throws IOException {
        // given a document whose location fields stay blank (the rule for documents other than the client relationship one)
        JsonNode form = JSON.readTree("""
                {"asiakaskertomus": {"asiakas": {"sukunimi": "Testi", "kotikunta": null, "osoite": "",
                  "yhteystiedot": {"osoite": [], "puhelinnumero": " "}},
                  "huomautus": "Turvakielto: osoitetietoja ei kirjata"}}
                """);

        // when / then
        assertThat(fields.present(form)).isFalse();
        assertThat(fields.present(new byte[0])).isFalse();
        assertThat(fields.present((byte[]) null)).isFalse();
    }

    @Test
    void theKeysAreConfiguration() throws IOException {
        // given an operator's structure with its own person and location keys
        LocationDataFields custom = new LocationDataFields(Set.of("vanhempi"), Set.of("asuinalue"));
        JsonNode form = JSON.readTree("{\"x\": {\"vanhempi\": {\"asuinalue\": \"Itä\"}, \"asiakas\": {\"kotikunta\": \"092\"}}}");

        // when / then
        assertThat(custom.pointers(form)).containsExactly("/x/vanhempi/asuinalue");
    }
}
