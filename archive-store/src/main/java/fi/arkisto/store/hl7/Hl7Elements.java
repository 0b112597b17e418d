package fi.arkisto.store.hl7;

import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.util.ArrayList;
import java.util.List;

/**
 * Walking a namespace-aware DOM by element, without building NodeLists (the hot path of parsing and checks). Every
 * method takes a null element as "not there" and answers null (or nothing), so paths read as one expression.
 *
 * <p>HL7 v3 rule: an element carrying {@code nullFlavor} stands for an absent value, so {@link #attribute} and
 * {@link #text} answer null for it; attribute values are taken exactly as written (a code or OID that is valid only
 * once trimmed is not that code or OID).
 */
public final class Hl7Elements {

    private Hl7Elements() {
    }

    /** The first element child of {@code parent}, or null. */
    public static Element firstChild(Element parent) {
        return parent == null ? null : elementFrom(parent.getFirstChild());
    }

    /** The next element sibling of {@code element}, or null. */
    public static Element nextSibling(Element element) {
        return element == null ? null : elementFrom(element.getNextSibling());
    }

    /** Whether the node is an element of that namespace and local name. */
    public static boolean is(Node node, String namespace, String localName) {
        return node != null && node.getNodeType() == Node.ELEMENT_NODE && localName.equals(node.getLocalName())
                && namespace.equals(node.getNamespaceURI());
    }

    /** The first child element of that name, or null. */
    public static Element child(Element parent, String namespace, String localName) {
        for (Element c = firstChild(parent); c != null; c = nextSibling(c)) {
            if (is(c, namespace, localName)) {
                return c;
            }
        }
        return null;
    }

    /** Every child element of that name, in document order. */
    public static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Element c = firstChild(parent); c != null; c = nextSibling(c)) {
            if (is(c, namespace, localName)) {
                found.add(c);
            }
        }
        return found;
    }

    /** The element at the path of child elements, all in one namespace, each step the first of its name; or null. */
    public static Element path(Element from, String namespace, String... localNames) {
        Element current = from;
        for (int i = 0; i < localNames.length && current != null; i++) {
            current = child(current, namespace, localNames[i]);
        }
        return current;
    }

    /** The first descendant element of that name, at any depth, or null. */
    public static Element firstDescendant(Element parent, String namespace, String localName) {
        if (parent == null) {
            return null;
        }
        NodeList found = parent.getElementsByTagNameNS(namespace, localName);
        return found.getLength() == 0 ? null : (Element) found.item(0);
    }

    /** Whether the element is there and carries a value: HL7 null flavours stand for an absent value. */
    public static boolean present(Element element) {
        return element != null && !element.hasAttribute("nullFlavor");
    }

    /** The attribute as written; null when the element is not {@link #present} or the attribute is absent or empty. */
    public static String attribute(Element element, String name) {
        if (!present(element)) {
            return null;
        }
        String value = element.getAttribute(name);
        return value.isEmpty() ? null : value;
    }

    /** The element's text without surrounding whitespace; null when it is not {@link #present} or the text is blank. */
    public static String text(Element element) {
        if (!present(element)) {
            return null;
        }
        String value = element.getTextContent().strip();
        return value.isEmpty() ? null : value;
    }

    private static Element elementFrom(Node node) {
        while (node != null && node.getNodeType() != Node.ELEMENT_NODE) {
            node = node.getNextSibling();
        }
        return (Element) node;
    }
}
