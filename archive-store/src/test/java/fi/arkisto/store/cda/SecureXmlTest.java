package fi.arkisto.store.cda;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.xml.sax.Attributes;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static fi.arkisto.store.cda.CdaParserRealSampleTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The hardened parser every module uses for outside XML: the tree it builds must be the tree a
 * plain JDK DocumentBuilder builds (signature verification canonicalises it), and its limits
 * must hold exactly at their boundaries.
 */
class SecureXmlTest {

    private static final byte[] TRICKY = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\r\n"
            + "<?xml-stylesheet href=\"x.xsl\"?>\r\n<!-- before the root -->\r\n"
            + "<r:root xmlns:r=\"urn:r\" xmlns=\"urn:default\" xmlns:x=\"urn:x\" x:a=\"1\" b=\"&lt;&amp;&#x41;\t\">\r\n"
            + "\t<child attr='single'>text &amp; more&#10;<![CDATA[<raw> & ]]>tail</child>\r\n"
            + "\t<!-- inside -->\r\n\t<?pi data?>\r\n"
            + "\t<x:other xmlns=\"\">no namespace <empty/></x:other>\r\n"
            + "  \u00e4\u00f6\u00c5 \ud83d\ude00\r\n</r:root>\r\n<!-- after -->")
            .getBytes(StandardCharsets.UTF_8);

    /** A trusted-input reference parser: the JDK defaults, namespace-aware. */
    private static Document referenceParse(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    @Test
    void buildsTheSameTreeAsTheJdkDocumentBuilderForTheRealSample() throws Exception {
        // given the real signed sample
        byte[] sample = read(CdaParserRealSampleTest.SAMPLE);

        // when parsed by both, then the trees are equal node for node (whitespace, comments,
        // namespace declarations and all)
        Document secure = SecureXml.parseDocument(sample);
        assertThat(secure.isEqualNode(referenceParse(sample))).isTrue();
    }

    @Test
    void buildsTheSameTreeAsTheJdkDocumentBuilderForCommentsCdataEntitiesAndNamespaces() throws Exception {
        // given XML with every kind of node and escape a document may contain
        // when parsed by both
        Document secure = SecureXml.parseDocument(TRICKY);
        Document reference = referenceParse(TRICKY);

        // then the trees are equal, and the details are as written
        assertThat(secure.isEqualNode(reference)).isTrue();
        assertThat(secure.getDocumentElement().getAttribute("b")).isEqualTo("<&A ");
        assertThat(secure.getDocumentElement().getAttributeNodeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "x"))
                .isNotNull();
        Node child = secure.getDocumentElement().getElementsByTagNameNS("urn:default", "child").item(0);
        assertThat(child.getChildNodes().getLength()).isEqualTo(3);
        assertThat(child.getChildNodes().item(1).getNodeType()).isEqualTo(Node.CDATA_SECTION_NODE);
        assertThat(secure.getElementsByTagNameNS("", "empty").getLength()).isEqualTo(1);
        assertThat(secure.getChildNodes().getLength()).isEqualTo(4);
    }

    @Test
    void readsDocumentsInTheEncodingTheyDeclare() throws Exception {
        // given the same text in ISO-8859-1 and in UTF-16 with a byte order mark
        String text = "<?xml version=\"1.0\" encoding=\"%s\"?><title xmlns=\"urn:hl7-org:v3\">Hyvinvointialue ä ö</title>";
        byte[] latin1 = String.format(text, "ISO-8859-1").getBytes(StandardCharsets.ISO_8859_1);
        byte[] utf16 = String.format(text, "UTF-16").getBytes(StandardCharsets.UTF_16);

        // when parsed, then both read the same characters
        assertThat(SecureXml.parseDocument(latin1).getDocumentElement().getTextContent()).isEqualTo("Hyvinvointialue ä ö");
        assertThat(SecureXml.parseDocument(utf16).getDocumentElement().getTextContent()).isEqualTo("Hyvinvointialue ä ö");
    }

    @Test
    void acceptsNestingExactlyAtTheLimitAndRefusesOneLevelMore() {
        XmlLimits limits = XmlLimits.defaults().withMaxDepth(10);

        // given documents 10 and 11 elements deep, when parsed, then
        assertThat(SecureXml.parseDocument(depth(10), limits).getElementsByTagName("e").getLength()).isEqualTo(10);
        ArchiveException refusal = catchThrowableOfType(() -> SecureXml.parseDocument(depth(11), limits),
                ArchiveException.class);
        assertThat(refusal.code()).isEqualTo(ErrorCode.XML_TOO_DEEP);
        assertThat(refusal.getMessage()).contains("line 1");
    }

    @Test
    void acceptsASizeExactlyAtTheLimitAndRefusesOneByteMore() {
        byte[] xml = "<r>0123456789</r>".getBytes(StandardCharsets.UTF_8);

        assertThat(SecureXml.parseDocument(xml, XmlLimits.defaults().withMaxBytes(xml.length))).isNotNull();
        ArchiveException refusal = catchThrowableOfType(
                () -> SecureXml.parseDocument(xml, XmlLimits.defaults().withMaxBytes(xml.length - 1)),
                ArchiveException.class);
        assertThat(refusal.code()).isEqualTo(ErrorCode.DOCUMENT_TOO_LARGE);
    }

    @Test
    void refusesAnElementWithTooManyAttributes() {
        // given an element with 257 attributes (the default allows 256)
        StringBuilder xml = new StringBuilder("<r");
        for (int i = 0; i < 257; i++) {
            xml.append(" a").append(i).append("=\"").append(i).append('"');
        }
        xml.append("/>");

        // when parsed, then
        ArchiveException refusal = catchThrowableOfType(
                () -> SecureXml.parseDocument(xml.toString().getBytes(StandardCharsets.UTF_8)), ArchiveException.class);
        assertThat(refusal.code()).isEqualTo(ErrorCode.MALFORMED_XML);
        assertThat(refusal.getMessage()).contains("257 attributes");
    }

    @Test
    void leavesXIncludeElementsUnprocessed() throws Exception {
        // given a document that tries to include a local file
        Document dom = SecureXml.parseDocument(read("/hostile/xinclude.xml"));

        // then the include stays an inert element and no file content is in the tree
        assertThat(dom.getElementsByTagNameNS("http://www.w3.org/2001/XInclude", "include").getLength()).isEqualTo(1);
        assertThat(dom.getDocumentElement().getTextContent()).doesNotContain("root:");
    }

    @Test
    void reportsLineAndColumnOfMalformedXml() {
        // given an unclosed element on line 3
        byte[] xml = "<a>\n<b>\n<c></b>\n</a>".getBytes(StandardCharsets.UTF_8);

        // when parsed, then
        ArchiveException refusal = catchThrowableOfType(() -> SecureXml.parseDocument(xml), ArchiveException.class);
        assertThat(refusal.code()).isEqualTo(ErrorCode.MALFORMED_XML);
        assertThat(refusal.getMessage()).contains("line 3, column");
    }

    @Test
    void streamsThroughAHandlerUnderTheSameGuards() {
        // given a handler that collects element names
        List<String> names = new ArrayList<>();
        DefaultHandler collector = new DefaultHandler() {
            @Override
            public void startElement(String uri, String localName, String qName, Attributes attributes) {
                names.add(localName);
            }
        };

        // when a harmless and a DOCTYPE document are streamed
        SecureXml.parse("<a><b/><c/></a>".getBytes(StandardCharsets.UTF_8), XmlLimits.defaults(), collector);
        ArchiveException refusal = catchThrowableOfType(() -> SecureXml.parse(
                "<!DOCTYPE a><a/>".getBytes(StandardCharsets.UTF_8), XmlLimits.defaults(), collector),
                ArchiveException.class);

        // then the first arrives, the second is refused before its root element
        assertThat(names).containsExactly("a", "b", "c");
        assertThat(refusal.code()).isEqualTo(ErrorCode.XML_DTD_FORBIDDEN);
    }

    @Test
    void letsAHandlerParseAnotherDocumentWhileStreaming() {
        // given a handler that parses a nested document (e.g. a display form) per element
        List<String> nestedRoots = new ArrayList<>();
        DefaultHandler nesting = new DefaultHandler() {
            @Override
            public void startElement(String uri, String localName, String qName, Attributes attributes) {
                nestedRoots.add(SecureXml.parseDocument(("<n" + localName + "/>").getBytes(StandardCharsets.UTF_8))
                        .getDocumentElement().getTagName());
            }
        };

        // when streamed
        SecureXml.parse("<a><b/></a>".getBytes(StandardCharsets.UTF_8), XmlLimits.defaults(), nesting);

        // then both the outer stream and the nested parses completed
        assertThat(nestedRoots).containsExactly("na", "nb");
    }

    @Test
    void propagatesAHandlersOwnRefusalUnchanged() {
        DefaultHandler refusing = new DefaultHandler() {
            @Override
            public void startElement(String uri, String localName, String qName, Attributes attributes) {
                throw new ArchiveException(ErrorCode.FRAME_INVALID, "not a frame");
            }
        };
        ArchiveException refusal = catchThrowableOfType(() -> SecureXml.parse(
                "<a/>".getBytes(StandardCharsets.UTF_8), XmlLimits.defaults(), refusing), ArchiveException.class);
        assertThat(refusal.code()).isEqualTo(ErrorCode.FRAME_INVALID);
        // and the thread's parser still works afterwards
        assertThat(SecureXml.parseDocument("<ok/>".getBytes(StandardCharsets.UTF_8))).isNotNull();
    }

    @Test
    void parsesConcurrentlyWithoutMixingDocuments() throws Exception {
        // given the real sample and a small document, parsed alternately by four threads
        byte[] sample = read(CdaParserRealSampleTest.SAMPLE);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                boolean big = i % 2 == 0;
                results.add(pool.submit(() -> big
                        // each task its own reference: even reading a Xerces DOM mutates its caches
                        ? SecureXml.parseDocument(sample).isEqualNode(referenceParse(sample))
                        : "small".equals(SecureXml.parseDocument("<small/>".getBytes(StandardCharsets.UTF_8))
                        .getDocumentElement().getTagName())));
            }
            // then every parse produced its own, complete tree
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"xxe-external-entity.xml", "xxe-parameter-entity-external-dtd.xml", "billion-laughs.xml",
            "parameter-entity-bomb.xml", "plain-doctype.xml"})
    void refusesEveryDtdFixtureWhenPullParsing(String file) throws Exception {
        // given a StAX reader over a hostile fixture
        XMLStreamReader reader = SecureXml.createStreamReader(read("/hostile/" + file), XmlLimits.defaults());

        // when pulled to the end, then the DTD ends it
        ArchiveException refusal = catchThrowableOfType(() -> {
            while (reader.hasNext()) {
                reader.next();
            }
        }, ArchiveException.class);
        assertThat(refusal.code()).isEqualTo(ErrorCode.XML_DTD_FORBIDDEN);
    }

    @Test
    void pullParsesTheRealSampleElementForElement() throws Exception {
        // given the real sample
        byte[] sample = read(CdaParserRealSampleTest.SAMPLE);
        XMLStreamReader reader = SecureXml.createStreamReader(sample, XmlLimits.defaults());

        // when pulled with nextTag and getElementText
        reader.nextTag();
        int elements = 1;
        String contentSpecification = null;
        while (reader.hasNext()) {
            if (reader.next() == XMLStreamConstants.START_ELEMENT) {
                elements++;
                if ("contentSpecificationId".equals(reader.getLocalName())) {
                    contentSpecification = reader.getElementText();
                }
            }
        }

        // then it saw every element the DOM has, and read text through the guard
        assertThat(elements).isEqualTo(SecureXml.parseDocument(sample).getElementsByTagName("*").getLength());
        assertThat(contentSpecification).isEqualTo("1.2.246.537.6.1505.1.2023.6.1");
    }

    @Test
    void stopsPullParsingAtTheDepthLimitAndOnMalformedXml() {
        XMLStreamReader deep = SecureXml.createStreamReader(depth(11), XmlLimits.defaults().withMaxDepth(10));
        ArchiveException tooDeep = catchThrowableOfType(() -> {
            while (deep.hasNext()) {
                deep.next();
            }
        }, ArchiveException.class);
        assertThat(tooDeep.code()).isEqualTo(ErrorCode.XML_TOO_DEEP);

        XMLStreamReader broken = SecureXml.createStreamReader("<a>\n<b></a>".getBytes(StandardCharsets.UTF_8),
                XmlLimits.defaults());
        ArchiveException malformed = catchThrowableOfType(() -> {
            while (broken.hasNext()) {
                broken.next();
            }
        }, ArchiveException.class);
        assertThat(malformed.code()).isEqualTo(ErrorCode.MALFORMED_XML);
        assertThat(malformed.getMessage()).contains("line 2");
    }

    @Test
    void startsTheThreadsParserAfreshAfterABoundedAmountOfInput() {
        // given this thread's parser after a small document
        SecureXml.parseDocument("<a/>".getBytes(StandardCharsets.UTF_8));
        Object before = SecureXml.threadParsers();

        // when another small document is parsed, then the parser is reused
        SecureXml.parseDocument("<b/>".getBytes(StandardCharsets.UTF_8));
        assertThat(SecureXml.threadParsers()).isSameAs(before);

        // when a document with more than RENEW_AFTER_BYTES of unique names is parsed (a reused
        // Xerces parser would keep all of them in its symbol table for the thread's lifetime)
        StringBuilder names = new StringBuilder("<r>");
        for (int i = 0; names.length() <= SecureXml.RENEW_AFTER_BYTES; i++) {
            names.append("<unique").append(i).append("/>");
        }
        SecureXml.parseDocument(names.append("</r>").toString().getBytes(StandardCharsets.UTF_8));

        // then the next parse runs on a new parser
        assertThat(SecureXml.threadParsers()).isNotSameAs(before);
    }

    private static byte[] depth(int levels) {
        return ("<e>".repeat(levels) + "</e>".repeat(levels)).getBytes(StandardCharsets.UTF_8);
    }
}
