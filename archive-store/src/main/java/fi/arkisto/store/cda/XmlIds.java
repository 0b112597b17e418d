package fi.arkisto.store.cda;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.hl7.Hl7Elements;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;

import javax.xml.XMLConstants;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Every XML ID of a document is unique (XML 1.0 validity constraint "ID"; XML-DSig resolves same-document references
 * {@code #x} by ID). The attributes that serve as IDs to some reader of a Kanta document are {@code ID} (CDA R2's
 * {@code xs:ID} attributes, e.g. {@code nonXMLBody/@ID} and {@code signatureTimestamp/@ID}), {@code Id} (XML-DSig),
 * {@code id} and {@code xml:id}; they share one space. A repeated value is refused: a reader that resolves the ID and
 * a reader that walks the document in order could otherwise meet different elements (a forged {@code nonXMLBody}
 * carrying the signed one's ID placed before it), which is the raw material of signature wrapping.
 */
final class XmlIds {

    private XmlIds() {
    }

    /** @throws ArchiveException DUPLICATE_ID naming the value and the two elements */
    static void requireUnique(Element root) {
        Set<String> seen = new HashSet<>();
        Deque<Element> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Element element = pending.pop();
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr attribute = (Attr) attributes.item(i);
                if (isId(attribute) && !seen.add(attribute.getValue())) {
                    throw new ArchiveException(ErrorCode.DUPLICATE_ID, "The XML ID '" + SecureXml.safe(shorten(attribute.getValue()))
                            + "' occurs more than once (again on " + element.getLocalName() + "@" + attribute.getName()
                            + "); every ID of a document must be unique");
                }
            }
            for (Element child = Hl7Elements.firstChild(element); child != null; child = Hl7Elements.nextSibling(child)) {
                pending.push(child);
            }
        }
    }

    private static boolean isId(Attr attribute) {
        String namespace = attribute.getNamespaceURI();
        String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
        if (namespace == null) {
            return "ID".equals(name) || "Id".equals(name) || "id".equals(name);
        }
        return XMLConstants.XML_NS_URI.equals(namespace) && "id".equals(name);
    }

    private static String shorten(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "..." : value;
    }
}
