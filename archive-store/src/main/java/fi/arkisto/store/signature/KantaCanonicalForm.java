package fi.arkisto.store.signature;

import org.w3c.dom.Node;

/**
 * The whitespace rule of Kanta signatures as found in the field: the real sample documents were signed by a
 * .NET signer that loaded the XML without preserving whitespace, so whitespace-only text nodes take no part in
 * its canonical form, while whitespace inside text with content (the line-wrapped Base64) is signed.
 * Established by experiment against {@code asiakkuusasiakirja_S.xml}: its body digest matches only when
 * whitespace-only text nodes are removed from the referenced body subtree, and its signature value matches only
 * when they are also removed from {@code SignedInfo}; removing them anywhere else changes nothing.
 * <p>Applied only to a private copy of the document, never to the parsed tree other checks use.
 */
final class KantaCanonicalForm {

    private KantaCanonicalForm() {
    }

    /** Removes every whitespace-only text node below {@code root}; returns how many were removed. */
    static int stripWhitespaceOnlyText(Node root) {
        int removed = 0;
        Node child = root.getFirstChild();
        while (child != null) {
            Node next = child.getNextSibling();
            if (child.getNodeType() == Node.TEXT_NODE && isXmlWhitespace(child.getNodeValue())) {
                root.removeChild(child);
                removed++;
            } else if (child.getNodeType() == Node.ELEMENT_NODE) {
                removed += stripWhitespaceOnlyText(child);
            }
            child = next;
        }
        return removed;
    }

    private static boolean isXmlWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }
}
