package fi.arkisto.store.display;

import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.CdaParserLimits;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.document.Intake;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.rejection.IngestChannel;
import fi.arkisto.store.testsupport.KantaSamples;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The display form names the header's client (docs/trust.md). The real sample's client is 200111A904P (a test code);
 * its display form shows it masked, {@code 200111*****}.
 */
class DisplayFormIdentityCheckTest {

    private static final ParsedDocument SAMPLE = new CdaParser().parse(KantaSamples.realSample());
    private static final Intake ONLINE = Intake.of(IngestChannel.REST, Instant.parse("2026-07-17T10:07:30Z"));
    private final DisplayFormIdentityCheck check = new DisplayFormIdentityCheck();

    @Test
    void theRealSampleShowsItsClient() {
        assertThatCode(() -> check.check(SAMPLE, ONLINE, new ValidationReport())).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "<!-- 200111***** -->",
            "<span title=\"200111*****\">Asiakas</span>",
            "<style>.x::after { content: '200111*****' }</style>",
            "<img alt=\"200111*****\" src=\"data:image/png;base64,iVBORw0KGgo=\"/>"})
    void onlyTextAReaderSeesCounts(String hidden) {
        // given a display form that carries the client's code only where no reader sees it as text
        ParsedDocument document = withXhtml("<div xmlns=\"http://www.w3.org/1999/xhtml\"><h1>Asiakaskertomus</h1>" + hidden
                + "<p>Kirjaus</p></div>");

        assertThat(refusal(document).code()).isEqualTo(ErrorCode.DISPLAY_FORM_CLIENT_MISSING);
    }

    @Test
    void wordsOfSeparateElementsAreNotJoined() {
        // "200111" and "*****" in separate cells are two words, not the masked code
        ParsedDocument document = withXhtml("<div xmlns=\"http://www.w3.org/1999/xhtml\"><table><tr><td>200111</td>"
                + "<td>*****</td></tr></table></div>");

        assertThat(refusal(document).code()).isEqualTo(ErrorCode.DISPLAY_FORM_CLIENT_MISSING);
    }

    @Test
    void aDisplayFormNamingAnotherPersonIsAMismatch() {
        ParsedDocument document = withXhtml("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Asiakas: 150377-912C</p></div>");

        ArchiveException refusal = refusal(document);
        assertThat(refusal.code()).isEqualTo(ErrorCode.IDENTITY_MISMATCH);
        assertThat(refusal.getMessage()).doesNotContain("150377").doesNotContain("200111");
    }

    @Test
    void anXhtmlDocumentTypeDeclarationIsRead() {
        ParsedDocument document = withXhtml("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.1//EN\" "
                + "\"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd\"><div xmlns=\"http://www.w3.org/1999/xhtml\">200111A904P</div>");

        assertThatCode(() -> check.check(document, ONLINE, new ValidationReport())).doesNotThrowAnyException();
    }

    @Test
    void aPdfDisplayFormIsReadFromItsText() throws IOException {
        assertThatCode(() -> check.check(withPdf("Asiakas: Tietosuojatestaus Kanta-Jade 200111A904P"), ONLINE,
                new ValidationReport())).doesNotThrowAnyException();
        assertThat(refusal(withPdf("Asiakas: 150377-912C")).code()).isEqualTo(ErrorCode.IDENTITY_MISMATCH);
        assertThat(refusal(withPdf("Vanha asiakirja")).code()).isEqualTo(ErrorCode.DISPLAY_FORM_CLIENT_MISSING);
    }

    @Test
    void aPdfDisplayFormOfADocumentReadWithItsBodyStreamedIsReadFromItsFile(@TempDir Path dir) throws IOException {
        // given a document above a small in-memory limit whose PDF display form names the client on page 1 of 40
        byte[] pdf = pdf("Asiakas: 200111A904P", 40);
        String unstructured = new String(KantaSamples.realSample(), StandardCharsets.UTF_8)
                .replaceAll("(?s)<signatureCollection xmlns=\"urn:hl7finland\">.*</signatureCollection>", "")
                .replaceAll("(?s)<ep2:json[^>]*>.*</ep2:json>", "")
                .replaceFirst("(?s)(<text mediaType=\")application/xhtml\\+xml(\" representation=\"B64\">)[^<]+",
                        "$1application/pdf$2" + Base64.getEncoder().encodeToString(pdf));
        Path file = Files.writeString(dir.resolve("large.xml"), unstructured);
        CdaParser small = new CdaParser(new CdaParserLimits(16 * 1024, 64, 256, 1L << 32));
        assertThat(Files.size(file)).isGreaterThan(16 * 1024);

        // when
        ParsedDocument streamed = small.parse(file, dir.resolve("display.pdf"));

        // then
        assertThat(streamed.isStreamed()).isTrue();
        assertThatCode(() -> check.check(streamed, ONLINE, new ValidationReport())).doesNotThrowAnyException();
    }

    @Test
    void theMigrationWhichWrapsAndSignsItselfIsNotChecked() {
        ParsedDocument document = withXhtml("<div xmlns=\"http://www.w3.org/1999/xhtml\"><pre>Vanha asiakirja</pre></div>");

        assertThatCode(() -> check.check(document, Intake.migration(Instant.now()), new ValidationReport()))
                .doesNotThrowAnyException();
    }

    private ArchiveException refusal(ParsedDocument document) {
        ArchiveException refusal = catchThrowableOfType(() -> check.check(document, ONLINE, new ValidationReport()),
                ArchiveException.class);
        assertThat(refusal).as("the check must refuse").isNotNull();
        return refusal;
    }

    private static ParsedDocument withXhtml(String xhtml) {
        return new ParsedDocument(SAMPLE.metadata(), xhtml.getBytes(StandardCharsets.UTF_8), DisplayFormCheck.XHTML_MEDIA_TYPE,
                SAMPLE.structuredForm(), SAMPLE.dom());
    }

    private static ParsedDocument withPdf(String text) throws IOException {
        return new ParsedDocument(SAMPLE.metadata(), pdf(text, 1), DisplayFormCheck.PDF_MEDIA_TYPE, null, SAMPLE.dom());
    }

    /** A PDF of {@code pages} pages: {@code text} on the first, filler on the others. */
    static byte[] pdf(String text, int pages) throws IOException {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < pages; i++) {
                PDPage page = new PDPage();
                pdf.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    content.newLineAtOffset(50, 700);
                    content.showText(i == 0 ? text : "Sivu " + (i + 1) + ": kirjauksen jatko, ei tunnisteita.");
                    content.endText();
                }
            }
            pdf.save(out);
            return out.toByteArray();
        }
    }
}
