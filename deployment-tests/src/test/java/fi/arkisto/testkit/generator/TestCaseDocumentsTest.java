package fi.arkisto.testkit.generator;

import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.display.DisplayFormCheck;
import fi.arkisto.store.display.DisplayFormSafety;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.identity.IdentityCodeScanner;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.organisation.KantaFunction;
import fi.arkisto.store.structure.StructureCatalogue;
import fi.arkisto.store.structure.StructureCheck;
import fi.arkisto.testkit.deployment.ExpectedDocument;
import fi.arkisto.testkit.deployment.TestCaseCatalogue;
import fi.arkisto.testkit.deployment.TestIdentityPool;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

class TestCaseDocumentsTest {

    @Test
    void writesOneAcceptableDocumentPerCatalogueItemForTheHandedOutClient() {
        // given the test case of every function and a handed-out test identity code
        List<ExpectedDocument> items = TestCaseCatalogue.expectedFor(EnumSet.allOf(KantaFunction.class));
        String client = TestIdentityPool.handOut(1, 5).get(0);
        TestCaseDocuments.Options options = new TestCaseDocuments.Options(Oid.of("1.2.246.10.99999001.10.0"),
                "Testilän hyvinvointialue", client, LocalDate.of(2026, 7, 1), 42, Function.identity(), null);

        // when the client system's documents are written
        List<TestCaseDocuments.TestCaseDocument> documents = TestCaseDocuments.write(items, options);

        // then each parses as the item says, passes the structure and display checks and carries only the client's code
        assertThat(documents).extracting(TestCaseDocuments.TestCaseDocument::key)
                .containsExactlyElementsOf(items.stream().map(ExpectedDocument::key).toList());
        CdaParser parser = new CdaParser();
        StructureCheck structures = new StructureCheck(StructureCatalogue.shipped());
        DisplayFormCheck display = new DisplayFormCheck(new DisplayFormSafety());
        for (int i = 0; i < items.size(); i++) {
            ExpectedDocument item = items.get(i);
            ParsedDocument parsed = parser.parse(documents.get(i).xml());
            ValidationReport report = new ValidationReport();
            structures.check(parsed, report);
            display.check(parsed, report);
            assertThat(report.warnings()).as(item.key()).isEmpty();
            assertThat(parsed.metadata().documentGroup().code()).as(item.key()).isEqualTo(item.documentGroup());
            assertThat(parsed.metadata().generalDocumentType() == null ? null : parsed.metadata().generalDocumentType().code())
                    .as(item.key()).isEqualTo(item.generalDocumentType());
            assertThat(parsed.metadata().versionNumber()).isEqualTo(item.version());
            assertThat(parsed.metadata().clientId()).isEqualTo(client);
            assertThat(IdentityCodeScanner.scan(parsed.dom())).allMatch(IdentityCodeScanner::isTestCode);
        }
        TestCaseDocuments.TestCaseDocument original = documents.get(1);
        TestCaseDocuments.TestCaseDocument replacement = documents.get(2);
        assertThat(replacement.setId()).isEqualTo(original.setId());
        assertThat(documents.stream().filter(TestCaseDocuments.TestCaseDocument::toNullify))
                .extracting(TestCaseDocuments.TestCaseDocument::key).containsExactly(TestCaseCatalogue.NULLIFIED_DOCUMENT);
    }
}
