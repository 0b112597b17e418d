package fi.arkisto.store.access.extract;

import fi.arkisto.store.access.facts.RestrictionKind;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Reads from a parsed CDA document's DOM the header fields the access decision needs and the metadata does not
 * carry: the professional's restrictions on showing the document to the client ({@code hl7fi:inaccessibleArgument},
 * code system 1.2.246.537.6.1288.201901; {@code hl7fi:authorizationRestrictionArgument}), the minor's will on
 * disclosure to the guardians ({@code authorization/consent/code}, code system 1.2.246.537.6.1286.201901, as in the
 * real sample) and the author's organisation. The elements of the local social header are matched by namespace and
 * local name wherever they sit in {@code hl7fi:localSocialHeader}; an element with a {@code nullFlavor} and no value
 * counts as absent.
 */
public final class HeaderFactsReader {

    static final String HL7_NS = "urn:hl7-org:v3";
    static final String HL7FI_NS = "urn:hl7finland";
    public static final String MINOR_DISCLOSURE_SYSTEM = "1.2.246.537.6.1286.201901";
    public static final String INACCESSIBLE_SYSTEM = "1.2.246.537.6.1288.201901";

    private HeaderFactsReader() {
    }

    public static HeaderFacts read(Document dom) {
        Element root = dom.getDocumentElement();
        Element header = firstChild(root, HL7FI_NS, "localSocialHeader");
        String inaccessible = null;
        String authorization = null;
        if (header != null) {
            Element argument = firstDescendant(header, HL7FI_NS, "inaccessibleArgument");
            if (argument != null) {
                inaccessible = valueOf(argument);
            }
            Element restriction = firstDescendant(header, HL7FI_NS, "authorizationRestrictionArgument");
            if (restriction != null) {
                authorization = valueOf(restriction);
            }
        }
        RestrictionKind kind = inaccessible != null ? RestrictionKind.INACCESSIBLE
                : authorization != null ? RestrictionKind.AUTHORIZATION_RESTRICTION : RestrictionKind.NONE;
        return new HeaderFacts(kind, inaccessible, authorization, minorDisclosureCode(root), authorOrganisation(root));
    }

    private static String minorDisclosureCode(Element root) {
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!is(n, HL7_NS, "authorization")) {
                continue;
            }
            Element consent = firstChild((Element) n, HL7_NS, "consent");
            Element code = consent == null ? null : firstChild(consent, HL7_NS, "code");
            if (code != null && MINOR_DISCLOSURE_SYSTEM.equals(code.getAttribute("codeSystem"))
                    && !code.getAttribute("code").isBlank()) {
                return code.getAttribute("code");
            }
        }
        return null;
    }

    private static String authorOrganisation(Element root) {
        Element author = firstChild(root, HL7_NS, "author");
        Element assigned = author == null ? null : firstChild(author, HL7_NS, "assignedAuthor");
        Element organisation = assigned == null ? null : firstChild(assigned, HL7_NS, "representedOrganization");
        Element id = organisation == null ? null : firstChild(organisation, HL7_NS, "id");
        return id == null || id.getAttribute("root").isBlank() ? null : id.getAttribute("root");
    }

    /** The code, else the text; null for a nullFlavor without either. */
    private static String valueOf(Element element) {
        String code = element.getAttribute("code");
        if (!code.isBlank()) {
            return code;
        }
        String text = element.getTextContent();
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Element firstChild(Element parent, String ns, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (is(n, ns, localName)) {
                return (Element) n;
            }
        }
        return null;
    }

    private static Element firstDescendant(Element parent, String ns, String localName) {
        NodeList found = parent.getElementsByTagNameNS(ns, localName);
        return found.getLength() == 0 ? null : (Element) found.item(0);
    }

    private static boolean is(Node n, String ns, String localName) {
        return n.getNodeType() == Node.ELEMENT_NODE && ns.equals(n.getNamespaceURI()) && localName.equals(n.getLocalName());
    }
}
