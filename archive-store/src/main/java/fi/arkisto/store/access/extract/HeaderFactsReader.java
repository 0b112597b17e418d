package fi.arkisto.store.access.extract;

import fi.arkisto.store.access.facts.RestrictionKind;
import fi.arkisto.store.hl7.KantaCodeSystems;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import static fi.arkisto.store.hl7.Hl7Elements.attribute;
import static fi.arkisto.store.hl7.Hl7Elements.child;
import static fi.arkisto.store.hl7.Hl7Elements.children;
import static fi.arkisto.store.hl7.Hl7Elements.firstDescendant;
import static fi.arkisto.store.hl7.Hl7Elements.path;
import static fi.arkisto.store.hl7.Hl7Namespaces.FINLAND;
import static fi.arkisto.store.hl7.Hl7Namespaces.V3;

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

    public static final String MINOR_DISCLOSURE_SYSTEM = KantaCodeSystems.MINOR_DISCLOSURE;
    public static final String INACCESSIBLE_SYSTEM = KantaCodeSystems.INACCESSIBLE;

    private HeaderFactsReader() {
    }

    public static HeaderFacts read(Document dom) {
        Element root = dom.getDocumentElement();
        Element header = child(root, FINLAND, "localSocialHeader");
        String inaccessible = null;
        String authorization = null;
        if (header != null) {
            Element argument = firstDescendant(header, FINLAND, "inaccessibleArgument");
            if (argument != null) {
                inaccessible = valueOf(argument);
            }
            Element restriction = firstDescendant(header, FINLAND, "authorizationRestrictionArgument");
            if (restriction != null) {
                authorization = valueOf(restriction);
            }
        }
        RestrictionKind kind = inaccessible != null ? RestrictionKind.INACCESSIBLE
                : authorization != null ? RestrictionKind.AUTHORIZATION_RESTRICTION : RestrictionKind.NONE;
        return new HeaderFacts(kind, inaccessible, authorization, minorDisclosureCode(root), authorOrganisation(root));
    }

    private static String minorDisclosureCode(Element root) {
        for (Element authorization : children(root, V3, "authorization")) {
            Element code = path(authorization, V3, "consent", "code");
            if (code != null && MINOR_DISCLOSURE_SYSTEM.equals(code.getAttribute("codeSystem"))
                    && !code.getAttribute("code").isBlank()) {
                return code.getAttribute("code");
            }
        }
        return null;
    }

    private static String authorOrganisation(Element root) {
        String id = attribute(path(root, V3, "author", "assignedAuthor", "representedOrganization", "id"), "root");
        return id == null || id.isBlank() ? null : id;
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
}
