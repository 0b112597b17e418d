package fi.arkisto.store.cda;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static fi.arkisto.store.cda.CdaParserRealSampleTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Markup that browsers or XML processors act on, and control characters, are refused anywhere in a CDA document
 * outside its encoded display form, on the in-memory read and on the streamed read of large documents alike; what
 * the archive already holds stays readable.
 */
class ActiveContentTest {

    private static final String PLAN = "/structure/generated-case-plan.xml";
    private static final String TITLE = "\t<title>Asiakassuunnitelma</title>\n";

    private static final java.util.regex.Pattern STRUCTURED_FORM =
            java.util.regex.Pattern.compile("<(\\w+:)?json\\b.*?</(\\w+:)?json>", java.util.regex.Pattern.DOTALL);

    private final CdaParser parser = new CdaParser();

    @ParameterizedTest(name = "{0} is refused with {1}")
    @CsvSource({
            "active-xhtml-script-in-header.xml, ACTIVE_CONTENT_FORBIDDEN",
            "active-svg-in-body.xml, ACTIVE_CONTENT_FORBIDDEN",
            "active-mathml-in-header.xml, ACTIVE_CONTENT_FORBIDDEN",
            "active-xlink-attribute.xml, ACTIVE_CONTENT_FORBIDDEN",
            "active-xslt-in-header.xml, ACTIVE_CONTENT_FORBIDDEN",
            "active-xinclude-in-header.xml, ACTIVE_CONTENT_FORBIDDEN",
            "active-xml-stylesheet-pi.xml, ACTIVE_CONTENT_FORBIDDEN",
            "active-processing-instruction-in-body.xml, ACTIVE_CONTENT_FORBIDDEN",
            "control-character-xml11-title.xml, CONTROL_CHARACTER_FORBIDDEN",
            "control-character-c1-attribute.xml, CONTROL_CHARACTER_FORBIDDEN",
    })
    void refusesEachActiveContentFixture(String file, ErrorCode expected) throws IOException {
        // given a generated document altered in exactly one respect
        byte[] xml = read("/hostile/" + file);

        // when parsed, then it is refused with its code, naming the construct but none of the document's text
        ArchiveException refusal = refusalOf(xml);
        assertThat(refusal.code()).as(refusal.getMessage()).isEqualTo(expected);
        assertThat(refusal.getMessage()).doesNotContain("evil.example").doesNotContain("document.cookie");
    }

    @ParameterizedTest(name = "streamed: {0} is refused with {1}")
    @CsvSource({
            "active-xhtml-script-in-header.xml, ACTIVE_CONTENT_FORBIDDEN",
            "active-mathml-in-header.xml, ACTIVE_CONTENT_FORBIDDEN",
            "active-xlink-attribute.xml, ACTIVE_CONTENT_FORBIDDEN",
            "active-xslt-in-header.xml, ACTIVE_CONTENT_FORBIDDEN",
            "active-xinclude-in-header.xml, ACTIVE_CONTENT_FORBIDDEN",
            "active-xml-stylesheet-pi.xml, ACTIVE_CONTENT_FORBIDDEN",
            "control-character-xml11-title.xml, CONTROL_CHARACTER_FORBIDDEN",
            "control-character-c1-attribute.xml, CONTROL_CHARACTER_FORBIDDEN",
            // the streamed body admits only one Base64 text: anything else in it is refused before it is judged
            "active-svg-in-body.xml, DOCUMENT_TOO_LARGE",
            "active-processing-instruction-in-body.xml, DOCUMENT_TOO_LARGE",
    })
    void theStreamedReadOfLargeDocumentsRefusesThemToo(String file, ErrorCode expected, @TempDir Path dir) throws IOException {
        // given the fixture as a file without its structured form (the streamed Kanta body is the display form alone),
        // read as a document above the in-memory limit is (body streamed)
        Path cda = Files.write(dir.resolve(file), withoutStructuredForm(read("/hostile/" + file)));

        // when
        ArchiveException refusal = catchThrowableOfType(() -> parser.parseStreamed(cda, dir.resolve("display.bin"),
                CdaParserLimits.defaults()), ArchiveException.class);

        // then
        assertThat(refusal).isNotNull();
        assertThat(refusal.code()).as(refusal.getMessage()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // near spellings of the XHTML namespace that a lenient processor might still honour
            "<h:p xmlns:h=\"HTTP://WWW.W3.ORG/1999/XHTML/\">x</h:p>",
            "<h:p xmlns:h=\"https://www.w3.org/1999/xhtml\">x</h:p>",
            "<h:p xmlns:h=\" http://www.w3.org/1999/xhtml \">x</h:p>",
            // an attribute of an active namespace on a CDA element
            "<languageCode xmlns:h=\"http://www.w3.org/1999/xhtml\" h:onclick=\"x()\" code=\"fi\"/>",
            "<languageCode xmlns:ev=\"http://www.w3.org/2001/xml-events\" ev:event=\"load\" code=\"fi\"/>",
            // namespaces of other processors
            "<xf:model xmlns:xf=\"http://www.w3.org/2002/xforms\"/>",
            "<v:shape xmlns:v=\"urn:schemas-microsoft-com:vml\"/>",
            "<fo:root xmlns:fo=\"http://www.w3.org/1999/XSL/Format\"/>",
            "<x:window xmlns:x=\"http://www.mozilla.org/keymaster/gatekeeper/there.is.only.xul\"/>",
            // any processing instruction, inside the header as well
            "<?vendor-hint render?>"})
    void refusesActiveMarkupWrittenInOtherWays(String snippet) throws IOException {
        // given the snippet in the header of a generated document
        byte[] xml = withInHeader(snippet);

        // when parsed, then
        assertThat(refusalOf(xml).code()).isEqualTo(ErrorCode.ACTIVE_CONTENT_FORBIDDEN);
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"7F", "85", "9B"})
    void refusesControlCharactersXml10LetThrough(String hex) throws IOException {
        // given a title with DEL or a C1 control, both legal characters of XML 1.0
        char control = (char) Integer.parseInt(hex, 16);
        String plan = new String(read(PLAN), StandardCharsets.UTF_8);
        byte[] xml = plan.replace(TITLE, "\t<title>Asiakas" + control + "suunnitelma</title>\n").getBytes(StandardCharsets.UTF_8);

        // when parsed, then the character is named by its code point and nothing is stored into metadata
        ArchiveException refusal = refusalOf(xml);
        assertThat(refusal.code()).isEqualTo(ErrorCode.CONTROL_CHARACTER_FORBIDDEN);
        assertThat(refusal.getMessage()).contains("U+00" + hex).contains("/ClinicalDocument/title");
    }

    @Test
    void acceptsAnUnusedDeclarationOfAnActiveNamespace() throws IOException {
        // given a declaration that no element or attribute uses (inert; some tools emit such declarations)
        byte[] xml = withInHeader("<languageCode xmlns:svg=\"http://www.w3.org/2000/svg\" code=\"fi\"/>");

        // when parsed, then nothing is refused for it (the document's own languageCode stays the only one read)
        String plan = new String(xml, StandardCharsets.UTF_8).replace("\t<languageCode code=\"fi\"/>\n", "");
        assertThatCode(() -> parser.parse(plan.getBytes(StandardCharsets.UTF_8))).doesNotThrowAnyException();
    }

    @Test
    void acceptsTheRealSampleAndTheGeneratedDocumentsOnBothReads(@TempDir Path dir) throws IOException {
        for (String resource : new String[]{"/kanta/asiakkuusasiakirja_S.xml", PLAN}) {
            byte[] xml = read(resource);
            assertThatCode(() -> parser.parse(xml)).as(resource).doesNotThrowAnyException();
            Path file = Files.write(dir.resolve("doc.xml"), withoutStructuredForm(xml));
            assertThatCode(() -> parser.parseStreamed(file, dir.resolve("display.bin"), CdaParserLimits.defaults()))
                    .as(resource + " streamed").doesNotThrowAnyException();
        }
    }

    @Test
    void aDocumentTheArchiveAlreadyHoldsStaysReadable() throws IOException {
        // given a document an earlier release archived with a style sheet instruction
        byte[] xml = read("/hostile/active-xml-stylesheet-pi.xml");

        // when read back to decode its display form, then it is read (serving it inert is the read path's concern)
        ParsedDocument parsed = parser.readArchived(xml);
        assertThat(parsed.displayForm()).isNotEmpty();
    }

    private ArchiveException refusalOf(byte[] xml) {
        ArchiveException refusal = catchThrowableOfType(() -> parser.parse(xml), ArchiveException.class);
        assertThat(refusal).as("the parser must refuse the document").isNotNull();
        return refusal;
    }

    private static byte[] withoutStructuredForm(byte[] xml) {
        String text = new String(xml, StandardCharsets.UTF_8);
        return STRUCTURED_FORM.matcher(text).replaceFirst("").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] withInHeader(String snippet) throws IOException {
        String plan = new String(read(PLAN), StandardCharsets.UTF_8);
        return plan.replace(TITLE, TITLE + "\t" + snippet + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
