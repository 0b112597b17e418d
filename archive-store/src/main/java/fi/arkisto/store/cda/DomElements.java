package fi.arkisto.store.cda;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Walking element children of a DOM without building NodeLists (hot path of parsing and checks). */
public final class DomElements {

    private DomElements() {
    }

    /** The first element child of {@code parent}, or null (also for a null parent). */
    public static Element firstChild(Element parent) {
        if (parent == null) {
            return null;
        }
        return elementFrom(parent.getFirstChild());
    }

    /** The next element sibling of {@code element}, or null. */
    public static Element nextSibling(Element element) {
        return elementFrom(element.getNextSibling());
    }

    private static Element elementFrom(Node node) {
        while (node != null && node.getNodeType() != Node.ELEMENT_NODE) {
            node = node.getNextSibling();
        }
        return (Element) node;
    }
}
