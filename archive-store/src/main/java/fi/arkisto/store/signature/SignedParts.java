package fi.arkisto.store.signature;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static fi.arkisto.store.hl7.Hl7Elements.children;
import static fi.arkisto.store.hl7.Hl7Namespaces.FINLAND;
import static fi.arkisto.store.hl7.Hl7Namespaces.V3;
import static fi.arkisto.store.hl7.Hl7Namespaces.XMLDSIG;

/**
 * The parts of a (private copy of a) Kanta document that its signatures are about: the body
 * {@code component/nonXMLBody} whose {@code ID} is {@code "OID" + documentOid}, and per {@code hl7fi:signature}
 * its description, its signed timestamp and its {@code ds:Signature}. Only the body and the timestamps get their
 * {@code ID} attributes registered as XML IDs, so no reference can reach anything else.
 */
final class SignedParts {

    /** Each signature canonicalises and hashes the whole body again: a bound keeps a hostile collection cheap. */
    static final int MAX_SIGNATURES = 16;

    static final class Entry {
        final String id;
        final Element description;
        final Element timestamp;
        final String timestampId;
        final Element signature;

        Entry(String id, Element description, Element timestamp, String timestampId, Element signature) {
            this.id = id;
            this.description = description;
            this.timestamp = timestamp;
            this.timestampId = timestampId;
            this.signature = signature;
        }
    }

    final String documentOid;
    final Element body;
    final String bodyId;
    final List<Entry> signatures;

    private SignedParts(String documentOid, Element body, String bodyId, List<Entry> signatures) {
        this.documentOid = documentOid;
        this.body = body;
        this.bodyId = bodyId;
        this.signatures = signatures;
    }

    static SignedParts locate(Document copy) {
        Element root = copy.getDocumentElement();
        Element id = onlyChild(root, V3, "id");
        String documentOid = id == null ? "" : id.getAttribute("root");
        if (documentOid.isEmpty()) {
            throw new ArchiveException(ErrorCode.MISSING_REQUIRED_FIELD, "id@root is missing");
        }
        Element header = onlyChild(root, FINLAND, "localSocialHeader");
        List<Element> collections = header == null ? List.of() : children(header, FINLAND, "signatureCollection");
        if (collections.size() > 1) {
            throw new ArchiveException(ErrorCode.SIGNATURE_INVALID, "The header carries more than one signatureCollection");
        }
        List<Element> signatureElements = collections.isEmpty() ? List.of() : children(collections.get(0), FINLAND, "signature");
        if (signatureElements.isEmpty()) {
            throw new ArchiveException(ErrorCode.SIGNATURE_MISSING, "The document carries no hl7fi:signatureCollection/hl7fi:signature");
        }
        if (signatureElements.size() > MAX_SIGNATURES) {
            throw new ArchiveException(ErrorCode.SIGNATURE_INVALID, "The document carries " + signatureElements.size()
                    + " signatures; at most " + MAX_SIGNATURES + " are accepted");
        }
        Element body = body(root);
        String bodyId = "OID" + documentOid;
        if (body == null) {
            throw new ArchiveException(ErrorCode.SIGNATURE_INVALID, "The document has no component/nonXMLBody to be signed");
        }
        if (!bodyId.equals(body.getAttribute("ID"))) {
            throw new ArchiveException(ErrorCode.SIGNATURE_INVALID, "nonXMLBody@ID '" + SignatureVerifier.abbreviate(body.getAttribute("ID"))
                    + "' is not " + bodyId + ", so signatures cannot cover this document's body");
        }
        body.setIdAttributeNS(null, "ID", true);
        Set<String> ids = new HashSet<>();
        ids.add(bodyId);
        List<Entry> entries = new ArrayList<>();
        for (Element signature : signatureElements) {
            String signatureId = signature.getAttribute("ID");
            String label = signatureId.isEmpty() ? "#" + (entries.size() + 1) : signatureId;
            Element description = onlyChild(signature, FINLAND, "signatureDescription");
            Element timestamp = onlyChild(signature, FINLAND, "signatureTimestamp");
            Element dsSignature = onlyChild(signature, XMLDSIG, "Signature");
            if (description == null || timestamp == null || dsSignature == null) {
                throw new ArchiveException(ErrorCode.SIGNATURE_INVALID, "Signature " + label
                        + " needs exactly one signatureDescription, one signatureTimestamp and one ds:Signature");
            }
            String timestampId = timestamp.getAttribute("ID");
            if (timestampId.isEmpty() || !ids.add(timestampId)) {
                throw new ArchiveException(ErrorCode.SIGNATURE_INVALID, "Signature " + label + " has a signatureTimestamp without a unique ID");
            }
            timestamp.setIdAttributeNS(null, "ID", true);
            entries.add(new Entry(label, description, timestamp, timestampId, dsSignature));
        }
        return new SignedParts(documentOid, body, bodyId, List.copyOf(entries));
    }

    /** The Kanta whitespace rule ({@link KantaCanonicalForm}) on the signed subtrees and every SignedInfo. */
    int normaliseWhitespace() {
        int removed = KantaCanonicalForm.stripWhitespaceOnlyText(body);
        for (Entry entry : signatures) {
            removed += KantaCanonicalForm.stripWhitespaceOnlyText(entry.timestamp);
            Element signedInfo = onlyChild(entry.signature, XMLDSIG, "SignedInfo");
            if (signedInfo != null) {
                removed += KantaCanonicalForm.stripWhitespaceOnlyText(signedInfo);
            }
        }
        return removed;
    }

    static Element body(Element root) {
        for (Element component : children(root, V3, "component")) {
            Element body = onlyChild(component, V3, "nonXMLBody");
            if (body != null) {
                return body;
            }
        }
        return null;
    }

    /** The single child element with this name; null when absent; SIGNATURE_INVALID when repeated. */
    static Element onlyChild(Element parent, String namespace, String localName) {
        List<Element> found = children(parent, namespace, localName);
        if (found.size() > 1) {
            throw new ArchiveException(ErrorCode.SIGNATURE_INVALID, parent.getLocalName() + " has more than one " + localName);
        }
        return found.isEmpty() ? null : found.get(0);
    }
}
