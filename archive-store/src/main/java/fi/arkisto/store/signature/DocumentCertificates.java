package fi.arkisto.store.signature;

import fi.arkisto.store.cda.SecureXml;
import org.w3c.dom.Document;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The certificates a Kanta document carries in its signatures ({@code hl7fi:signatureCollection}, each
 * {@code ds:KeyInfo/ds:X509Data/ds:X509Certificate}), the signers' first: what an operator pins as trust anchors to
 * archive a test document whose signer's CA is not in the anchors (docs/running.md, "Trust anchors").
 */
public final class DocumentCertificates {

    private DocumentCertificates() {
    }

    /** Parsed with the hardened parser (no DTDs, bounded size and depth); refuses a document without signatures. */
    public static List<X509Certificate> carriedBy(byte[] document) {
        Document dom = SecureXml.parseDocument(document);
        SignedParts parts = SignedParts.locate(dom);
        Set<X509Certificate> certificates = new LinkedHashSet<>();
        for (SignedParts.Entry entry : parts.signatures) {
            certificates.addAll(SignatureVerifier.certificates(entry.signature));
        }
        return new ArrayList<>(certificates);
    }
}
