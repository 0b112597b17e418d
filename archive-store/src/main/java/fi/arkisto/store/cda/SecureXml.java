package fi.arkisto.store.cda;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.IdentityCodeRedaction;
import org.apache.commons.io.input.BoundedInputStream;
import org.w3c.dom.DOMException;
import org.w3c.dom.Document;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.ext.DefaultHandler2;
import org.xml.sax.ext.LexicalHandler;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Hardened XML parsing for everything the archive reads from outside: CDA documents, HL7 v3
 * message frames, XHTML display forms (invariant 7 (docs/invariants.md): hostile XML gets a clear error and
 * changes nothing).
 *
 * <ul>
 *   <li>No document type declarations at all: a {@code DOCTYPE} is refused with
 *       {@link ErrorCode#XML_DTD_FORBIDDEN} the moment the parser reports it, before its internal
 *       subset is read, so external entities (XXE), external DTDs, parameter entities and entity
 *       expansion bombs are never declared, fetched or expanded. External DTD and schema access
 *       is additionally switched off, XInclude is off, secure processing is on, and every entity
 *       resolution is refused.</li>
 *   <li>Input larger than {@link XmlLimits#maxBytes()} is refused before parsing
 *       ({@link ErrorCode#DOCUMENT_TOO_LARGE}).</li>
 *   <li>Nesting deeper than {@link XmlLimits#maxDepth()} is refused while streaming
 *       ({@link ErrorCode#XML_TOO_DEEP}): the SAX parser keeps its element stack on the heap, and
 *       the tree is never built past the limit, so no recursion can blow the stack.</li>
 *   <li>Anything not well-formed is {@link ErrorCode#MALFORMED_XML} with line and column.</li>
 * </ul>
 *
 * <p>The DOM is built from the SAX events in one pass: namespace-aware, whitespace, comments,
 * CDATA sections and processing instructions kept exactly as the parser reports them, as a
 * {@code DocumentBuilder} would, because signature verification canonicalises the original tree.
 *
 * <p>Three ways in, all with the same guards: {@link #parseDocument} (DOM), {@link #parse} (SAX
 * events into a handler) and {@link #createStreamReader} (StAX pull parsing).
 *
 * <p>Thread-safe. Factories are created once; each thread reuses its own parser.
 */
public final class SecureXml {

    private static final String FEATURE_NAMESPACE_PREFIXES = "http://xml.org/sax/features/namespace-prefixes";
    private static final String FEATURE_EXTERNAL_GENERAL_ENTITIES = "http://xml.org/sax/features/external-general-entities";
    private static final String FEATURE_EXTERNAL_PARAMETER_ENTITIES =
            "http://xml.org/sax/features/external-parameter-entities";
    private static final String FEATURE_LOAD_EXTERNAL_DTD = "http://apache.org/xml/features/nonvalidating/load-external-dtd";
    private static final String PROPERTY_LEXICAL_HANDLER = "http://xml.org/sax/properties/lexical-handler";

    private static final SAXParserFactory SAX_FACTORY = newSaxParserFactory();
    private static final DocumentBuilderFactory DOM_FACTORY = newDocumentBuilderFactory();
    private static final ThreadLocal<Parsers> PARSERS = ThreadLocal.withInitial(Parsers::new);
    static final long RENEW_AFTER_BYTES = 256 * 1024;
    // The JDK does not promise that a configured XMLInputFactory is thread-safe: one per thread.
    private static final ThreadLocal<XMLInputFactory> STAX_FACTORY = ThreadLocal.withInitial(SecureXml::newStaxFactory);

    private SecureXml() {
    }

    /** Parses with {@link XmlLimits#defaults()}. */
    public static Document parseDocument(byte[] xml) {
        return parseDocument(xml, XmlLimits.defaults());
    }

    /**
     * Parses untrusted bytes (any encoding the XML declaration or BOM names) into a
     * namespace-aware DOM.
     *
     * @throws ArchiveException {@code DOCUMENT_TOO_LARGE}, {@code XML_DTD_FORBIDDEN},
     *                          {@code XML_TOO_DEEP} or {@code MALFORMED_XML}
     */
    public static Document parseDocument(byte[] xml, XmlLimits limits) {
        Parsers use = acquire();
        try {
            Document document = use.documentBuilder.newDocument();
            run(use.reader, xml, limits, new DomBuilder(document));
            return document;
        } finally {
            release(use, xml);
        }
    }

    /**
     * Streams untrusted bytes through {@code handler} under the same guards as
     * {@link #parseDocument(byte[], XmlLimits)}. If the handler also implements
     * {@link LexicalHandler} (e.g. {@link DefaultHandler2}) it receives comments and CDATA bounds.
     * The reader is namespace-aware with the {@code namespace-prefixes} feature on, so namespace
     * declarations also appear among an element's {@link Attributes} (qName {@code xmlns...}).
     * An {@link ArchiveException} thrown by the handler propagates unchanged.
     */
    public static void parse(byte[] xml, XmlLimits limits, DefaultHandler handler) {
        Parsers use = acquire();
        try {
            run(use.reader, xml, limits, handler);
        } finally {
            release(use, xml);
        }
    }

    /**
     * Streams untrusted input through {@code handler} under the guards of
     * {@link #parse(byte[], XmlLimits, DefaultHandler)}, reading at most {@link XmlLimits#maxBytes()}
     * bytes ({@code DOCUMENT_TOO_LARGE} beyond, raised the moment the count is passed). For inputs
     * too large to hold, e.g. a CDA document whose body is a 1 GB file ({@link BodySplitter}).
     * The stream is not closed.
     */
    public static void parse(InputStream in, XmlLimits limits, DefaultHandler handler) {
        Parsers use = acquire();
        long limit = limits.maxBytes();
        // the caller owns the stream; at the limit one byte more decides: a stream that ends there is accepted
        BoundedInputStream limited;
        try {
            limited = BoundedInputStream.builder().setInputStream(in).setMaxCount(limit).setPropagateClose(false)
                    .setOnMaxCount((max, count) -> {
                        if (in.read() >= 0) {
                            throw new TooLarge("The document has more than " + limit + " bytes; at most " + limit
                                    + " are accepted");
                        }
                    })
                    .get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            run(use.reader, limited, limits, handler);
        } finally {
            release(use, limited.getCount());
        }
    }

    private static Parsers acquire() {
        Parsers parsers = PARSERS.get();
        // A handler of an outer parse on this thread may parse again (e.g. a display form
        // inside a SAX callback): the thread's reader is busy then, so use a fresh one.
        Parsers use = parsers.busy ? new Parsers() : parsers;
        use.busy = true;
        return use;
    }

    private static void release(Parsers use, byte[] xml) {
        release(use, xml == null ? 0 : xml.length);
    }

    private static void release(Parsers use, long bytes) {
        use.busy = false;
        use.bytesRead += bytes;
        // A reused Xerces parser keeps every element and attribute name it has ever seen in its
        // symbol table: documents full of unique names would make a long-lived thread's parser
        // grow without bound (measured: 1 million names retained 117 MB). Starting afresh after a
        // bounded amount of input caps that, at the cost of one parser creation (~50 us) per
        // RENEW_AFTER_BYTES.
        if (use.bytesRead > RENEW_AFTER_BYTES && PARSERS.get() == use) {
            PARSERS.remove();
        }
    }

    /** The thread's current parser set; lets tests observe when it is renewed. */
    static Object threadParsers() {
        return PARSERS.get();
    }

    /**
     * A pull parser over untrusted bytes under the same guards: a DTD, too deep nesting or too
     * many attributes end the stream with the same {@link ArchiveException} codes, and parse
     * errors surface as {@code MALFORMED_XML} (unchecked) instead of {@link XMLStreamException}.
     * For streaming large inputs without building a tree.
     */
    public static XMLStreamReader createStreamReader(byte[] xml, XmlLimits limits) {
        checkSize(xml, limits);
        try {
            return new GuardedStreamReader(STAX_FACTORY.get().createXMLStreamReader(new ByteArrayInputStream(xml)),
                    limits);
        } catch (XMLStreamException e) {
            throw GuardedStreamReader.malformed(e);
        }
    }

    private static void checkSize(byte[] xml, XmlLimits limits) {
        if (xml == null || xml.length == 0) {
            throw new ArchiveException(ErrorCode.MALFORMED_XML, "The document is empty");
        }
        if (xml.length > limits.maxBytes()) {
            throw new ArchiveException(ErrorCode.DOCUMENT_TOO_LARGE,
                    "The document has " + xml.length + " bytes; at most " + limits.maxBytes() + " are accepted");
        }
    }

    private static void run(XMLReader reader, byte[] xml, XmlLimits limits, DefaultHandler target) {
        checkSize(xml, limits);
        run(reader, new ByteArrayInputStream(xml), limits, target);
    }

    private static void run(XMLReader reader, InputStream in, XmlLimits limits, DefaultHandler target) {
        Guard guard = new Guard(target, limits);
        reader.setContentHandler(guard);
        reader.setErrorHandler(guard);
        reader.setEntityResolver(guard);
        reader.setDTDHandler(guard);
        try {
            reader.setProperty(PROPERTY_LEXICAL_HANDLER, guard);
            reader.parse(new InputSource(in));
        } catch (Refusal refusal) {
            throw new ArchiveException(refusal.code, refusal.getMessage());
        } catch (SAXParseException e) {
            throw new ArchiveException(ErrorCode.MALFORMED_XML, "Not well-formed XML at line " + e.getLineNumber()
                    + ", column " + e.getColumnNumber() + ": " + safe(e.getMessage()));
        } catch (SAXException e) {
            if (e.getException() instanceof ArchiveException archiveException) {
                throw archiveException;
            }
            throw new ArchiveException(ErrorCode.MALFORMED_XML, "Not well-formed XML: " + safe(e.getMessage()));
        } catch (CharConversionException e) {
            throw new ArchiveException(ErrorCode.MALFORMED_XML,
                    "The bytes do not match the declared character encoding: " + safe(e.getMessage()));
        } catch (TooLarge e) {
            throw new ArchiveException(ErrorCode.DOCUMENT_TOO_LARGE, e.getMessage());
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.MALFORMED_XML, "The document cannot be read: " + safe(e.getMessage()));
        } catch (DOMException e) {
            throw new ArchiveException(ErrorCode.MALFORMED_XML, "The document cannot be represented as a DOM: "
                    + safe(e.getMessage()));
        } finally {
            // Do not keep the last caller's handler (and through it, its tree) reachable from
            // the thread-local reader.
            reader.setContentHandler(NO_OP);
            reader.setErrorHandler(NO_OP);
            reader.setEntityResolver(NO_OP);
            reader.setDTDHandler(NO_OP);
            try {
                reader.setProperty(PROPERTY_LEXICAL_HANDLER, NO_OP);
            } catch (SAXException ignored) {
                // the property was accepted above; nothing to release otherwise
            }
        }
    }

    private static final DefaultHandler2 NO_OP = new DefaultHandler2();

    static String safe(String parserMessage) {
        if (parserMessage == null) {
            return "(no detail)";
        }
        String message = parserMessage.length() > 300 ? parserMessage.substring(0, 300) + "..." : parserMessage;
        return IdentityCodeRedaction.redact(message);
    }

    private static SAXParserFactory newSaxParserFactory() {
        // The JDK's own parser, whatever else is on the class path: the features below are
        // known to exist there, and a missing feature must fail at start-up, not weaken parsing.
        SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature(FEATURE_EXTERNAL_GENERAL_ENTITIES, false);
            factory.setFeature(FEATURE_EXTERNAL_PARAMETER_ENTITIES, false);
            factory.setFeature(FEATURE_LOAD_EXTERNAL_DTD, false);
            factory.setFeature(FEATURE_NAMESPACE_PREFIXES, true);
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("The JDK SAX parser does not support a required security feature", e);
        }
        return factory;
    }

    private static XMLInputFactory newStaxFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        // Without DTD support the reader reports a DOCTYPE as one DTD event, before anything in
        // it is resolved; GuardedStreamReader refuses that event.
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.IS_VALIDATING, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) -> {
            throw new XMLStreamException("External resources are never loaded");
        });
        return factory;
    }

    private static DocumentBuilderFactory newDocumentBuilderFactory() {
        // Only used to create empty documents; it never parses.
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK DOM implementation does not support secure processing", e);
        }
        return factory;
    }

    /** One thread's parser and document builder; neither is thread-safe, both are reusable. */
    private static final class Parsers {
        final XMLReader reader;
        final DocumentBuilder documentBuilder;
        boolean busy;
        long bytesRead;

        Parsers() {
            try {
                reader = SAX_FACTORY.newSAXParser().getXMLReader();
                reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
                documentBuilder = DOM_FACTORY.newDocumentBuilder();
            } catch (ParserConfigurationException | SAXException e) {
                throw new IllegalStateException("Cannot create a hardened XML parser", e);
            }
        }
    }

    /** A refusal raised from inside the parse; carries its stable code out of the SAX machinery. */
    private static final class Refusal extends SAXException {
        final ErrorCode code;

        Refusal(ErrorCode code, String message) {
            super(message);
            this.code = code;
        }
    }

    /**
     * Enforces the limits on the event stream and forwards the events to the target handler.
     * Refusing in {@link #startDTD} stops the parser right after {@code <!DOCTYPE name ids>},
     * before the internal subset or an external DTD is touched.
     */
    private static final class Guard extends DefaultHandler2 {
        private final DefaultHandler target;
        private final LexicalHandler lexicalTarget;
        private final XmlLimits limits;
        private Locator locator;
        private int depth;

        Guard(DefaultHandler target, XmlLimits limits) {
            this.target = target;
            this.lexicalTarget = target instanceof LexicalHandler lexical ? lexical : null;
            this.limits = limits;
        }

        private String where() {
            return locator == null ? "" : " at line " + locator.getLineNumber() + ", column " + locator.getColumnNumber();
        }

        @Override
        public void startDTD(String name, String publicId, String systemId) throws SAXException {
            throw new Refusal(ErrorCode.XML_DTD_FORBIDDEN, "A document type declaration was found" + where()
                    + "; DTDs and entity declarations are not accepted");
        }

        @Override
        public InputSource resolveEntity(String name, String publicId, String baseURI, String systemId)
                throws SAXException {
            throw new Refusal(ErrorCode.XML_DTD_FORBIDDEN, "An external entity or DTD was referenced" + where()
                    + "; external resources are never loaded");
        }

        @Override
        public InputSource resolveEntity(String publicId, String systemId) throws SAXException {
            return resolveEntity(null, publicId, null, systemId);
        }

        @Override
        public InputSource getExternalSubset(String name, String baseURI) throws SAXException {
            return null;
        }

        @Override
        public void notationDecl(String name, String publicId, String systemId) throws SAXException {
            throw new Refusal(ErrorCode.XML_DTD_FORBIDDEN, "A notation declaration was found" + where());
        }

        @Override
        public void unparsedEntityDecl(String name, String publicId, String systemId, String notationName)
                throws SAXException {
            throw new Refusal(ErrorCode.XML_DTD_FORBIDDEN, "An entity declaration was found" + where());
        }

        @Override
        public void skippedEntity(String name) throws SAXException {
            throw new Refusal(ErrorCode.XML_DTD_FORBIDDEN, "An entity reference was found" + where()
                    + "; entities are not accepted");
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
            target.setDocumentLocator(locator);
        }

        @Override
        public void startDocument() throws SAXException {
            depth = 0;
            target.startDocument();
        }

        @Override
        public void endDocument() throws SAXException {
            target.endDocument();
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            target.startPrefixMapping(prefix, uri);
        }

        @Override
        public void endPrefixMapping(String prefix) throws SAXException {
            target.endPrefixMapping(prefix);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes)
                throws SAXException {
            if (++depth > limits.maxDepth()) {
                throw new Refusal(ErrorCode.XML_TOO_DEEP, "The elements nest deeper than " + limits.maxDepth()
                        + " levels" + where());
            }
            if (attributes.getLength() > limits.maxAttributes()) {
                throw new Refusal(ErrorCode.MALFORMED_XML, "An element has " + attributes.getLength()
                        + " attributes; at most " + limits.maxAttributes() + " are accepted" + where());
            }
            target.startElement(uri, localName, qName, attributes);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            depth--;
            target.endElement(uri, localName, qName);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            target.characters(ch, start, length);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            target.ignorableWhitespace(ch, start, length);
        }

        @Override
        public void processingInstruction(String piTarget, String data) throws SAXException {
            target.processingInstruction(piTarget, data);
        }

        @Override
        public void startCDATA() throws SAXException {
            if (lexicalTarget != null) {
                lexicalTarget.startCDATA();
            }
        }

        @Override
        public void endCDATA() throws SAXException {
            if (lexicalTarget != null) {
                lexicalTarget.endCDATA();
            }
        }

        @Override
        public void comment(char[] ch, int start, int length) throws SAXException {
            if (lexicalTarget != null) {
                lexicalTarget.comment(ch, start, length);
            }
        }

        @Override
        public void warning(SAXParseException e) {
            // Warnings (e.g. an unusual encoding name) never refuse a document.
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            // Recoverable errors of a non-validating parser are well-formedness problems in
            // all but name (e.g. namespace constraint violations): refuse them too.
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }

    /** Carries the size refusal out of the parser, which passes I/O errors on unchanged. */
    private static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }
}
