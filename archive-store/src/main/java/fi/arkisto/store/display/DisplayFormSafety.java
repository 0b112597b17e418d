package fi.arkisto.store.display;

import fi.arkisto.store.cda.ControlCharacters;
import fi.arkisto.store.cda.SecureXml;
import fi.arkisto.store.cda.XmlLimits;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether an XHTML display form is safe to show a citizen (MyKanta) or print (kanta.fi, "Phase 2 functionalities in social welfare services": a display rendition
 * is always recorded; docs/display-forms.md). The display form must be UTF-8 (what the archive serves it as, so no
 * reader can decode other markup from the same bytes); it is parsed with {@link SecureXml} (no DTDs, no entities,
 * bounded size and depth) and every node is held against an allowlist ({@link DisplayFormRules}):
 * <ul>
 *   <li>elements: a fixed set of presentational XHTML elements in the XHTML namespace; never script, iframe,
 *       object, embed, form controls, meta, link, base, SVG or MathML;</li>
 *   <li>attributes: a fixed set; no {@code on*} event handlers, no attributes of foreign namespaces (xlink:href);</li>
 *   <li>references: links only to fragments of the form itself ({@code #id}), {@code mailto:} or {@code tel:};
 *       images only as {@code data:image/(png|jpeg|gif);base64}; nothing that makes a viewer fetch anything;</li>
 *   <li>CSS ({@link CssSafety}): style attributes, and the whole text of a {@code <style>} element joined across
 *       its text and CDATA nodes as the browser applies it;</li>
 *   <li>no processing instructions, conditional comments or control characters.</li>
 * </ul>
 * <p>The same bytes must be as inert to an HTML parser (a client system may serve the form as {@code text/html}).
 * Where the two parsers are known to part, the XML tree is refused with the reason: a CDATA section outside
 * {@code <style>}; a comment that HTML ends at once ({@code <!-->}, {@code <!--->}); a {@code <style>} or
 * {@code <title>} holding anything but text (elements, comments, CDATA in a title), holding {@code <}, or empty (a
 * self-closed {@code <style/>} opens a raw-text element in HTML that runs to the end). Then the HTML tree itself is
 * held against the same allowlist ({@link HtmlView}), which catches every other way the two could part.
 * <p>A refusal names the offending construct, never the document's text. Comments and leading line breaks (as in
 * the real sample) are accepted. Thread-safe.
 */
public final class DisplayFormSafety {

    public static final String XHTML_NS = "http://www.w3.org/1999/xhtml";
    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";
    private static final String XMLNS_NS = "http://www.w3.org/2000/xmlns/";

    private static final Pattern XHTML_DOCTYPE = Pattern.compile(
            "<!DOCTYPE\\s+html(\\s+PUBLIC\\s+\"-//W3C//DTD XHTML[^\"]*\"\\s+\"http://www\\.w3\\.org/TR/[^\"]*\")?\\s*>");
    private static final Pattern DECLARED_ENCODING =
            Pattern.compile("^\\uFEFF?<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([^\"']*)[\"']");
    /** Elements an HTML parser reads as raw text (style) or escapable raw text (title) up to their literal end tag. */
    private static final Set<String> RAW_TEXT = Set.of("style", "title");

    private final XmlLimits limits;

    public DisplayFormSafety() {
        this(XmlLimits.defaults());
    }

    public DisplayFormSafety(XmlLimits limits) {
        this.limits = limits;
    }

    /**
     * Parses and checks a display form.
     *
     * @return the parsed display form (namespace-aware DOM), safe to render
     * @throws ArchiveException DISPLAY_FORM_MISSING (blank), DISPLAY_FORM_MALFORMED (not well-formed UTF-8 XHTML),
     *                          DISPLAY_FORM_UNSAFE (naming the construct)
     */
    public Document check(byte[] xhtml) {
        if (xhtml == null || isBlank(xhtml)) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_MISSING, "The display form is empty");
        }
        String text = utf8(xhtml);
        Document document;
        try {
            document = SecureXml.parseDocument(withoutXhtmlDoctype(xhtml), limits);
        } catch (ArchiveException e) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_MALFORMED,
                    "The display form is not well-formed XHTML: " + e.getMessage(), e);
        }
        Element root = document.getDocumentElement();
        if (!XHTML_NS.equals(root.getNamespaceURI())) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_MALFORMED, "The display form's root element <"
                    + root.getLocalName() + "> is not in the XHTML namespace " + XHTML_NS);
        }
        boolean[] showsSomething = {false};
        walk(document, showsSomething);
        if (!showsSomething[0]) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_MISSING, "The display form shows nothing (no text, no image)");
        }
        String asHtml = HtmlView.problemWith(text);
        if (asHtml != null) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_UNSAFE, "The display form, read as HTML, contains " + asHtml
                    + " (an HTML parser reads these bytes differently from an XML parser)");
        }
        return document;
    }

    private static void walk(Document document, boolean[] showsSomething) {
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(document);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            Node parent = node.getParentNode();
            String parentName = parent == null ? null : parent.getLocalName();
            switch (node.getNodeType()) {
                case Node.ELEMENT_NODE -> {
                    Element element = (Element) node;
                    checkElement(element);
                    if ("img".equals(element.getLocalName())) {
                        showsSomething[0] = true;
                    }
                }
                case Node.PROCESSING_INSTRUCTION_NODE -> throw unsafe("a processing instruction <?"
                        + node.getNodeName() + "?> (e.g. xml-stylesheet fetches a style sheet)");
                case Node.COMMENT_NODE -> checkComment(node.getNodeValue());
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> {
                    noControl(node.getNodeValue(), "text");
                    if (!node.getNodeValue().isBlank()) {
                        showsSomething[0] = true;
                    }
                    if (node.getNodeType() == Node.CDATA_SECTION_NODE && !"style".equals(parentName)) {
                        throw unsafe("a CDATA section outside <style> (an HTML parser reads <![CDATA[ as a comment "
                                + "that ends at the first '>', and what follows as markup)");
                    }
                }
                case Node.DOCUMENT_NODE -> {
                }
                default -> throw unsafe("an XML node of type " + node.getNodeType());
            }
            for (Node child = node.getLastChild(); child != null; child = child.getPreviousSibling()) {
                pending.push(child);
            }
        }
    }

    private static void checkElement(Element element) {
        String name = element.getLocalName();
        if (!XHTML_NS.equals(element.getNamespaceURI())) {
            throw unsafe("the element <" + name + "> outside the XHTML namespace"
                    + (element.getNamespaceURI() == null ? "" : " (" + element.getNamespaceURI() + ")"));
        }
        String problem = DisplayFormRules.problemWithElement(name);
        if (problem != null) {
            throw unsafe(problem);
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            checkAttribute(element, (Attr) attributes.item(i));
        }
        if (RAW_TEXT.contains(name)) {
            checkRawText(element);
        }
    }

    /**
     * A {@code <style>} or {@code <title>}: only text (and, in a style, CDATA sections), without {@code <}, never
     * empty. The joined text is what the browser applies, so a style's CSS is checked joined.
     */
    private static void checkRawText(Element element) {
        String name = element.getLocalName();
        StringBuilder text = new StringBuilder();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            switch (child.getNodeType()) {
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> text.append(child.getNodeValue());
                case Node.COMMENT_NODE -> throw unsafe("a comment inside <" + name + "> (an HTML parser reads it as the "
                        + "element's " + (name.equals("style") ? "CSS" : "text") + ")");
                default -> throw unsafe("markup inside <" + name + "> (an HTML parser reads it as the element's text)");
            }
        }
        if (text.isEmpty()) {
            throw unsafe("an empty <" + name + "> (written <" + name + "/>, an HTML parser reads everything after it as "
                    + "its content)");
        }
        if (text.indexOf("<") >= 0) {
            throw unsafe("'<' inside <" + name + "> (an HTML parser may read it as the element's end tag)");
        }
        if (name.equals("style")) {
            String problem = CssSafety.problemWith(text.toString(), "the <style> element");
            if (problem != null) {
                throw unsafe(problem);
            }
        }
    }

    private static void checkComment(String comment) {
        noControl(comment, "a comment");
        if (comment.startsWith(">") || comment.startsWith("->")) {
            throw unsafe("a comment that an HTML parser ends at once (<!--> or <!--->), reading the rest as markup");
        }
        String problem = DisplayFormRules.problemWithComment(comment);
        if (problem != null) {
            throw unsafe(problem);
        }
    }

    private static void checkAttribute(Element element, Attr attribute) {
        String namespace = attribute.getNamespaceURI();
        String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
        String on = "<" + element.getLocalName() + ">";
        if (XMLNS_NS.equals(namespace)) {
            return;
        }
        noControl(attribute.getValue(), "the attribute " + attribute.getName() + " of " + on);
        if (XML_NS.equals(namespace)) {
            if (name.equals("lang") || name.equals("space")) {
                return;
            }
            throw unsafe("the attribute xml:" + name + " on " + on);
        }
        if (namespace != null) {
            throw unsafe("the attribute " + attribute.getName() + " of namespace " + namespace + " on " + on);
        }
        String problem = DisplayFormRules.problemWithAttribute(element.getLocalName(), name, attribute.getValue());
        if (problem != null) {
            throw unsafe(problem);
        }
    }

    private static void noControl(String value, String where) {
        int at = ControlCharacters.indexIn(value);
        if (at >= 0) {
            throw unsafe("the control character " + ControlCharacters.describe(value.charAt(at)) + " in " + where);
        }
    }

    private static ArchiveException unsafe(String construct) {
        return new ArchiveException(ErrorCode.DISPLAY_FORM_UNSAFE, "The display form contains " + construct);
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    /**
     * The text of a UTF-8 display form. The archive serves display forms as UTF-8; bytes in another encoding (or
     * declaring one) would be read as other characters, and so as other markup, by whoever trusts the declaration
     * and by whoever trusts the header.
     */
    private static String utf8(byte[] xhtml) {
        if (xhtml.length >= 2 && ((xhtml[0] == (byte) 0xFE && xhtml[1] == (byte) 0xFF)
                || (xhtml[0] == (byte) 0xFF && xhtml[1] == (byte) 0xFE))) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_MALFORMED, "The display form is UTF-16; it must be UTF-8");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(xhtml)).toString();
        } catch (CharacterCodingException e) {
            throw new ArchiveException(ErrorCode.DISPLAY_FORM_MALFORMED, "The display form is not UTF-8");
        }
        Matcher declared = DECLARED_ENCODING.matcher(text.length() > 512 ? text.substring(0, 512) : text);
        if (declared.find()) {
            String encoding = declared.group(1).strip().toUpperCase(Locale.ROOT);
            if (!encoding.equals("UTF-8") && !encoding.equals("UTF8") && !encoding.equals("US-ASCII")) {
                throw new ArchiveException(ErrorCode.DISPLAY_FORM_MALFORMED, "The display form declares the encoding "
                        + (encoding.length() > 40 ? encoding.substring(0, 40) : encoding).replaceAll("[^A-Z0-9._:-]", "?")
                        + "; it must be UTF-8");
            }
        }
        return text;
    }

    /**
     * XHTML 1.x display forms may carry the standard XHTML document type declaration, which no parser here may
     * read: it is blanked (same length, so error positions stay right) when it is exactly a public XHTML DOCTYPE
     * without an internal subset. Anything else DTD-like still reaches {@link SecureXml} and is refused there.
     */
    static byte[] withoutXhtmlDoctype(byte[] xhtml) {
        int scan = Math.min(xhtml.length, 1024);
        String prolog = new String(xhtml, 0, scan, StandardCharsets.ISO_8859_1);
        int at = prolog.indexOf("<!DOCTYPE");
        if (at < 0) {
            return xhtml;
        }
        Matcher doctype = XHTML_DOCTYPE.matcher(prolog);
        if (!doctype.find(at) || doctype.start() != at) {
            return xhtml;
        }
        byte[] copy = xhtml.clone();
        for (int i = doctype.start(); i < doctype.end(); i++) {
            copy[i] = ' ';
        }
        return copy;
    }
}
