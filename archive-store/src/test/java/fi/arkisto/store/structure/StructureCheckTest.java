package fi.arkisto.store.structure;

import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.document.Warning;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StructureCheckTest {

    static final String SAMPLE = "kanta/asiakkuusasiakirja_S.xml";
    static final String GENERATED_PLAN = "structure/generated-case-plan.xml";
    private static final CdaParser PARSER = new CdaParser();
    private static final StructureCatalogue SHIPPED = StructureCatalogue.shipped();

    static byte[] resource(String name) {
        try (InputStream in = StructureCheckTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedDocument parse(String name) {
        return PARSER.parse(resource(name));
    }

    private static ValidationReport check(StructureCatalogue catalogue, ParsedDocument document) {
        ValidationReport report = new ValidationReport();
        new StructureCheck(catalogue).check(document, report);
        return report;
    }

    @Test
    void theRealSamplePassesWithExactlyOneBirthDateWarning() {
        // given the real sample: header birthTime 20110120, structured form syntymaaika 2011-01-01
        ParsedDocument sample = parse(SAMPLE);

        // when
        ValidationReport report = check(SHIPPED, sample);

        // then
        assertThat(report.warnings()).extracting(Warning::code).containsExactly(StructureCheck.WARNING_BIRTH_DATE);
        assertThat(report.warnings().get(0).message()).contains("/asiakkuusasiakirja/asiakas/syntymaaika")
                .doesNotContain("2011").doesNotContain("200111");
    }

    @Test
    void aGeneratedCaseDocumentPassesWithoutWarnings() {
        // when
        ValidationReport report = check(SHIPPED, parse(GENERATED_PLAN));

        // then
        assertThat(report.warnings()).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "structure-unknown-content-specification.xml, UNKNOWN_CONTENT_SPECIFICATION, 1.2.246.537.6.1505.9.2026.99.1",
            "structure-schema-missing-required.xml, STRUCTURE_INVALID, /asiakassuunnitelma",
            "structure-schema-invalid-date.xml, STRUCTURE_INVALID, /asiakassuunnitelma/laatimispvm",
            "structure-identity-mismatch.xml, IDENTITY_MISMATCH, /asiakassuunnitelma/asiakas/henkilotunnus/value",
            "structure-identity-century-sign-mismatch.xml, IDENTITY_MISMATCH, /asiakassuunnitelma/asiakas/henkilotunnus/value",
            "structure-invalid-json.xml, STRUCTURE_INVALID, not valid JSON",
            "structure-duplicate-key-json.xml, STRUCTURE_INVALID, repeats a key",
            "structure-header-rule-case-missing.xml, HEADER_RULE_VIOLATED, caseId",
    })
    void refusesACraftedDocumentWithItsOwnCode(String file, ErrorCode code, String detail) {
        // given a generated case document altered in one respect
        ParsedDocument document = parse("hostile/" + file);

        // when / then
        assertThatThrownBy(() -> check(SHIPPED, document))
                .isInstanceOfSatisfying(ArchiveException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(detail);
                    // no personal data in refusals: neither the header's nor the structured form's identity code
                    assertThat(e.getMessage()).doesNotContain("250312").doesNotContain("010190");
                });
    }

    @Test
    void aSchemaFailureNamesThePointerAndTheRuleButNotTheValue() {
        // given
        ParsedDocument document = parse("hostile/structure-schema-invalid-date.xml");

        // when / then
        assertThatThrownBy(() -> check(SHIPPED, document))
                .hasMessageContaining("/asiakassuunnitelma/laatimispvm")
                .hasMessageContaining("keyword format")
                .hasMessageNotContaining("31.02.2026");
    }

    @Test
    void anUnknownStructureIsArchivedWithAWarningWhenConfigurationAllowsIt() {
        // given
        StructureCatalogue lenient = new StructureCatalogue(new StructureProperties(null, true));

        // when
        ValidationReport report = check(lenient, parse("hostile/structure-unknown-content-specification.xml"));

        // then
        assertThat(report.warnings()).extracting(Warning::code).containsExactly(StructureCheck.WARNING_UNKNOWN_STRUCTURE);
    }

    @Test
    void anUnknownStructureStillHasItsIdentityCheckedWhenAllowed(@TempDir Path dir) throws IOException {
        // given an unknown structure whose structured form names another client
        String mismatch = new String(resource("hostile/structure-identity-mismatch.xml"), StandardCharsets.UTF_8)
                .replace(">1.2.246.537.6.1505.9.2026.3.1<", ">1.2.246.537.6.1505.9.2026.99.1<");
        StructureCatalogue lenient = new StructureCatalogue(new StructureProperties(null, true));

        // when / then
        assertThatThrownBy(() -> check(lenient, PARSER.parse(mismatch.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.IDENTITY_MISMATCH));
    }

    @Test
    void aSchemaDroppedIntoTheStructuresDirectoryMakesAnUnknownStructureArchivable(@TempDir Path dir) throws IOException {
        // given a running catalogue that does not know the structure
        StructureCatalogue catalogue = new StructureCatalogue(new StructureProperties(dir, false));
        ParsedDocument document = parse("hostile/structure-unknown-content-specification.xml");
        assertThatThrownBy(() -> check(catalogue, document)).isInstanceOfSatisfying(ArchiveException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_CONTENT_SPECIFICATION));

        // when the operator drops a schema file for it (no code change, no restart)
        Files.write(dir.resolve("1.2.246.537.6.1505.9.2026.99.1.schema.json"),
                resource("structures/1.2.246.537.6.1505.9.2026.3.1.schema.json"));

        // then
        assertThat(check(catalogue, document).warnings()).isEmpty();
        assertThat(catalogue.structure("1.2.246.537.6.1505.9.2026.99.1")).get()
                .extracting(Structure::source).isEqualTo(dir.resolve("1.2.246.537.6.1505.9.2026.99.1.schema.json").toString());
    }

    @Test
    void aSchemaInTheDirectoryWinsOverTheShippedOne(@TempDir Path dir) throws IOException {
        // given an operator's stricter schema for the sample's structure: it demands a field the sample lacks
        Files.writeString(dir.resolve("1.2.246.537.6.1505.1.2023.6.1.schema.json"), """
                {"$schema": "https://json-schema.org/draft/2020-12/schema",
                 "type": "object", "required": ["asiakkuusasiakirja"],
                 "properties": {"asiakkuusasiakirja": {"type": "object", "required": ["asiakkuuden_paattymispvm"]}}}
                """);
        StructureCatalogue catalogue = new StructureCatalogue(new StructureProperties(dir, false));

        // when / then
        assertThatThrownBy(() -> check(catalogue, parse(SAMPLE)))
                .isInstanceOfSatisfying(ArchiveException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.STRUCTURE_INVALID);
                    assertThat(e.getMessage()).contains("/asiakkuusasiakirja").contains("asiakkuuden_paattymispvm");
                });
    }

    @Test
    void headerRulesAreOverriddenFromTheDirectory(@TempDir Path dir) throws IOException {
        // given rules that demand a service task (hl7fi:functionCode) on client relationship documents
        Files.writeString(dir.resolve("header-rules.json"),
                "{\"documentGroups\": {\"1\": {\"required\": [\"serviceTask\"]}}}");
        StructureCatalogue catalogue = new StructureCatalogue(new StructureProperties(dir, false));

        // when / then: the sample has no functionCode
        assertThatThrownBy(() -> check(catalogue, parse(SAMPLE)))
                .isInstanceOfSatisfying(ArchiveException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.HEADER_RULE_VIOLATED);
                    assertThat(e.getMessage()).contains("serviceTask").contains("hl7fi:functionCode");
                });
    }

    @Test
    void shippedHeaderRulesRequireWhatEachGroupNeeds() {
        HeaderRules rules = SHIPPED.headerRules();
        assertThat(rules.requiredFields("1")).contains("clientRelationshipId", "serviceUnitOid");
        assertThat(rules.requiredFields("2")).contains("caseId");
        assertThat(rules.requiredFields("99")).isEmpty();
    }

    @Test
    void aBrokenOperatorSchemaOrRuleStopsTheStartNotADocument(@TempDir Path dir) throws IOException {
        // given
        Path schema = dir.resolve("1.2.246.537.6.1505.9.2026.98.1.schema.json");
        Files.writeString(schema, "{ not json");

        // when / then
        assertThatThrownBy(() -> new StructureCatalogue(new StructureProperties(dir, false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(schema.toString());

        Files.delete(schema);
        Files.writeString(dir.resolve("header-rules.json"), "{\"documentGroups\": {\"1\": {\"required\": [\"shoeSize\"]}}}");
        assertThatThrownBy(() -> new StructureCatalogue(new StructureProperties(dir, false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("shoeSize");
    }

    @Test
    void aSchemaMayNotReachOutsideItself(@TempDir Path dir) throws IOException {
        // given a schema with a remote $ref (validation must never touch the network)
        Files.writeString(dir.resolve("1.2.246.537.6.1505.9.2026.97.1.schema.json"), """
                {"$schema": "https://json-schema.org/draft/2020-12/schema",
                 "$ref": "http://127.0.0.1:9/remote.schema.json"}
                """);

        // when / then
        assertThatThrownBy(() -> new StructureCatalogue(new StructureProperties(dir, false)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("97.1");
    }

    @Test
    void compiledSchemasAreCachedAndShared() {
        // when
        Structure first = SHIPPED.structure("1.2.246.537.6.1505.1.2023.6.1").orElseThrow();
        Structure second = SHIPPED.structure("1.2.246.537.6.1505.1.2023.6.1").orElseThrow();

        // then
        assertThat(second).isSameAs(first);
        assertThat(SHIPPED.structure("../../etc/passwd")).isEmpty();
        assertThat(SHIPPED.structure("1.2.246.537.6.1505.9.2026.99.1")).isEmpty();
    }

    @Test
    void schemaMessagesNeverCarryAnIdentityCode(@TempDir Path dir) throws IOException {
        // given a schema whose rule would echo the offending value (const on the identity code)
        Files.writeString(dir.resolve("1.2.246.537.6.1505.1.2023.6.1.schema.json"), """
                {"$schema": "https://json-schema.org/draft/2020-12/schema",
                 "properties": {"asiakkuusasiakirja": {"properties": {"asiakas": {"properties": {"henkilotunnus":
                   {"properties": {"value": {"enum": ["010101-900R"]}}}}}}}}}
                """);
        StructureCatalogue catalogue = new StructureCatalogue(new StructureProperties(dir, false));

        // when / then
        assertThatThrownBy(() -> check(catalogue, parse(SAMPLE)))
                .isInstanceOfSatisfying(ArchiveException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.STRUCTURE_INVALID);
                    assertThat(e.getMessage()).contains("/asiakkuusasiakirja/asiakas/henkilotunnus/value")
                            .doesNotContain("200111A904P").doesNotContain("010101-900R");
                });
        assertThat(Structure.safe("value 200111A904P and 010101-900R")).isEqualTo("value 200111***** and 010101*****");
    }
}
