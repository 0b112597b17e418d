package fi.arkisto.store.cda;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.hl7.Hl7Namespaces;
import org.apache.commons.io.input.BoundedInputStream;
import org.w3c.dom.Document;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.ext.DefaultHandler2;
import org.xml.sax.helpers.NamespaceSupport;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Reads a Kanta CDA document too large to hold from a stream, once (docs/legacy-package.md: a single 1 GB file streams through).
 * In a Kanta document only the Base64 display form in {@code component/nonXMLBody/text} grows with the file it
 * carries; everything else is a few kilobytes. So the splitter builds the DOM of everything else exactly as
 * {@link SecureXml#parseDocument} would (same hardening, same {@link DomBuilder}) with that text replaced by a
 * placeholder (the <em>elided</em> document, which {@link CdaParser} and the checks read as usual), and streams the
 * text itself:
 * <ul>
 *   <li>into the SHA-256 of the exclusive-C14N form of {@code nonXMLBody}, as a Kanta signature's body reference
 *       (enveloped-signature + exclusive C14N, no InclusiveNamespaces) digests it, both in the Kanta form without
 *       whitespace-only text nodes ({@code KantaCanonicalForm}) and in the literal form;</li>
 *   <li>Base64-decoded, as strictly as {@link CdaParser} decodes it, into a sink (the display form);</li>
 *   <li>optionally as characters into a writer (a signer splices them back into its output).</li>
 * </ul>
 * The SHA-256 and length of the raw input are computed on the way.
 * <p>The streamed body is restricted to what the Kanta profile uses: {@code nonXMLBody} with attributes and
 * whitespace, one {@code text} child with attributes and character content (no CDATA, comments, processing
 * instructions or child elements), no {@code hl7fi:json}. Anything else in a document read this way, and any other
 * part of it beyond the in-memory limit, is refused as {@code DOCUMENT_TOO_LARGE} with the reason.
 * <p>Not thread-safe; one splitter per document.
 */
public final class BodySplitter {

    public static final String BODY_TEXT = "component/nonXMLBody/text";
    static final String CDA = Hl7Namespaces.V3;

    private static final DocumentBuilderFactory DOM_FACTORY = newFactory();

    private BodySplitter() {
    }

    /**
     * The parts of a split document.
     *
     * @param elided            the DOM with {@code nonXMLBody/text}'s content replaced by {@code placeholder}
     * @param placeholder       the text standing in for the body text (unique, ASCII, no markup characters)
     * @param sha256            SHA-256 (hex) of the raw input
     * @param size              bytes of the raw input
     * @param displayFormBytes  length of the decoded display form (0 when not decoded)
     * @param bodyDigest        SHA-256 of the exclusive-C14N form of {@code nonXMLBody}, whitespace-only text
     *                          nodes left out (the Kanta form)
     * @param literalBodyDigest the same with whitespace-only text nodes kept (standard XML-DSig)
     * @param bodyWhitespace    whether the body has whitespace-only text nodes (the two digests differ)
     */
    public record Split(Document elided, String placeholder, String sha256, long size, long displayFormBytes,
                        byte[] bodyDigest, byte[] literalBodyDigest, boolean bodyWhitespace) {
    }

    /**
     * Splits the document read from {@code in} (not closed).
     *
     * @param limits      {@link CdaParserLimits#maxDocumentBytes()} bounds everything but the body text (characters
     *                    held); {@link CdaParserLimits#maxStreamedDocumentBytes()} bounds the raw input
     * @param displayForm receives the decoded display form; null to skip decoding (signing needs no display form)
     * @param bodyText    receives the body text's characters as parsed; null when not needed
     * @throws ArchiveException DOCUMENT_TOO_LARGE (with the reason), INVALID_BASE64, MISSING_REQUIRED_FIELD and the
     *                          codes of {@link SecureXml}
     */
    public static Split split(InputStream in, CdaParserLimits limits, OutputStream displayForm, Writer bodyText) {
        MessageDigest raw = sha256();
        // counts and hashes the raw bytes the parser reads; the caller owns the stream
        BoundedInputStream counted;
        try {
            counted = BoundedInputStream.builder().setInputStream(new DigestInputStream(in, raw))
                    .setPropagateClose(false).get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Document document;
        try {
            document = DOM_FACTORY.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        Handler handler = new Handler(document, limits, displayForm, bodyText);
        SecureXml.parse(counted, limits.toStreamedXmlLimits(), handler);
        handler.finish();
        byte[][] digests = handler.canonical.finish();
        return new Split(document, handler.placeholder, HexFormat.of().formatHex(raw.digest()), counted.getCount(),
                handler.decoder == null ? 0 : handler.decoder.written(), digests[0], digests[1], handler.bodyWhitespace);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static DocumentBuilderFactory newFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setNamespaceAware(true);
        try {
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        return factory;
    }

    private static ArchiveException tooLarge(String reason) {
        return new ArchiveException(ErrorCode.DOCUMENT_TOO_LARGE, "A document above the in-memory limit is read with "
                + "its body streamed, which needs the Kanta body form (nonXMLBody with one text child): " + reason);
    }

    /** SAX events to the elided DOM, the body's canonical form and the display form. */
    private static final class Handler extends DefaultHandler2 {

        private final DomBuilder dom;
        private final long inMemoryLimit;
        private final OutputStream displayForm;
        private final Writer bodyText;
        private final NamespaceSupport namespaces = new NamespaceSupport();
        private final List<String[]> pendingPrefixes = new ArrayList<>();
        final String placeholder = "ARKISTO-ELIDED-BODY-" + UUID.randomUUID().toString().replace("-", "");

        private long held;
        private int depth;
        /** 0 outside; 1 in nonXMLBody; 2 in its text. */
        private int bodyLevel;
        private boolean bodySeen;
        private boolean textSeen;
        private boolean textHasContent;
        private boolean rootIsCda;
        private boolean componentOpen;
        private Map<String, String> renderedInBody;
        private String bodyQName;
        private String textQName;
        boolean bodyWhitespace;
        final CanonicalDigest canonical = new CanonicalDigest(sha256());
        Base64Sink decoder;
        private Locator locator;

        Handler(org.w3c.dom.Document document, CdaParserLimits limits, OutputStream displayForm, Writer bodyText) {
            this.dom = new DomBuilder(document);
            this.inMemoryLimit = limits.maxDocumentBytes();
            this.displayForm = displayForm;
            this.bodyText = bodyText;
            this.decoder = displayForm == null ? null : new Base64Sink(displayForm);
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
            dom.setDocumentLocator(locator);
        }

        @Override
        public void startDocument() {
            dom.startDocument();
        }

        @Override
        public void endDocument() {
            dom.endDocument();
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) {
            pendingPrefixes.add(new String[] {prefix, uri});
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            namespaces.pushContext();
            for (String[] mapping : pendingPrefixes) {
                namespaces.declarePrefix(mapping[0], mapping[1]);
            }
            pendingPrefixes.clear();
            depth++;
            if (bodyLevel == 1) {
                if (!CDA.equals(uri) || !"text".equals(localName)) {
                    throw tooLarge("nonXMLBody holds " + name(uri, localName) + where());
                }
                if (textSeen) {
                    throw tooLarge("nonXMLBody holds more than one text" + where());
                }
                textSeen = true;
                bodyLevel = 2;
                textQName = qName;
                Map<String, String> rendered = new HashMap<>(renderedInBody);
                startTag(qName, attributes, rendered);
            } else if (bodyLevel == 2) {
                throw tooLarge("text holds the element " + name(uri, localName) + where());
            } else if (depth == 1) {
                rootIsCda = CDA.equals(uri) && "ClinicalDocument".equals(localName);
            } else if (depth == 2) {
                componentOpen = rootIsCda && CDA.equals(uri) && "component".equals(localName);
            } else if (depth == 3 && componentOpen && CDA.equals(uri) && "nonXMLBody".equals(localName)) {
                if (bodySeen) {
                    throw tooLarge("the document has more than one component/nonXMLBody");
                }
                bodySeen = true;
                bodyLevel = 1;
                bodyQName = qName;
                renderedInBody = new HashMap<>();
                renderedInBody.put("", "");
                startTag(qName, attributes, renderedInBody);
            }
            for (int i = 0; i < attributes.getLength(); i++) {
                hold(attributes.getQName(i).length() + attributes.getValue(i).length());
            }
            dom.startElement(uri, localName, qName, attributes);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (bodyLevel == 2) {
                if (!textHasContent) {
                    throw new ArchiveException(ErrorCode.MISSING_REQUIRED_FIELD, BODY_TEXT + " is required");
                }
                endTag(textQName);
                dom.characters(placeholder.toCharArray(), 0, placeholder.length());
                bodyLevel = 1;
            } else if (bodyLevel == 1) {
                endTag(bodyQName);
                bodyLevel = 0;
            }
            if (depth == 2) {
                componentOpen = false;
            }
            depth--;
            namespaces.popContext();
            dom.endElement(uri, localName, qName);
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (bodyLevel == 2) {
                if (!textHasContent) {
                    textHasContent = !isWhitespace(ch, start, length);
                    if (!textHasContent) {
                        // a whitespace-only text holds no display form; refused below when nothing follows
                        pendingWhitespace(ch, start, length);
                        return;
                    }
                    flushPendingWhitespace();
                }
                bodyText(ch, start, length);
                return;
            }
            if (bodyLevel == 1) {
                if (!isWhitespace(ch, start, length)) {
                    throw tooLarge("nonXMLBody holds text outside its text element" + where());
                }
                // whitespace-only: out of the Kanta form, in the literal one
                bodyWhitespace = true;
                canonical.literalText(ch, start, length);
            }
            hold(length);
            dom.characters(ch, start, length);
        }

        private StringBuilder whitespace;

        private void pendingWhitespace(char[] ch, int start, int length) {
            if (whitespace == null) {
                whitespace = new StringBuilder();
            }
            hold(length);
            whitespace.append(ch, start, length);
        }

        private void flushPendingWhitespace() {
            if (whitespace != null) {
                char[] chars = whitespace.toString().toCharArray();
                whitespace = null;
                bodyText(chars, 0, chars.length);
            }
        }

        private void bodyText(char[] ch, int start, int length) {
            canonical.text(ch, start, length);
            if (decoder != null) {
                decoder.accept(ch, start, length);
            }
            if (bodyText != null) {
                try {
                    bodyText.write(ch, start, length);
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot write the body text", e);
                }
            }
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) {
            characters(ch, start, length);
        }

        @Override
        public void startCDATA() {
            if (bodyLevel > 0) {
                throw tooLarge("the body holds a CDATA section" + where());
            }
            dom.startCDATA();
        }

        @Override
        public void endCDATA() {
            dom.endCDATA();
        }

        @Override
        public void comment(char[] ch, int start, int length) {
            if (bodyLevel > 0) {
                throw tooLarge("the body holds a comment" + where());
            }
            hold(length);
            dom.comment(ch, start, length);
        }

        @Override
        public void processingInstruction(String target, String data) {
            if (bodyLevel > 0) {
                throw tooLarge("the body holds a processing instruction" + where());
            }
            hold(target.length() + (data == null ? 0 : data.length()));
            dom.processingInstruction(target, data);
        }

        void finish() {
            if (!textSeen) {
                throw new ArchiveException(ErrorCode.MISSING_REQUIRED_FIELD, BODY_TEXT + " is required");
            }
            if (decoder != null) {
                decoder.finish();
            }
        }

        private void hold(long chars) {
            held += chars;
            if (held > inMemoryLimit) {
                throw tooLarge("only " + BODY_TEXT + " may exceed the in-memory limit of " + inMemoryLimit
                        + " bytes, and the rest of this document does" + where());
            }
        }

        /** Writes an exclusive-C14N start tag (Exclusive XML Canonicalization 1.0, section 3). */
        private void startTag(String qName, Attributes attributes, Map<String, String> rendered) {
            TreeMap<String, String> declarations = new TreeMap<>();
            utilise(prefixOf(qName), declarations, rendered);
            List<Integer> plain = new ArrayList<>();
            for (int i = 0; i < attributes.getLength(); i++) {
                String name = attributes.getQName(i);
                if (name.equals("xmlns") || name.startsWith("xmlns:")) {
                    continue;
                }
                plain.add(i);
                String prefix = prefixOf(name);
                if (!prefix.isEmpty()) {
                    utilise(prefix, declarations, rendered);
                }
            }
            plain.sort(Comparator.comparing((Integer i) -> Objects.toString(attributes.getURI(i), ""))
                    .thenComparing(attributes::getLocalName));
            StringBuilder tag = new StringBuilder(64).append('<').append(qName);
            declarations.forEach((prefix, uri) -> {
                tag.append(prefix.isEmpty() ? " xmlns=\"" : " xmlns:" + prefix + "=\"");
                CanonicalDigest.escapeAttribute(uri, tag);
                tag.append('"');
            });
            for (int i : plain) {
                tag.append(' ').append(attributes.getQName(i)).append("=\"");
                CanonicalDigest.escapeAttribute(attributes.getValue(i), tag);
                tag.append('"');
            }
            tag.append('>');
            markup(tag);
        }

        private void utilise(String prefix, Map<String, String> declarations, Map<String, String> rendered) {
            if (prefix.equals("xml")) {
                return;
            }
            String uri = namespaces.getURI(prefix);
            uri = uri == null ? "" : uri;
            if (!uri.equals(rendered.get(prefix))) {
                declarations.put(prefix, uri);
                rendered.put(prefix, uri);
            }
        }

        private void endTag(String qName) {
            markup(new StringBuilder(qName.length() + 3).append("</").append(qName).append('>'));
        }

        private void markup(CharSequence text) {
            canonical.markup(text);
        }

        private String where() {
            return locator == null ? "" : " (line " + locator.getLineNumber() + ", column " + locator.getColumnNumber() + ")";
        }

        private static String prefixOf(String qName) {
            int colon = qName.indexOf(':');
            return colon < 0 ? "" : qName.substring(0, colon);
        }

        private static String name(String uri, String localName) {
            return "{" + SecureXml.safe(uri) + "}" + SecureXml.safe(localName);
        }

        private static boolean isWhitespace(char[] ch, int start, int length) {
            for (int i = start; i < start + length; i++) {
                char c = ch[i];
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return false;
                }
            }
            return true;
        }
    }
}
