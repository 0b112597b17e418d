package fi.arkisto.store.structure;

import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static fi.arkisto.store.structure.StructureCheckTest.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The header's document type agrees with the structure of the signed structured form ({@code document-types.json},
 * docs/trust.md): the professional-signature rule reads the unsigned header, so the header may not say "plan" of a
 * structured decision.
 */
class DocumentTypeRulesTest {

    static final String DECISION = "structure/generated/00000013-1.2.246.10.99999001.95777.31.1.13.xml";
    static final String DECISION_STRUCTURE = "1.2.246.537.6.1505.9.2026.1.1";
    static final String PLAN_STRUCTURE = "1.2.246.537.6.1505.9.2026.3.1";
    private static final String TYPE = " codeSystem=\"1.2.246.537.6.1506.201701\"";
    private static final CdaParser PARSER = new CdaParser();
    private static final StructureCatalogue SHIPPED = StructureCatalogue.shipped();

    @Test
    void aDecisionSaysItIsADecision() {
        assertThatCode(() -> check(SHIPPED, decision())).doesNotThrowAnyException();
    }

    @Test
    void aDecisionRelabelledAsAnotherTypeIsRefused() {
        // given the structured decision whose header says general type 3 (client plan)
        String relabelled = decision().replace("<code code=\"1\"" + TYPE, "<code code=\"3\"" + TYPE);

        // when
        ArchiveException refusal = refusal(SHIPPED, relabelled);

        // then
        assertThat(refusal.code()).isEqualTo(ErrorCode.DOCUMENT_TYPE_MISMATCH);
        assertThat(refusal.getMessage()).contains("Päätös").contains(DECISION_STRUCTURE).contains("'3'");
    }

    @Test
    void aDecisionWhoseHeaderDropsItsTypeIsRefused() {
        // given the decision without a general type (the header rules of a case document refuse it first, as
        // HEADER_RULE_VIOLATED; the type rule holds on its own as well)
        String untyped = decision().replaceFirst("<code code=\"1\"" + TYPE + "[^>]*/>", "<code nullFlavor=\"NA\"/>");
        ParsedDocument document = PARSER.parse(untyped.getBytes(StandardCharsets.UTF_8));

        // when / then
        assertThat(catchThrowableOfType(() -> DocumentTypeRules.check(document.metadata(), DECISION_STRUCTURE,
                SHIPPED.documentTypes().typesOf(DECISION_STRUCTURE)), ArchiveException.class).code())
                .isEqualTo(ErrorCode.DOCUMENT_TYPE_MISMATCH);
        assertThat(refusal(SHIPPED, untyped).code()).isEqualTo(ErrorCode.HEADER_RULE_VIOLATED);
    }

    @Test
    void aClientRelationshipDocumentCarriesNoGeneralTypeAndMayNotClaimOne() {
        String sample = new String(resource(StructureCheckTest.SAMPLE), StandardCharsets.UTF_8);
        assertThatCode(() -> check(SHIPPED, sample)).doesNotThrowAnyException();

        String claimed = sample.replace("<code nullFlavor=\"NA\"/>", "<code code=\"1\"" + TYPE + "/>");
        assertThat(refusal(SHIPPED, claimed).code()).isEqualTo(ErrorCode.DOCUMENT_TYPE_MISMATCH);
    }

    @Test
    void underAllowUnknownTheStructuredFormsRootStillBindsTheType(@TempDir Path dir) {
        // given an archive that accepts unknown structures, and the decision claiming an unknown structure and type 3
        StructureCatalogue lenient = new StructureCatalogue(new StructureProperties(dir, true));
        String unknown = decision().replace(DECISION_STRUCTURE + "</", "1.2.246.537.6.1505.9.2026.1.2</");

        // when / then: its structured form is a "paatos", which the known decision structure says is type 1
        assertThat(refusal(lenient, unknown.replace("<code code=\"1\"" + TYPE, "<code code=\"3\"" + TYPE)).code())
                .isEqualTo(ErrorCode.DOCUMENT_TYPE_MISMATCH);
        ValidationReport report = check(lenient, unknown);
        assertThat(report.warnings()).extracting(w -> w.code()).containsExactly(StructureCheck.WARNING_UNKNOWN_STRUCTURE);
    }

    @Test
    void aPermissiveSchemaCannotPassOneStructuresFormAsAnothers(@TempDir Path dir) throws IOException {
        // given an operator's plan schema that does not require its root, and the decision relabelled as a plan
        Files.writeString(dir.resolve(PLAN_STRUCTURE + StructureCatalogue.SCHEMA_SUFFIX), """
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
                 "properties": {"asiakassuunnitelma": {"type": "object"}}}""");
        StructureCatalogue operator = new StructureCatalogue(new StructureProperties(dir, false));
        String relabelled = decision().replace(DECISION_STRUCTURE + "</", PLAN_STRUCTURE + "</")
                .replace("<code code=\"1\"" + TYPE, "<code code=\"3\"" + TYPE);

        // when
        ArchiveException refusal = refusal(operator, relabelled);

        // then
        assertThat(refusal.code()).isEqualTo(ErrorCode.STRUCTURE_INVALID);
        assertThat(refusal.getMessage()).contains("'paatos'").contains("'asiakassuunnitelma'");
    }

    @Test
    void operatorsMayBindTheSpecificTypeToo(@TempDir Path dir) throws IOException {
        // given an operator table that allows the decision only as specific type 101
        Files.writeString(dir.resolve(StructureCatalogue.DOCUMENT_TYPES), """
                {"structures": {"%s": {"name": "Päätös", "generalDocumentTypes": ["1"], "specificDocumentTypes": ["101"]}}}"""
                .formatted(DECISION_STRUCTURE));
        StructureCatalogue operator = new StructureCatalogue(new StructureProperties(dir, false));

        // then a decision without a specific type is refused, one with 101 passes
        assertThat(refusal(operator, decision()).getMessage()).contains("hl7fi:specificDocumentType");
        String specific = decision().replace("<ep2:contentSpecificationId>",
                "<ep2:specificDocumentType code=\"101\" codeSystem=\"1.2.246.537.6.1507.201701\"/><ep2:contentSpecificationId>");
        assertThatCode(() -> check(operator, specific)).doesNotThrowAnyException();
    }

    @Test
    void aBrokenRuleFileStopsTheStart(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(StructureCatalogue.DOCUMENT_TYPES), "{\"structures\": {\"1.2.3\": {\"name\": \"x\"}}}");

        assertThat(catchThrowableOfType(() -> new StructureCatalogue(new StructureProperties(dir, false)),
                IllegalStateException.class)).hasMessageContaining("generalDocumentTypes");
    }

    @Test
    void everyShippedStructureHasItsTypes() {
        for (String id : new String[]{"1.2.246.537.6.1505.1.2023.6.1", DECISION_STRUCTURE, "1.2.246.537.6.1505.9.2026.2.1",
                PLAN_STRUCTURE, "1.2.246.537.6.1505.9.2026.4.1"}) {
            assertThat(SHIPPED.structure(id)).as(id).isPresent();
            assertThat(SHIPPED.documentTypes().typesOf(id)).as(id).isNotNull();
        }
        assertThat(SHIPPED.documentTypes().typesOf(DECISION_STRUCTURE).generalDocumentTypes()).containsExactly("1");
    }

    private static String decision() {
        String xml = new String(resource(DECISION), StandardCharsets.UTF_8);
        assertThat(xml).contains("<code code=\"1\"" + TYPE).contains(DECISION_STRUCTURE + "</");
        return xml;
    }

    private static ValidationReport check(StructureCatalogue catalogue, String xml) {
        ParsedDocument document = PARSER.parse(xml.getBytes(StandardCharsets.UTF_8));
        ValidationReport report = new ValidationReport();
        new StructureCheck(catalogue).check(document, report);
        return report;
    }

    private static ArchiveException refusal(StructureCatalogue catalogue, String xml) {
        ArchiveException refusal = catchThrowableOfType(() -> check(catalogue, xml), ArchiveException.class);
        assertThat(refusal).as("the structure check must refuse").isNotNull();
        return refusal;
    }
}
