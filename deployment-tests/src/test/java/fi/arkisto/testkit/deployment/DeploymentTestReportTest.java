package fi.arkisto.testkit.deployment;

import fi.arkisto.store.organisation.KantaFunction;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DeploymentTestReportTest {

    @Test
    void thePdfNamesTheOrganisationTheWindowTheParticipantsAndEveryTestDocument() throws Exception {
        // given findings of a test with one missing document
        List<ExpectedDocument> expected = TestCaseCatalogue.expectedFor(EnumSet.of(KantaFunction.PROFESSIONAL_SIGNATURES));
        VerificationFindings findings = new TestCaseVerifier().verify(expected, List.of(new ArrivedDocument("1.2.246.10.1.1",
                Instant.now(), null, true, true, "1.2.246.10.1.1", 1, "ACTIVE", "3", "4", "x", Set.of("3"),
                Set.of(TestIdentityPool.all().get(3)), List.of())), Set.of());
        ReportContent content = new ReportContent("run-1", 2, "Päijät-Hämeen hyvinvointikuntayhtymä <&>",
                "1.2.246.10.1234567.10.0", null, null, "Sosiaalitieto 5.2 (Testitoimittaja Oy)", null,
                List.of("PROFESSIONAL_SIGNATURES"), Instant.parse("2026-03-02T08:00:00Z"), Instant.parse("2026-03-02T12:00:00Z"),
                LocalDate.of(2026, 4, 1), LocalDate.of(2026, 3, 4), List.of("Käyttöönoton vastaava / Deployment lead: lead-1"),
                "Tarkistettu", findings, Instant.parse("2026-03-02T13:00:00Z"));

        // when the report is written
        byte[] pdf = new DeploymentTestReport().pdf(content);

        // then the PDF's text says it all
        assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("Päijät-Hämeen hyvinvointikuntayhtymä <&>", "1.2.246.10.1234567.10.0",
                    "2.3.2026 10:00 – 2.3.2026 14:00", "4.3.2026", "lead-1", "Hylätty / Failed",
                    "Päätös ammattilaisen allekirjoituksella", "1.2.246.10.1.1", "Asiakirja ei kuulu testitapaukseen");
        }
    }
}
