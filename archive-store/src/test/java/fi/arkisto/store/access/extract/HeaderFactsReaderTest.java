package fi.arkisto.store.access.extract;

import fi.arkisto.store.access.facts.RestrictionKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderFactsReaderTest {

    @Test
    void theRealSampleAllowsDisclosureToTheGuardiansAndCarriesNoRestriction() {
        // given the real sample: authorization/consent/code 1 of 1.2.246.537.6.1286.201901, an author with nullFlavor
        HeaderFacts facts = HeaderFactsReader.read(RealSample.parsed().dom());

        // then
        assertThat(facts.minorDisclosureCode()).isEqualTo("1");
        assertThat(facts.restriction()).isEqualTo(RestrictionKind.NONE);
        assertThat(facts.inaccessibleCode()).isNull();
        assertThat(facts.authorizationRestriction()).isNull();
        assertThat(facts.authorOrganisation()).isNull();
    }

    @Test
    void readsTheInaccessibleArgument() {
        // given the sample marked not to be shown: showing it would endanger the client's health or development
        String xml = RealSample.withLocalHeader(
                "<ep2:inaccessibleArgument code=\"1\" codeSystem=\"1.2.246.537.6.1288.201901\"/>");

        // when
        HeaderFacts facts = HeaderFactsReader.read(RealSample.parse(xml).dom());

        // then
        assertThat(facts.restriction()).isEqualTo(RestrictionKind.INACCESSIBLE);
        assertThat(facts.inaccessibleCode()).isEqualTo("1");
    }

    @Test
    void readsTheAuthorizationRestrictionArgument() {
        // given the sample with showing delayed, a free text
        String xml = RealSample.withLocalHeader("<ep2:authorizationRestrictionArgument>Näytetään asiakkaalle "
                + "päätöksen tultua lainvoimaiseksi</ep2:authorizationRestrictionArgument>");

        // when
        HeaderFacts facts = HeaderFactsReader.read(RealSample.parse(xml).dom());

        // then
        assertThat(facts.restriction()).isEqualTo(RestrictionKind.AUTHORIZATION_RESTRICTION);
        assertThat(facts.authorizationRestriction()).startsWith("Näytetään asiakkaalle");
    }

    @Test
    void bothRestrictionsMeanTheDocumentIsNotShown() {
        String xml = RealSample.withLocalHeader("<ep2:inaccessibleArgument code=\"1\" "
                + "codeSystem=\"1.2.246.537.6.1288.201901\"/><ep2:authorizationRestrictionArgument>Viive"
                + "</ep2:authorizationRestrictionArgument>");

        HeaderFacts facts = HeaderFactsReader.read(RealSample.parse(xml).dom());

        assertThat(facts.restriction()).isEqualTo(RestrictionKind.INACCESSIBLE);
        assertThat(facts.authorizationRestriction()).isEqualTo("Viive");
    }

    @Test
    void anArgumentWithANullFlavorIsNoRestriction() {
        String xml = RealSample.withLocalHeader("<ep2:inaccessibleArgument nullFlavor=\"NA\"/>"
                + "<ep2:authorizationRestrictionArgument nullFlavor=\"NA\"/>");

        assertThat(HeaderFactsReader.read(RealSample.parse(xml).dom()).restriction()).isEqualTo(RestrictionKind.NONE);
    }

    @Test
    void readsTheMinorsRefusalAndTheAuthorsOrganisation() {
        // given the sample with the minor's refusal and an author who represents a provider unit
        String xml = RealSample.xml()
                .replace("<code code=\"1\" codeSystem=\"1.2.246.537.6.1286.201901\"",
                        "<code code=\"2\" codeSystem=\"1.2.246.537.6.1286.201901\"")
                .replaceFirst("</assignedAuthor>", "<representedOrganization><id root=\"1.2.246.10.99999002.10.4\"/>"
                        + "</representedOrganization></assignedAuthor>");

        // when
        HeaderFacts facts = HeaderFactsReader.read(RealSample.parse(xml).dom());

        // then
        assertThat(facts.minorDisclosureCode()).isEqualTo("2");
        assertThat(facts.authorOrganisation()).isEqualTo("1.2.246.10.99999002.10.4");
    }
}
