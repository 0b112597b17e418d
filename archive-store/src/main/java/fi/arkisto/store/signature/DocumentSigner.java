package fi.arkisto.store.signature;

import fi.arkisto.store.cda.BodySplitter;
import fi.arkisto.store.cda.CdaParserLimits;
import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.XMLConstants;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static fi.arkisto.store.hl7.Hl7Elements.children;
import static fi.arkisto.store.hl7.Hl7Namespaces.FINLAND;
import static fi.arkisto.store.hl7.Hl7Namespaces.V3;
import static fi.arkisto.store.hl7.Hl7Namespaces.XMLDSIG;
import static fi.arkisto.store.signature.SignatureVerifier.TYPE_CODE_SYSTEM;

/**
 * Signs a Kanta CDA document exactly as the real sample is signed (docs/trust.md): in the local social
 * header's {@code hl7fi:signatureCollection} (created when absent) a new {@code hl7fi:signature(ID)} holding
 * {@code signatureDescription} (type code, {@value SignatureVerifier#TYPE_CODE_SYSTEM}), {@code signatureTimestamp(ID)}
 * (UTC instant) and an XML-DSig {@code Signature}: exclusive C14N, RSA-SHA256 (ECDSA-SHA256 for EC keys), SHA-256
 * references to the timestamp and to the body {@code #OID<documentOid>}, each with enveloped-signature and exclusive
 * C14N transforms, KeyInfo with the X509Certificate. Like the field's .NET signers it leaves whitespace-only text
 * nodes out of the signed forms (see {@link KantaCanonicalForm}) while the output keeps the input's layout.
 * Existing signatures are kept, so a system signature can be added to a professionally signed document.
 * <p>Immutable and thread-safe.
 */
public final class DocumentSigner {

    private static final ThreadLocal<XMLSignatureFactory> FACTORY = ThreadLocal.withInitial(() -> XMLSignatureFactory.getInstance("DOM"));
    private static final String XMLNS = XMLConstants.XMLNS_ATTRIBUTE_NS_URI;

    private final PrivateKey key;
    private final X509Certificate certificate;
    private final SignatureType type;
    private final Clock clock;
    private final String signatureMethod;
    private final List<X509Certificate> keyInfoCertificates;

    public DocumentSigner(PrivateKey key, X509Certificate certificate, SignatureType type, Clock clock) {
        this(key, certificate, type, clock, "EC".equals(key.getAlgorithm()) ? SignatureMethod.ECDSA_SHA256 : SignatureMethod.RSA_SHA256);
    }

    /** With another XML-DSig signature method (e.g. the SHA-1 methods the verifier must refuse). */
    DocumentSigner(PrivateKey key, X509Certificate certificate, SignatureType type, Clock clock, String signatureMethod) {
        this(key, certificate, type, clock, signatureMethod, List.of());
    }

    /** With intermediate CA certificates after the signing certificate in KeyInfo. */
    DocumentSigner(PrivateKey key, X509Certificate certificate, SignatureType type, Clock clock, List<X509Certificate> chain) {
        this(key, certificate, type, clock, "EC".equals(key.getAlgorithm()) ? SignatureMethod.ECDSA_SHA256 : SignatureMethod.RSA_SHA256,
                chain);
    }

    private DocumentSigner(PrivateKey key, X509Certificate certificate, SignatureType type, Clock clock, String signatureMethod,
                           List<X509Certificate> chain) {
        this.key = key;
        this.certificate = certificate;
        this.type = type;
        this.clock = clock;
        this.signatureMethod = signatureMethod;
        List<X509Certificate> keyInfo = new ArrayList<>();
        keyInfo.add(certificate);
        keyInfo.addAll(chain);
        this.keyInfoCertificates = List.copyOf(keyInfo);
    }

    /** Loads the key entry {@code alias} (or the only key entry when alias is null) of a PKCS#12 file. */
    public static DocumentSigner fromPkcs12(Path file, char[] password, String alias, SignatureType type, Clock clock) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            String chosen = alias;
            if (chosen == null || chosen.isBlank()) {
                List<String> keys = new ArrayList<>();
                for (Enumeration<String> aliases = store.aliases(); aliases.hasMoreElements(); ) {
                    String candidate = aliases.nextElement();
                    if (store.isKeyEntry(candidate)) {
                        keys.add(candidate);
                    }
                }
                if (keys.size() != 1) {
                    throw new IllegalStateException(file + " holds " + keys.size() + " keys; configure the alias");
                }
                chosen = keys.get(0);
            }
            PrivateKey privateKey = (PrivateKey) store.getKey(chosen, password);
            Certificate certificate = store.getCertificate(chosen);
            if (privateKey == null || !(certificate instanceof X509Certificate x509)) {
                throw new IllegalStateException(file + " has no key entry '" + chosen + "'");
            }
            return new DocumentSigner(privateKey, x509, type, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the signing key store " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot load the signing key from " + file, e);
        }
    }

    public SignatureType type() {
        return type;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Signs with the current time as signing time. */
    public byte[] sign(byte[] cda) {
        return sign(cda, clock.instant());
    }

    /**
     * Signs with the given signing time. With RSA the output is a function of input and time, so a caller that
     * re-derives both (e.g. a restarted migration) re-derives the same bytes.
     */
    public byte[] sign(byte[] cda, Instant signingTime) {
        Document document = SignerXml.parse(cda);
        sign(document, signingTime);
        return SignerXml.write(document);
    }

    /**
     * Signs a document file into another file without holding it (docs/legacy-package.md: a single 1 GB file streams through):
     * a document no larger than the in-memory limit ({@link CdaParserLimits#maxDocumentBytes()}) is signed as by
     * {@link #sign(byte[], Instant)}; a larger one is split ({@link BodySplitter}), its elided DOM signed with the body
     * reference's digest computed while streaming, serialised, and the body text spliced back in place of the
     * placeholder, escaped as the serialiser escapes text, so the output is the bytes {@link #sign(byte[], Instant)}
     * would give (the infoset, hence every digest, is the same). The large path needs the Kanta body form and
     * {@code nonXMLBody@ID} present (DOCUMENT_TOO_LARGE / MISSING_REQUIRED_FIELD otherwise).
     */
    public void sign(Path unsigned, Path signed, Instant signingTime) {
        CdaParserLimits limits = CdaParserLimits.defaults();
        try {
            if (Files.size(unsigned) <= limits.maxDocumentBytes()) {
                Files.write(signed, sign(Files.readAllBytes(unsigned), signingTime));
                return;
            }
            signStreamed(unsigned, signed, signingTime, limits);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot sign " + unsigned + " into " + signed, e);
        }
    }

    void signStreamed(Path unsigned, Path signed, Instant signingTime, CdaParserLimits limits) throws IOException {
        Path parent = signed.toAbsolutePath().getParent();
        Path text = Files.createTempFile(parent, ".arkisto-body-", ".tmp");
        try {
            BodySplitter.Split split;
            try (InputStream in = Files.newInputStream(unsigned);
                 Writer escaped = new SerializedTextWriter(new BufferedOutputStream(Files.newOutputStream(text), 64 * 1024))) {
                split = BodySplitter.split(in, limits, null, escaped);
            }
            Document document = split.elided();
            Element body = SignedParts.body(document.getDocumentElement());
            if (body != null && body.getAttribute("ID").isEmpty()) {
                // the streamed digest covers the body as it is; the signer cannot add the attribute afterwards
                throw new ArchiveException(ErrorCode.MISSING_REQUIRED_FIELD, "nonXMLBody@ID is required in a document "
                        + "above the in-memory limit of " + limits.maxDocumentBytes() + " bytes");
            }
            sign(document, signingTime, split.bodyDigest());
            byte[] head = SignerXml.write(document);
            byte[] placeholder = split.placeholder().getBytes(StandardCharsets.US_ASCII);
            int at = indexOf(head, placeholder, 0);
            if (at < 0 || indexOf(head, placeholder, at + 1) >= 0) {
                throw new IllegalStateException("The serialised document does not hold the body placeholder exactly once");
            }
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(signed), 64 * 1024)) {
                out.write(head, 0, at);
                Files.copy(text, out);
                out.write(head, at + placeholder.length, head.length - at - placeholder.length);
            }
        } finally {
            Files.deleteIfExists(text);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Adds this signer's signature to the given DOM (which is modified). */
    public void sign(Document document, Instant signingTime) {
        sign(document, signingTime, null);
    }

    /** With {@code bodyDigest} non-null the body reference carries it instead of digesting the (elided) body. */
    private void sign(Document document, Instant signingTime, byte[] bodyDigest) {
        Element root = document.getDocumentElement();
        if (!V3.equals(root.getNamespaceURI()) || !"ClinicalDocument".equals(root.getLocalName())) {
            throw new ArchiveException(ErrorCode.NOT_A_CDA_DOCUMENT, "Only an HL7 CDA R2 ClinicalDocument can be signed");
        }
        Element id = SignedParts.onlyChild(root, V3, "id");
        String documentOid = id == null ? "" : id.getAttribute("root");
        if (documentOid.isEmpty()) {
            throw new ArchiveException(ErrorCode.MISSING_REQUIRED_FIELD, "id@root is missing");
        }
        Element header = SignedParts.onlyChild(root, FINLAND, "localSocialHeader");
        if (header == null) {
            throw new ArchiveException(ErrorCode.MISSING_REQUIRED_FIELD, "hl7fi:localSocialHeader is missing");
        }
        Element body = SignedParts.body(root);
        if (body == null) {
            throw new ArchiveException(ErrorCode.MISSING_REQUIRED_FIELD, "component/nonXMLBody is missing");
        }
        String bodyId = "OID" + documentOid;
        if (body.getAttribute("ID").isEmpty()) {
            body.setAttributeNS(null, "ID", bodyId);
        } else if (!bodyId.equals(body.getAttribute("ID"))) {
            throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, "nonXMLBody@ID must be " + bodyId);
        }

        Element collection = SignedParts.onlyChild(header, FINLAND, "signatureCollection");
        if (collection == null) {
            collection = document.createElementNS(FINLAND, "signatureCollection");
            collection.setAttributeNS(XMLNS, "xmlns", FINLAND);
            header.appendChild(collection);
        }
        String prefix = collection.getPrefix();
        List<Element> existing = children(collection, FINLAND, "signature");
        Set<String> ids = new HashSet<>();
        for (Element signature : existing) {
            ids.add(signature.getAttribute("ID"));
            for (Element timestamp : children(signature, FINLAND, "signatureTimestamp")) {
                ids.add(timestamp.getAttribute("ID"));
            }
        }
        int n = existing.size() + 1;
        while (ids.contains("Arkisto.HL7Finland.Signature." + n) || ids.contains("CDA-aikaleima." + n)) {
            n++;
        }
        String timestampId = "CDA-aikaleima." + n;

        Element signature = element(document, prefix, "signature");
        signature.setAttributeNS(null, "ID", "Arkisto.HL7Finland.Signature." + n);
        Element description = element(document, prefix, "signatureDescription");
        description.setAttributeNS(null, "code", type.code());
        description.setAttributeNS(null, "displayName", type == SignatureType.SYSTEM ? "Järjestelmäallekirjoitus" : "Ammattilaisen sähköinen allekirjoitus");
        description.setAttributeNS(null, "codeSystem", TYPE_CODE_SYSTEM);
        description.setAttributeNS(null, "codeSystemName", "KanTa-palvelut - Sähköisen allekirjoituksen tyyppi");
        Element timestamp = element(document, prefix, "signatureTimestamp");
        timestamp.setAttributeNS(null, "ID", timestampId);
        timestamp.setTextContent(DateTimeFormatter.ISO_INSTANT.format(signingTime));
        signature.appendChild(description);
        signature.appendChild(timestamp);
        collection.appendChild(signature);

        // Sign a copy in the Kanta canonical form, then carry the ds:Signature over into the caller's layout.
        Document copy = (Document) document.cloneNode(true);
        Element copyBody = SignedParts.body(copy.getDocumentElement());
        Element copySignature = lastSignature(copy);
        Element copyTimestamp = SignedParts.onlyChild(copySignature, FINLAND, "signatureTimestamp");
        KantaCanonicalForm.stripWhitespaceOnlyText(copyBody);
        copyBody.setIdAttributeNS(null, "ID", true);
        copyTimestamp.setIdAttributeNS(null, "ID", true);
        Element dsSignature = xmlSignature(copySignature, timestampId, bodyId, bodyDigest);
        signature.appendChild(document.importNode(dsSignature, true));
    }

    private Element xmlSignature(Element parent, String timestampId, String bodyId, byte[] bodyDigest) {
        XMLSignatureFactory factory = FACTORY.get();
        try {
            DigestMethod sha256 = factory.newDigestMethod(DigestMethod.SHA256, null);
            List<Transform> transforms = List.of(
                    factory.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                    factory.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null));
            List<Reference> references = List.of(
                    factory.newReference("#" + timestampId, sha256, transforms, null, null),
                    bodyDigest == null ? factory.newReference("#" + bodyId, sha256, transforms, null, null)
                            // a Reference created with its digest value counts as digested: signing leaves it as is
                            : factory.newReference("#" + bodyId, sha256, transforms, null, null, bodyDigest));
            SignedInfo signedInfo = factory.newSignedInfo(
                    factory.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                    factory.newSignatureMethod(signatureMethod, null), references);
            KeyInfoFactory keyInfos = factory.getKeyInfoFactory();
            KeyInfo keyInfo = keyInfos.newKeyInfo(List.of(keyInfos.newX509Data(keyInfoCertificates)));
            XMLSignature signature = factory.newXMLSignature(signedInfo, keyInfo);
            DOMSignContext context = new DOMSignContext(key, parent);
            context.setDefaultNamespacePrefix("");
            signature.sign(context);
            Node last = parent.getLastChild();
            if (!(last instanceof Element element) || !XMLDSIG.equals(element.getNamespaceURI())) {
                throw new IllegalStateException("The XML-DSig provider did not append the Signature");
            }
            // The JDK wraps Base64 at 76 characters with CR LF, serialised as "&#13;"; Kanta documents carry it
            // unwrapped. Neither element is covered by the signature, so unwrapping changes no digest.
            unwrap(element, "SignatureValue");
            unwrap(element, "X509Certificate");
            return element;
        } catch (GeneralSecurityException | javax.xml.crypto.MarshalException | javax.xml.crypto.dsig.XMLSignatureException e) {
            throw new IllegalStateException("Cannot sign the document", e);
        }
    }

    private static void unwrap(Element signature, String localName) {
        var elements = signature.getElementsByTagNameNS(XMLDSIG, localName);
        for (int i = 0; i < elements.getLength(); i++) {
            Node node = elements.item(i);
            node.setTextContent(withoutLineBreaks(node.getTextContent()));
        }
    }

    /** A regular expression here cost about 5 % of a migration's CPU (profiled); two Base64 values per signature. */
    private static String withoutLineBreaks(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\r' && c != '\n') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static Element lastSignature(Document copy) {
        Element header = SignedParts.onlyChild(copy.getDocumentElement(), FINLAND, "localSocialHeader");
        Element collection = SignedParts.onlyChild(header, FINLAND, "signatureCollection");
        List<Element> signatures = children(collection, FINLAND, "signature");
        return signatures.get(signatures.size() - 1);
    }

    private static Element element(Document document, String prefix, String localName) {
        return document.createElementNS(FINLAND, prefix == null || prefix.isEmpty() ? localName : prefix + ":" + localName);
    }
}
