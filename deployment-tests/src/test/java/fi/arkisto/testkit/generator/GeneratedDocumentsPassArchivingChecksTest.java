package fi.arkisto.testkit.generator;

import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.display.DisplayFormCheck;
import fi.arkisto.store.display.DisplayFormSafety;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.identity.PersonalIdentityCode;
import fi.arkisto.store.structure.StructureCatalogue;
import fi.arkisto.store.structure.StructureCheck;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The generator's promise: every document it writes is one the archive accepts at its archiving-stage checks. */
class GeneratedDocumentsPassArchivingChecksTest {

    private final CdaParser parser = new CdaParser();
    private final StructureCatalogue catalogue = StructureCatalogue.shipped();
    private final StructureCheck structureCheck = new StructureCheck(catalogue);
    private final DisplayFormCheck displayFormCheck = new DisplayFormCheck(new DisplayFormSafety());

    @Test
    void everyGeneratedDocumentParsesAndPassesTheStructureAndDisplayChecksWithoutWarnings() {
        // given
        GeneratorOptions options = GeneratorOptions.builder().count(300).seed(17).build();
        List<GeneratedDocument> documents = new TestDataGenerator(options).documents().toList();
        Set<String> structures = new HashSet<>();

        for (GeneratedDocument generated : documents) {
            // when
            ParsedDocument parsed = parser.parse(generated.xml());
            ValidationReport report = new ValidationReport();
            displayFormCheck.check(parsed, report);
            structureCheck.check(parsed, report);

            // then the header says what the generator says it wrote
            DocumentMetadata metadata = parsed.metadata();
            assertThat(report.warnings()).as(generated.fileName()).isEmpty();
            assertThat(metadata.documentOid().value()).isEqualTo(generated.documentOid());
            assertThat(metadata.setId()).isEqualTo(generated.setId());
            assertThat(metadata.versionNumber()).isEqualTo(generated.versionNumber());
            assertThat(metadata.replacesDocumentOid()).isEqualTo(generated.replacesDocumentOid());
            if (generated.replacesDocumentOid() != null) {
                assertThat(metadata.reasonOfCorrection()).isNotBlank();
            }
            assertThat(metadata.clientId()).isEqualTo(generated.clientId());
            assertThat(metadata.clientIdRoot()).isEqualTo("1.2.246.21");
            assertThat(metadata.controllerOid()).isEqualTo(generated.controllerOid());
            assertThat(metadata.serviceOrganiserOid()).isEqualTo(generated.controllerOid());
            assertThat(metadata.serviceUnitOid()).isEqualTo(generated.serviceUnitOid());
            assertThat(metadata.documentGroup().code()).isEqualTo(generated.documentGroup());
            assertThat(metadata.serviceTask().code()).isEqualTo(generated.serviceTask());
            assertThat(metadata.serviceTask().codeSystem()).isEqualTo(GeneratorCodes.SERVICE_TASK_SYSTEM);
            assertThat(metadata.generalDocumentType() == null ? null : metadata.generalDocumentType().code())
                    .isEqualTo(generated.generalDocumentType());
            assertThat(metadata.contentSpecificationId()).isEqualTo(generated.contentSpecificationId());
            assertThat(metadata.caseId()).isEqualTo(generated.caseId());
            assertThat(metadata.clientRelationshipId()).isEqualTo(generated.clientRelationshipId());
            assertThat(parsed.displayMediaType()).isEqualTo("application/xhtml+xml");
            // documents lie between the client's birth and the generator's today
            assertThat(metadata.effectiveTime().toLocalDate()).isBeforeOrEqualTo(options.today())
                    .isAfter(PersonalIdentityCode.of(generated.clientId()).birthDate());
            assertThat(parsed.structuredForm() != null).isEqualTo(generated.contentSpecificationId() != null);
            if (generated.contentSpecificationId() != null) {
                structures.add(generated.contentSpecificationId());
            }
        }
        // and the catalogue ships a schema for every structure the generator writes
        assertThat(structures).containsExactlyInAnyOrderElementsOf(GeneratorCodes.STRUCTURES);
        for (String structure : GeneratorCodes.STRUCTURES) {
            assertThat(catalogue.structure(structure)).as(structure).isPresent();
        }
    }
}
