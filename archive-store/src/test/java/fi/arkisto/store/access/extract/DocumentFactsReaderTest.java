package fi.arkisto.store.access.extract;

import fi.arkisto.store.access.AccessProperties;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.access.facts.DocumentGroup;
import fi.arkisto.store.access.facts.RestrictionKind;
import fi.arkisto.store.access.nondisclosure.LocationDataFields;
import fi.arkisto.store.access.registeraccess.UnitOrganisation;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DocumentFactsReaderTest {

    private static final AccessProperties.NonDisclosure KEYS = AccessProperties.NonDisclosure.defaults();
    private static final LocationDataFields LOCATION = new LocationDataFields(KEYS.personKeys(), KEYS.locationKeys());

    @Test
    void readsTheFactsOfTheRealSample() {
        // given the real client relationship document
        DocumentFactsReader reader = new DocumentFactsReader(UnitOrganisation.byRule(), LOCATION);

        // when
        DocumentFacts facts = reader.read(RealSample.parsed());

        // then
        assertThat(facts.documentOid()).isEqualTo(KantaSamples.SAMPLE_OID);
        assertThat(facts.setId()).isEqualTo(KantaSamples.SAMPLE_OID);
        assertThat(facts.controller()).isEqualTo(RealSample.CONTROLLER);
        assertThat(facts.originalCustodian()).isEqualTo(RealSample.CONTROLLER);
        assertThat(facts.clientId()).isEqualTo(KantaSamples.SAMPLE_CLIENT);
        assertThat(facts.group()).isEqualTo(DocumentGroup.CLIENT_RELATIONSHIP);
        assertThat(facts.serviceTask()).isNull();
        assertThat(facts.generalType()).isNull();
        assertThat(facts.authorUnit()).isEqualTo(RealSample.UNIT);
        assertThat(facts.authorOrganisation()).isEqualTo(RealSample.UNIT_BY_RULE);
        assertThat(facts.caseId()).isNull();
        assertThat(facts.date()).isEqualTo(LocalDate.of(2026, 7, 17));
        assertThat(facts.locationData()).isTrue();
        assertThat(facts.nonDisclosureDeclared()).isFalse();
        assertThat(facts.minorDisclosureCode()).isEqualTo("1");
        assertThat(facts.ownRestriction()).isEqualTo(RestrictionKind.NONE);
        assertThat(facts.currentRestriction()).isEqualTo(RestrictionKind.NONE);
        assertThat(facts.stageOne()).isFalse();
        assertThat(facts.mutualCase()).isNull();
    }

    @Test
    void theOrganisationRegisterNamesTheAuthorsOrganisation() {
        DocumentFactsReader reader = new DocumentFactsReader(
                UnitOrganisation.withRegistry(Map.of(RealSample.UNIT, RealSample.CONTROLLER)), LOCATION);

        assertThat(reader.read(RealSample.parsed()).authorOrganisation()).isEqualTo(RealSample.CONTROLLER);
    }

    @Test
    void readsADeclaredNonDisclosureAndARestriction() {
        // given the sample declaring turvakielto and marked not to be shown
        String xml = RealSample.withStructuredForm(
                RealSample.structuredForm().replace("\"turvakielto\": false", "\"turvakielto\": true"));
        xml = xml.replace("<ep2:contentSpecificationId>", "<ep2:inaccessibleArgument code=\"1\" "
                + "codeSystem=\"1.2.246.537.6.1288.201901\"/><ep2:contentSpecificationId>");

        // when
        DocumentFacts facts = new DocumentFactsReader(UnitOrganisation.byRule(), LOCATION).read(RealSample.parse(xml));

        // then
        assertThat(facts.nonDisclosureDeclared()).isTrue();
        assertThat(facts.locationData()).isTrue();
        assertThat(facts.ownRestriction()).isEqualTo(RestrictionKind.INACCESSIBLE);
        assertThat(facts.currentRestriction()).isEqualTo(RestrictionKind.INACCESSIBLE);
    }

    @Test
    void readsTheCaseServiceTaskAndGroupOfACaseDocument() {
        // given a case document derived from the sample
        byte[] document = KantaSamples.document().documentGroup("2").caseId("1.2.246.10.32213561.95777.9999.77")
                .serviceTask("24").effectiveTime("20260301233000+0000").build();

        // when
        DocumentFacts facts = new DocumentFactsReader(UnitOrganisation.byRule(), LOCATION)
                .read(new CdaParser().parse(document));

        // then the day is the Finnish day: 23:30 UTC is already 1:30 on the next day in Helsinki
        assertThat(facts.group()).isEqualTo(DocumentGroup.CASE);
        assertThat(facts.caseId()).isEqualTo("1.2.246.10.32213561.95777.9999.77");
        assertThat(facts.serviceTask()).isEqualTo("24");
        assertThat(facts.generalType()).isEqualTo("4");
        assertThat(facts.date()).isEqualTo(LocalDate.of(2026, 3, 2));
    }

    @Test
    void whatOnlyTheArchiveKnowsIsAddedToTheFactsItRead() {
        // given the facts read from the archived version, and what the archive holds about its set and register
        DocumentFacts read = new DocumentFactsReader(UnitOrganisation.byRule(), LOCATION).read(RealSample.parsed());

        // when
        DocumentFacts facts = read.toBuilder().controller("1.2.246.10.99999004.10.0")
                .currentRestriction(RestrictionKind.AUTHORIZATION_RESTRICTION).stageOne(true).build();

        // then
        assertThat(facts.controller()).isEqualTo("1.2.246.10.99999004.10.0");
        assertThat(facts.originalCustodian()).isEqualTo(RealSample.CONTROLLER);
        assertThat(facts.ownRestriction()).isEqualTo(RestrictionKind.NONE);
        assertThat(facts.currentRestriction()).isEqualTo(RestrictionKind.AUTHORIZATION_RESTRICTION);
        assertThat(facts.stageOne()).isTrue();
        assertThat(facts.toBuilder().build()).isEqualTo(facts);
    }

    @Test
    void aStageOneDocumentIsOneArchivedBeforeItsControllersStageTwoStart() {
        StageOneClassifier classifier = new StageOneClassifier(Map.of(RealSample.CONTROLLER, LocalDate.of(2022, 3, 1)));

        assertThat(classifier.stageOne(RealSample.CONTROLLER, LocalDate.of(2022, 2, 28))).isTrue();
        assertThat(classifier.stageOne(RealSample.CONTROLLER, LocalDate.of(2022, 3, 1))).isFalse();
        assertThat(classifier.stageOne("1.2.246.10.99999004.10.0", LocalDate.of(2019, 1, 1))).isFalse();
        assertThat(classifier.stageOne(null, LocalDate.of(2019, 1, 1))).isFalse();
    }
}
