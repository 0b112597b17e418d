package fi.arkisto.store.cda;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import javax.xml.XMLConstants;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;

/**
 * What a CDA document may not hold outside its Base64 display form (docs/display-forms.md, "The CDA document"). A
 * Kanta CDA document is data: HL7 v3 and {@code urn:hl7finland} elements, an XML signature, XML Schema instance
 * attributes. A browser that opens the original renders elements of XHTML, SVG or MathML in it and runs their
 * scripts; an {@code xml-stylesheet} processing instruction makes it fetch and run XSLT; XML processors act on XSLT,
 * XInclude, XLink and the like. None of that has a place in a Kanta document, so a document holding any of it is
 * refused at archiving:
 * <ul>
 *   <li>{@link ErrorCode#ACTIVE_CONTENT_FORBIDDEN}: an element or attribute of an active namespace
 *       ({@link #ACTIVE_NAMESPACES}, compared case-insensitively, scheme and trailing slash ignored, so that near
 *       spellings a lenient processor might still honour are caught as well), or any processing instruction;</li>
 *   <li>{@link ErrorCode#CONTROL_CHARACTER_FORBIDDEN}: a control character ({@link ControlCharacters}) in any text,
 *       attribute value or comment, so that none reaches the metadata.</li>
 * </ul>
 * Namespace declarations alone are inert and accepted. The elided DOM of a streamed document ({@link BodySplitter})
 * holds everything but the body text, whose form the splitter restricts to Base64 characters, so both reads are
 * judged alike. A refusal names the construct and where it is (element path), never the document's text.
 */
public final class ActiveContent {

    /** Normalised namespace URI (see {@link #normalise}) to the name a refusal gives it. */
    static final Map<String, String> ACTIVE_NAMESPACES = Map.ofEntries(
            entry("http://www.w3.org/1999/xhtml", "XHTML"),
            entry("http://www.w3.org/TR/REC-html40", "HTML 4 (XML islands)"),
            entry("http://www.w3.org/2002/06/xhtml2", "XHTML 2"),
            entry("http://www.w3.org/2000/svg", "SVG"),
            entry("http://www.w3.org/1998/Math/MathML", "MathML"),
            entry("http://www.w3.org/1999/XSL/Transform", "XSLT"),
            entry("http://www.w3.org/TR/WD-xsl", "XSL (Microsoft draft)"),
            entry("urn:schemas-microsoft-com:xslt", "XSLT script extensions (msxsl)"),
            entry("http://www.w3.org/1999/XSL/Format", "XSL-FO"),
            entry("http://www.w3.org/2001/XInclude", "XInclude"),
            entry("http://www.w3.org/2003/XInclude", "XInclude (draft)"),
            entry("http://www.w3.org/1999/xlink", "XLink"),
            entry("http://www.w3.org/2002/xforms", "XForms"),
            entry("http://www.w3.org/2001/xml-events", "XML Events"),
            entry("http://www.w3.org/ns/SMIL", "SMIL"),
            entry("http://www.w3.org/2001/SMIL20/", "SMIL 2.0"),
            entry("http://www.mozilla.org/keymaster/gatekeeper/there.is.only.xul", "XUL"),
            entry("http://www.mozilla.org/xbl", "XBL"),
            entry("urn:schemas-microsoft-com:vml", "VML"));

    private static final int MAX_PATH = 8;

    private ActiveContent() {
    }

    private static Map.Entry<String, String> entry(String uri, String name) {
        return Map.entry(normalise(uri), name);
    }

    /**
     * Refuses active markup and control characters anywhere in the document.
     *
     * @throws ArchiveException ACTIVE_CONTENT_FORBIDDEN or CONTROL_CHARACTER_FORBIDDEN
     */
    public static void check(Document document) {
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(document);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            switch (node.getNodeType()) {
                case Node.ELEMENT_NODE -> checkElement((Element) node);
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> noControl(node.getNodeValue(), "text", node.getParentNode());
                case Node.COMMENT_NODE -> noControl(node.getNodeValue(), "a comment", node.getParentNode());
                case Node.PROCESSING_INSTRUCTION_NODE -> throw processingInstruction(node);
                default -> {
                }
            }
            for (Node child = node.getLastChild(); child != null; child = child.getPreviousSibling()) {
                pending.push(child);
            }
        }
    }

    private static void checkElement(Element element) {
        String active = activeNamespace(element.getNamespaceURI());
        if (active != null) {
            throw new ArchiveException(ErrorCode.ACTIVE_CONTENT_FORBIDDEN, "The CDA document holds the " + active
                    + " element <" + name(element) + "> at " + path(element)
                    + " (only the Base64 display form may carry markup to show)");
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
                String activeAttribute = activeNamespace(attribute.getNamespaceURI());
                if (activeAttribute != null) {
                    throw new ArchiveException(ErrorCode.ACTIVE_CONTENT_FORBIDDEN, "The CDA document holds the "
                            + activeAttribute + " attribute " + SecureXml.safe(attribute.getName()) + " on <"
                            + name(element) + "> at " + path(element));
                }
            }
            noControl(attribute.getValue(), "the attribute " + SecureXml.safe(attribute.getName()), element);
        }
    }

    private static ArchiveException processingInstruction(Node node) {
        String target = SecureXml.safe(node.getNodeName());
        String why = "xml-stylesheet".equalsIgnoreCase(node.getNodeName())
                ? "it makes a browser fetch and run a style sheet (XSLT) when the original is opened"
                : "a Kanta document carries no instructions to the programs that read it";
        Node parent = node.getParentNode();
        String where = parent instanceof Element element ? " in " + path(element) : " in the prolog";
        return new ArchiveException(ErrorCode.ACTIVE_CONTENT_FORBIDDEN, "The CDA document holds the processing "
                + "instruction <?" + target + "?>" + where + ": " + why);
    }

    private static void noControl(String value, String what, Node owner) {
        int at = value == null ? -1 : ControlCharacters.indexIn(value);
        if (at >= 0) {
            String where = owner instanceof Element element ? " of " + path(element) : " in the prolog";
            throw new ArchiveException(ErrorCode.CONTROL_CHARACTER_FORBIDDEN, "The CDA document holds the control "
                    + "character " + ControlCharacters.describe(value.charAt(at)) + " in " + what + where);
        }
    }

    /** The active namespace's name, or null when the namespace is not one (or absent). */
    static String activeNamespace(String uri) {
        return uri == null ? null : ACTIVE_NAMESPACES.get(normalise(uri));
    }

    /** Lower case, without surrounding white space, scheme ({@code http}/{@code https}) or trailing slashes. */
    static String normalise(String uri) {
        String value = uri.strip().toLowerCase(Locale.ROOT);
        if (value.startsWith("https://")) {
            value = "http://" + value.substring("https://".length());
        }
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        return value;
    }

    private static String name(Element element) {
        return SecureXml.safe(element.getLocalName() == null ? element.getNodeName() : element.getLocalName());
    }

    /** {@code /ClinicalDocument/component/nonXMLBody/svg}, the innermost {@value #MAX_PATH} steps. */
    private static String path(Element element) {
        StringBuilder path = new StringBuilder();
        int steps = 0;
        for (Node node = element; node instanceof Element e; node = node.getParentNode()) {
            if (steps++ == MAX_PATH) {
                path.insert(0, "/...");
                break;
            }
            path.insert(0, "/" + name(e));
        }
        return path.toString();
    }
}
