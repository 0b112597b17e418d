package fi.arkisto.store.signature;

import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.cda.StreamedBody;
import fi.arkisto.store.document.Code;
import fi.arkisto.store.document.DocumentCheck;
import fi.arkisto.store.document.DocumentMetadata;
import fi.arkisto.store.document.SignatureEvidence;
import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.springframework.core.annotation.Order;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.crypto.MarshalException;
import javax.xml.crypto.URIDereferencer;
import javax.xml.crypto.URIReferenceException;
import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignature;
import javax.xml.crypto.dsig.XMLSignatureException;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMValidateContext;
import javax.xml.crypto.dsig.spec.ExcC14NParameterSpec;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Archiving-stage check of the signatures in {@code hl7fi:signatureCollection} (issue 3, "Signatures"; seed 000:
 * "all documents sent to the archive must be signed"; seed 002: decisions and statements need a professional's
 * signature). For every {@code hl7fi:signature}: XML-DSig in the Kanta profile (exclusive C14N; RSA or ECDSA with
 * SHA-256/384/512; exactly one reference to the body {@code #OID<documentOid>} and one to the signature's own
 * {@code signatureTimestamp}, transforms only enveloped-signature and exclusive C14N; nothing else is dereferenced),
 * the signing time not in the future, the certificate trusted at the signing time, and the claimed type
 * (signatureDescription code 1/3 of {@value #TYPE_CODE_SYSTEM}) matching the certificate. Then the rules: at least
 * one valid signature; the configured document types need a valid professional one.
 * <p>One {@link SignatureEvidence} per signature goes into the report, failures included; the first failure
 * refuses the document with its code. The parsed DOM is never modified: IDs are registered and whitespace is
 * normalised (see {@link KantaCanonicalForm}) on a private copy.
 * <p>A document read with its body streamed (issue 5; {@link ParsedDocument#isStreamed()}) is verified on its elided
 * DOM with the body digest computed while streaming; its body reference must be SHA-256 over exclusive C14N
 * (DOCUMENT_TOO_LARGE otherwise), everything else is verified as for a whole document.
 */
@Order(SignatureVerifier.ORDER)
public class SignatureVerifier implements DocumentCheck {

    /** Early: a document whose signature fails need not be examined further. */
    public static final int ORDER = 100;

    static final String CDA = "urn:hl7-org:v3";
    static final String HL7FI = "urn:hl7finland";
    static final String DSIG = XMLSignature.XMLNS;
    static final String TYPE_CODE_SYSTEM = "1.2.246.537.5.40127.2006";
    static final String VALID = "VALID";

    private static final Set<String> SIGNATURE_METHODS = Set.of(
            SignatureMethod.RSA_SHA256, SignatureMethod.RSA_SHA384, SignatureMethod.RSA_SHA512,
            SignatureMethod.ECDSA_SHA256, SignatureMethod.ECDSA_SHA384, SignatureMethod.ECDSA_SHA512);
    private static final Set<String> DIGEST_METHODS = Set.of(DigestMethod.SHA256, DigestMethod.SHA384, DigestMethod.SHA512);
    private static final Set<String> TRANSFORMS = Set.of(Transform.ENVELOPED, CanonicalizationMethod.EXCLUSIVE);

    private static final ThreadLocal<XMLSignatureFactory> FACTORY = ThreadLocal.withInitial(() -> XMLSignatureFactory.getInstance("DOM"));
    private static final ThreadLocal<CertificateFactory> CERTIFICATES = ThreadLocal.withInitial(TrustAnchors::x509);

    private final SignatureProperties properties;
    private final TrustAnchorDirectory anchors;
    private final CertificateClassifier classifier;
    private final Clock clock;

    public SignatureVerifier(SignatureProperties properties) {
        this(properties, TrustAnchorDirectory.load(properties.trustAnchors(), Clock.systemUTC()), Clock.systemUTC());
    }

    public SignatureVerifier(SignatureProperties properties, TrustAnchors anchors, Clock clock) {
        this(properties, TrustAnchorDirectory.fixed(anchors, clock), clock);
    }

    /** Verification against the anchors in force in {@code anchors} at each document (they may be re-read meanwhile). */
    public SignatureVerifier(SignatureProperties properties, TrustAnchorDirectory anchors, Clock clock) {
        this.properties = properties;
        this.anchors = anchors;
        this.classifier = new CertificateClassifier(properties.certificatePolicies());
        this.clock = clock;
    }

    @Override
    public void check(ParsedDocument document, ValidationReport report) {
        List<Outcome> outcomes = evaluate(document.dom(), document.streamed());
        outcomes.forEach(outcome -> report.addSignature(outcome.evidence()));
        for (Outcome outcome : outcomes) {
            if (outcome.failure() != null) {
                throw new ArchiveException(outcome.failure(), "Signature " + outcome.evidence().signatureId() + ": " + outcome.detail());
            }
        }
        requireProfessionalWhereConfigured(document.metadata(), outcomes);
    }

    /**
     * Verifies every signature of a document and returns the evidence, valid or not; throws
     * SIGNATURE_MISSING when there is none, and the specific code when the collection itself is malformed.
     */
    public List<SignatureEvidence> verify(Document dom) {
        return evaluate(dom, null).stream().map(Outcome::evidence).toList();
    }

    record Outcome(SignatureEvidence evidence, ErrorCode failure, String detail) {
    }

    List<Outcome> evaluate(Document dom) {
        return evaluate(dom, null);
    }

    /**
     * With {@code streamed} non-null, {@code dom} is the elided DOM of a document read with its body streamed: each
     * body reference's DigestValue is compared with the digest computed while streaming instead of digesting the
     * DOM; SignedInfo's SignatureValue, the other references, trust, type and evidence are exactly as for a whole DOM.
     */
    List<Outcome> evaluate(Document dom, StreamedBody streamed) {
        Instant verifiedAt = clock.instant();
        // one document is judged against one set of anchors, even if they are re-read meanwhile
        CertificateTrust trust = anchors.trust();
        Document copy = (Document) dom.cloneNode(true);
        SignedParts parts = SignedParts.locate(copy);
        int removed = parts.normaliseWhitespace();
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < parts.signatures.size(); i++) {
            outcomes.add(verifyOne(dom, parts, i, removed > 0, verifiedAt, streamed, trust));
        }
        return outcomes;
    }

    private Outcome verifyOne(Document original, SignedParts parts, int index, boolean whitespaceWasRemoved, Instant verifiedAt,
                              StreamedBody streamed, CertificateTrust trust) {
        SignedParts.Entry entry = parts.signatures.get(index);
        Evidence evidence = new Evidence(entry.id);
        try {
            SignatureType claimed = claimedType(entry.description);
            evidence.type = claimed;
            Instant signingTime = signingTime(entry.timestamp);
            evidence.signingTime = signingTime;
            List<X509Certificate> certificates = certificates(entry.signature);
            X509Certificate certificate = certificates.get(0);
            evidence.certificate = certificate;

            String problem = cryptographicProblem(entry, parts.bodyId, certificate.getPublicKey(),
                    streamed == null ? null : streamed.bodyDigest());
            if (problem != null && whitespaceWasRemoved) {
                // Not the Kanta (.NET) form: try the document as standard XML-DSig sees it, on a fresh copy.
                SignedParts literal = SignedParts.locate((Document) original.cloneNode(true));
                String literalProblem = cryptographicProblem(literal.signatures.get(index), literal.bodyId, certificate.getPublicKey(),
                        streamed == null ? null : streamed.literalBodyDigest());
                problem = literalProblem == null ? null : problem;
            }
            if (problem != null) {
                return evidence.fail(ErrorCode.SIGNATURE_INVALID, problem, verifiedAt);
            }
            if (signingTime.isAfter(clock.instant().plus(properties.clockSkew()))) {
                return evidence.fail(ErrorCode.SIGNATURE_TIME_IN_FUTURE, "The signing time " + signingTime + " lies in the future", verifiedAt);
            }
            CertificateTrust.Verdict verdict = trust.judge(certificate, certificates.subList(1, certificates.size()), signingTime);
            if (!verdict.trusted()) {
                return evidence.fail(verdict.failure(), verdict.detail(), verifiedAt);
            }
            SignatureType actual = classifier.classify(certificate);
            if (actual != claimed) {
                return evidence.fail(ErrorCode.SIGNATURE_TYPE_MISMATCH, "The signature claims type " + claimed.code() + " (" + claimed
                        + ") but its certificate identifies " + (actual == null ? "neither a system nor a person" : actual.name().toLowerCase() + " signer"), verifiedAt);
            }
            return evidence.pass(verifiedAt);
        } catch (ArchiveException e) {
            return evidence.fail(e.code(), e.detail(), verifiedAt);
        }
    }

    private static SignatureType claimedType(Element description) {
        String code = description.getAttribute("code");
        String codeSystem = description.getAttribute("codeSystem");
        SignatureType type = SignatureType.fromCode(code);
        if (type == null || (!codeSystem.isEmpty() && !TYPE_CODE_SYSTEM.equals(codeSystem))) {
            throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, "signatureDescription code '" + abbreviate(code) + "' in code system '"
                    + abbreviate(codeSystem) + "' is not a signature type of " + TYPE_CODE_SYSTEM);
        }
        return type;
    }

    static Instant signingTime(Element timestamp) {
        String text = timestamp.getTextContent().strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, "signatureTimestamp '" + abbreviate(text) + "' is not an ISO 8601 instant");
        }
    }

    /** The certificates a signature's KeyInfo carries, the signer's first. */
    static List<X509Certificate> certificates(Element signature) {
        List<X509Certificate> certificates = new ArrayList<>();
        Element keyInfo = SignedParts.onlyChild(signature, DSIG, "KeyInfo");
        if (keyInfo != null) {
            for (Element data : SignedParts.children(keyInfo, DSIG, "X509Data")) {
                for (Element encoded : SignedParts.children(data, DSIG, "X509Certificate")) {
                    try {
                        byte[] der = Base64.getMimeDecoder().decode(encoded.getTextContent());
                        certificates.add((X509Certificate) CERTIFICATES.get().generateCertificate(new ByteArrayInputStream(der)));
                    } catch (IllegalArgumentException | CertificateException e) {
                        throw new ArchiveException(ErrorCode.SIGNATURE_INVALID, "KeyInfo holds a certificate that cannot be read");
                    }
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new ArchiveException(ErrorCode.SIGNATURE_INVALID, "KeyInfo carries no X509Certificate");
        }
        return certificates;
    }

    /** Null when the signature verifies over exactly the body and its own timestamp; otherwise what is wrong. */
    private static String cryptographicProblem(SignedParts.Entry entry, String bodyId, PublicKey key, byte[] streamedBodyDigest) {
        String bodyUri = "#" + bodyId;
        String timestampUri = "#" + entry.timestampId;
        Set<String> allowed = Set.of(bodyUri, timestampUri);
        XMLSignatureFactory factory = FACTORY.get();
        DOMValidateContext context = new DOMValidateContext(key, entry.signature);
        context.setProperty("org.jcp.xml.dsig.secureValidation", Boolean.TRUE);
        URIDereferencer sameDocumentOnly = factory.getURIDereferencer();
        context.setURIDereferencer((reference, ctx) -> {
            if (!allowed.contains(reference.getURI())) {
                throw new URIReferenceException("Reference to " + abbreviate(reference.getURI()) + " is not allowed");
            }
            return sameDocumentOnly.dereference(reference, ctx);
        });
        try {
            XMLSignature signature = factory.unmarshalXMLSignature(context);
            String profile = profileProblem(signature, allowed, bodyUri, timestampUri);
            if (profile != null) {
                return profile;
            }
            if (streamedBodyDigest != null) {
                return streamedProblem(signature, context, bodyUri, streamedBodyDigest);
            }
            if (signature.validate(context)) {
                return null;
            }
            if (!signature.getSignatureValue().validate(context)) {
                return "the signature value does not match SignedInfo";
            }
            for (Object o : signature.getSignedInfo().getReferences()) {
                Reference reference = (Reference) o;
                if (!reference.validate(context)) {
                    return "the digest of " + (reference.getURI().equals(bodyUri) ? "the body" : "the signed timestamp") + " does not match";
                }
            }
            return "the signature does not verify";
        } catch (ArchiveException e) {
            throw e;
        } catch (MarshalException | XMLSignatureException | RuntimeException e) {
            return "the signature cannot be verified: " + e.getMessage();
        }
    }

    /** {@link #cryptographicProblem} for an elided DOM: the body's digest was computed while the body streamed. */
    private static String streamedProblem(XMLSignature signature, DOMValidateContext context, String bodyUri,
                                          byte[] bodyDigest) throws XMLSignatureException {
        Reference body = null;
        for (Object o : signature.getSignedInfo().getReferences()) {
            Reference reference = (Reference) o;
            if (reference.getURI().equals(bodyUri)) {
                requireStreamable(reference);
                body = reference;
            }
        }
        if (!signature.getSignatureValue().validate(context)) {
            return "the signature value does not match SignedInfo";
        }
        for (Object o : signature.getSignedInfo().getReferences()) {
            Reference reference = (Reference) o;
            if (reference != body && !reference.validate(context)) {
                return "the digest of the signed timestamp does not match";
            }
        }
        if (body == null || !MessageDigest.isEqual(body.getDigestValue(), bodyDigest)) {
            return "the digest of the body does not match";
        }
        return null;
    }

    /**
     * The body of a streamed document is digested in one way only: SHA-256 over its exclusive C14N (after an
     * optional enveloped-signature transform, which changes nothing in a body that holds no signature), with no
     * InclusiveNamespaces prefix list. Other forms are valid XML-DSig and verify when the document is read whole.
     */
    private static void requireStreamable(Reference body) {
        List<?> transforms = body.getTransforms();
        boolean profile = DigestMethod.SHA256.equals(body.getDigestMethod().getAlgorithm())
                && !transforms.isEmpty() && transforms.size() <= 2;
        for (int i = 0; profile && i < transforms.size(); i++) {
            Transform transform = (Transform) transforms.get(i);
            boolean last = i == transforms.size() - 1;
            profile = last ? CanonicalizationMethod.EXCLUSIVE.equals(transform.getAlgorithm()) && noPrefixList(transform)
                    : Transform.ENVELOPED.equals(transform.getAlgorithm());
        }
        if (!profile) {
            throw new ArchiveException(ErrorCode.DOCUMENT_TOO_LARGE, "A document above the in-memory limit is verified "
                    + "with its body streamed, which needs the body reference digested with SHA-256 over exclusive C14N "
                    + "(optionally after enveloped-signature) without an InclusiveNamespaces prefix list");
        }
    }

    private static boolean noPrefixList(Transform transform) {
        return transform.getParameterSpec() == null
                || transform.getParameterSpec() instanceof ExcC14NParameterSpec spec && spec.getPrefixList().isEmpty();
    }

    private static String profileProblem(XMLSignature signature, Set<String> allowed, String bodyUri, String timestampUri) {
        var signedInfo = signature.getSignedInfo();
        if (!CanonicalizationMethod.EXCLUSIVE.equals(signedInfo.getCanonicalizationMethod().getAlgorithm())) {
            return "SignedInfo must use exclusive C14N";
        }
        if (!SIGNATURE_METHODS.contains(signedInfo.getSignatureMethod().getAlgorithm())) {
            return "signature method " + signedInfo.getSignatureMethod().getAlgorithm() + " is not accepted";
        }
        Set<String> covered = new HashSet<>();
        for (Object o : signedInfo.getReferences()) {
            Reference reference = (Reference) o;
            String uri = reference.getURI();
            if (uri == null || !allowed.contains(uri)) {
                return "a reference names " + abbreviate(uri) + ", neither the body nor this signature's timestamp";
            }
            if (!covered.add(uri)) {
                return "the reference to " + uri + " appears twice";
            }
            if (!DIGEST_METHODS.contains(reference.getDigestMethod().getAlgorithm())) {
                return "digest method " + reference.getDigestMethod().getAlgorithm() + " is not accepted";
            }
            for (Object t : reference.getTransforms()) {
                String algorithm = ((Transform) t).getAlgorithm();
                if (!TRANSFORMS.contains(algorithm)) {
                    return "transform " + algorithm + " is not accepted";
                }
            }
        }
        if (!covered.contains(bodyUri) || !covered.contains(timestampUri)) {
            return "the signature must cover both the body " + bodyUri + " and its timestamp " + timestampUri;
        }
        return null;
    }

    private void requireProfessionalWhereConfigured(DocumentMetadata metadata, List<Outcome> outcomes) {
        if (metadata == null) {
            return;
        }
        SignatureProperties.ProfessionalRequired table = properties.professionalRequired();
        String reason = null;
        if (listed(table.generalDocumentTypes(), metadata.generalDocumentType())) {
            reason = "general document type " + metadata.generalDocumentType().code();
        } else if (listed(table.specificDocumentTypes(), metadata.specificDocumentType())) {
            reason = "specific document type " + metadata.specificDocumentType().code();
        } else if (listed(table.documentGroups(), metadata.documentGroup())) {
            reason = "document group " + metadata.documentGroup().code();
        }
        if (reason == null) {
            return;
        }
        boolean professional = outcomes.stream().anyMatch(o -> o.failure() == null && o.evidence().type() == SignatureType.PROFESSIONAL);
        if (!professional) {
            throw new ArchiveException(ErrorCode.PROFESSIONAL_SIGNATURE_REQUIRED,
                    "A document of " + reason + " needs a valid professional signature (type 1)");
        }
    }

    private static boolean listed(List<String> codes, Code code) {
        return code != null && code.code() != null && codes.contains(code.code());
    }

    static String abbreviate(String value) {
        if (value == null) {
            return "(none)";
        }
        return value.length() > 80 ? value.substring(0, 80) + "..." : value;
    }

    private static final class Evidence {
        final String id;
        SignatureType type;
        Instant signingTime;
        X509Certificate certificate;

        Evidence(String id) {
            this.id = id;
        }

        Outcome pass(Instant verifiedAt) {
            return new Outcome(build(true, VALID, verifiedAt), null, null);
        }

        Outcome fail(ErrorCode code, String detail, Instant verifiedAt) {
            return new Outcome(build(false, code.name(), verifiedAt), code, detail);
        }

        private SignatureEvidence build(boolean valid, String result, Instant verifiedAt) {
            return new SignatureEvidence(id, type,
                    certificate == null ? null : CertificateClassifier.signer(certificate, type),
                    valid, result, signingTime,
                    certificate == null ? null : certificate.getSubjectX500Principal().toString(),
                    certificate == null ? null : certificate.getIssuerX500Principal().toString(),
                    certificate == null ? null : certificate.getSerialNumber().toString(16),
                    verifiedAt);
        }
    }
}
