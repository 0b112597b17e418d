package fi.arkisto.store.display;

import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DisplayFormSafetyTest {

    private static final CdaParser PARSER = new CdaParser();
    private final DisplayFormSafety safety = new DisplayFormSafety();
    private final DisplayFormCheck check = new DisplayFormCheck(safety);

    static byte[] resource(String name) {
        try (InputStream in = DisplayFormSafetyTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] form(String body) {
        return ("<div xmlns=\"http://www.w3.org/1999/xhtml\"><h1>Päätös</h1>" + body + "</div>")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theRealSampleDisplayFormIsSafeWithItsLeadingLineBreaksCommentsAndPngLogo() {
        // given the real sample: CRLFs before the root, comments, a data:image/png logo
        ParsedDocument sample = PARSER.parse(resource("kanta/asiakkuusasiakirja_S.xml"));
        assertThat(new String(sample.displayForm(), 0, 4, StandardCharsets.UTF_8)).isEqualTo("\r\n\r\n");
        assertThat(new String(sample.displayForm(), StandardCharsets.UTF_8)).contains("<!--").contains("data:image/png;base64,");

        // when / then
        assertThatCode(() -> check.check(sample, new ValidationReport())).doesNotThrowAnyException();
    }

    @Test
    void aGeneratedDisplayFormIsSafe() {
        ParsedDocument generated = PARSER.parse(resource("structure/generated-case-plan.xml"));
        assertThatCode(() -> check.check(generated, new ValidationReport())).doesNotThrowAnyException();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "display-blank.xml | DISPLAY_FORM_MISSING | empty",
            "display-malformed.xml | DISPLAY_FORM_MALFORMED | not well-formed",
            "display-not-xhtml-namespace.xml | DISPLAY_FORM_MALFORMED | XHTML namespace",
            "display-doctype-internal-subset.xml | DISPLAY_FORM_MALFORMED | document type declaration",
            "display-wrong-media-type.xml | DISPLAY_FORM_MALFORMED | text/html",
            "display-script.xml | DISPLAY_FORM_UNSAFE | <script>",
            "display-onclick.xml | DISPLAY_FORM_UNSAFE | event handler attribute onclick",
            "display-external-image.xml | DISPLAY_FORM_UNSAFE | external reference (https:) in the src of <img>",
            "display-protocol-relative-image.xml | DISPLAY_FORM_UNSAFE | protocol-relative",
            "display-svg-data-image.xml | DISPLAY_FORM_UNSAFE | image/svg+xml",
            "display-javascript-link.xml | DISPLAY_FORM_UNSAFE | javascript: URI",
            "display-data-text-link.xml | DISPLAY_FORM_UNSAFE | data: URI",
            "display-external-link.xml | DISPLAY_FORM_UNSAFE | external reference (http:) in the href",
            "display-external-css-url.xml | DISPLAY_FORM_UNSAFE | CSS url()",
            "display-style-import.xml | DISPLAY_FORM_UNSAFE | @import",
            "display-css-escape.xml | DISPLAY_FORM_UNSAFE | CSS escape",
            "display-iframe.xml | DISPLAY_FORM_UNSAFE | <iframe>",
            "display-object.xml | DISPLAY_FORM_UNSAFE | <object>",
            "display-form.xml | DISPLAY_FORM_UNSAFE | <form>",
            "display-meta-refresh.xml | DISPLAY_FORM_UNSAFE | <meta>",
            "display-base.xml | DISPLAY_FORM_UNSAFE | <base>",
            "display-link-stylesheet.xml | DISPLAY_FORM_UNSAFE | <link>",
            "display-svg-element.xml | DISPLAY_FORM_UNSAFE | <svg>",
            "display-xlink-href.xml | DISPLAY_FORM_UNSAFE | xlink:href",
            "display-xml-stylesheet-pi.xml | DISPLAY_FORM_UNSAFE | processing instruction",
            "display-conditional-comment.xml | DISPLAY_FORM_UNSAFE | conditional comment",
    })
    void refusesACraftedDisplayFormNamingTheConstruct(String file, ErrorCode code, String construct) {
        // given a generated document whose display form was altered in one respect
        ParsedDocument document = PARSER.parse(resource("hostile/" + file));

        // when / then
        assertThatThrownBy(() -> check.check(document, new ValidationReport()))
                .isInstanceOfSatisfying(ArchiveException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(construct);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<a href=\"JaVaScRiPt:alert(1)\">x</a>",
            "<a href=\" javascript:alert(1)\">x</a>",
            "<a href=\"jav&#x0A;ascript:alert(1)\">x</a>",
            "<a href=\"vbscript:msgbox(1)\">x</a>",
            "<a href=\"sivu.html\">x</a>",
            "<img src=\"logo.png\" alt=\"\"/>",
            "<img src=\"file:///etc/passwd\" alt=\"\"/>",
            "<img src=\"ftp://example.org/x.png\" alt=\"\"/>",
            "<p style=\"width: expression(alert(1))\">x</p>",
            "<p style=\"background-image: url(//tracker.example/x.png)\">x</p>",
            "<p style=\"background: URL( 'http://tracker.example/x.png' )\">x</p>",
            "<p style=\"-moz-binding: url(x.xml#xss)\">x</p>",
            "<style>p { background: url(http://tracker.example/x.png) }</style>",
            "<style>/* */@im/**/port 'x.css';</style>",
            "<p onmouseover=\"alert(1)\">x</p>",
            "<p ONLOAD=\"alert(1)\">x</p>",
            "<p formaction=\"https://evil.example/\">x</p>",
            "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>x</mi></math>",
            "<x:script xmlns:x=\"http://www.w3.org/1999/xhtml\">alert(1)</x:script>",
            "<marquee>x</marquee>",
    })
    void refusesUnsafeConstructsInEveryDisguise(String snippet) {
        assertThatThrownBy(() -> safety.check(form(snippet)))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DISPLAY_FORM_UNSAFE));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<p>Teksti <b>lihavoitu</b> ja <i>kursiivi</i>.</p>",
            "<table border=\"1\"><tr><th scope=\"col\">Pvm</th></tr><tr><td colspan=\"2\">1.1.2026</td></tr></table>",
            "<a href=\"#osio2\">Siirry</a><div id=\"osio2\">Osio</div>",
            "<a href=\"mailto:kirjaamo@example.org\">kirjaamo</a>",
            "<img src=\"data:image/jpeg;base64,/9j/4AAQ\" alt=\"kuva\"/>",
            "<img src=\"data:image/gif;base64,R0lGODlhAQABAAAAACw=\" alt=\"kuva\"/>",
            "<p style=\"color: #333; font-weight: bold\">x</p>",
            "<style type=\"text/css\">.soc-header { margin: 0 }</style>",
            "<p xml:lang=\"sv\" lang=\"sv\" data-field=\"x\" aria-label=\"x\">Beslut</p>",
            "<style type=\"text/css\"><![CDATA[ .soc-header { margin: 0 } ]]></style>",
            "<!-- kommentti -->",
    })
    void acceptsOrdinaryPresentationalXhtml(String snippet) {
        assertThatCode(() -> safety.check(form(snippet))).doesNotThrowAnyException();
    }

    @Test
    void acceptsTheStandardXhtmlDocumentTypeButNoOtherDtd() {
        byte[] xhtml11 = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.1//EN\" "
                + "\"http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd\">\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"
                + "<head><title>Päätös</title></head><body><p>Päätös</p></body></html>").getBytes(StandardCharsets.UTF_8);
        assertThatCode(() -> safety.check(xhtml11)).doesNotThrowAnyException();

        byte[] system = ("<!DOCTYPE html SYSTEM \"http://127.0.0.1:9/x.dtd\"><html xmlns=\"http://www.w3.org/1999/xhtml\">"
                + "<body><p>x</p></body></html>").getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> safety.check(system)).isInstanceOfSatisfying(ArchiveException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.DISPLAY_FORM_MALFORMED));
    }

    @Test
    void aDisplayFormThatShowsNothingIsMissing() {
        assertThatThrownBy(() -> safety.check("<div xmlns=\"http://www.w3.org/1999/xhtml\"><p> </p></div>"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOfSatisfying(ArchiveException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.DISPLAY_FORM_MISSING));
    }
}
