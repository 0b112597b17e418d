package fi.arkisto.store.signature;

import fi.arkisto.store.access.ActingOrganisations;
import fi.arkisto.store.access.ActingRelation;
import fi.arkisto.store.access.ConfiguredProducers;
import fi.arkisto.store.cda.Code;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.cda.StreamedBody;
import fi.arkisto.store.document.DocumentCheck;
import fi.arkisto.store.document.Intake;
import fi.arkisto.store.document.SignatureEvidence;
import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.hl7.KantaCodeSystems;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.springframework.core.annotation.Order;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import static fi.arkisto.store.hl7.Hl7Elements.children;
import static fi.arkisto.store.hl7.Hl7Namespaces.XMLDSIG;

/**
 * Archiving-stage check of the signatures in {@code hl7fi:signatureCollection} (docs/trust.md; kanta.fi, "Phase 2 functionalities in social welfare services":
 * "all documents sent to the archive must be signed"; kanta.fi, "Functionalities of the Client Data Repository for Social Welfare Services": decisions and statements need a professional's
 * signature; what is checked and what is not: docs/trust.md). For every {@code hl7fi:signature}: XML-DSig in the
 * Kanta profile ({@link KantaXmlSignature}: exclusive C14N; RSA or ECDSA with SHA-256/384/512, a weak digest refused
 * by name; exactly one reference to the body {@code #OID<documentOid>} and one to the signature's own
 * {@code signatureTimestamp}, transforms only enveloped-signature and exclusive C14N; nothing else is dereferenced),
 * the signing time not after
 * the document's arrival, the certificate fit for signing, strong enough and trusted at the signing time
 * ({@link CertificateTrust}), for an online arrival the signing time bounded by the arrival when the certificate has
 * expired since, the claimed type (signatureDescription code 1/3 of {@value #TYPE_CODE_SYSTEM}) matching the
 * certificate, and a system certificate's organisation being the register's controller or acting for it
 * ({@link ActingOrganisations}). Then the rules: at least one valid signature; the configured document types need a
 * valid professional one.
 * <p>One {@link SignatureEvidence} per signature goes into the report, failures included; the first failure
 * refuses the document with its code. The parsed DOM is never modified: IDs are registered and whitespace is
 * normalised (see {@link KantaCanonicalForm}) on a private copy.
 * <p>A document read with its body streamed (docs/write-path.md; {@link ParsedDocument#isStreamed()}) is verified on its elided
 * DOM with the body digest computed while streaming; its body reference must be SHA-256 over exclusive C14N
 * (DOCUMENT_TOO_LARGE otherwise), everything else is verified as for a whole document.
 */
@Order(SignatureVerifier.ORDER)
public class SignatureVerifier implements DocumentCheck {

    /** Early: a document whose signature fails need not be examined further. */
    public static final int ORDER = 100;

    static final String TYPE_CODE_SYSTEM = KantaCodeSystems.SIGNATURE_TYPE;
    static final String VALID = "VALID";

    private static final ThreadLocal<CertificateFactory> CERTIFICATES = ThreadLocal.withInitial(TrustAnchors::x509);

    private final SignatureProperties properties;
    private final CertificateStrength strength;
    private final TrustAnchorDirectory anchors;
    /** The judge of the anchors in force, made anew when the directory was re-read. */
    private volatile JudgedAnchors judged;
    private final CertificateClassifier classifier;
    private final ActingOrganisations acting;
    private final Clock clock;

    public SignatureVerifier(SignatureProperties properties) {
        this(properties, TrustAnchorDirectory.load(properties.trustAnchors()), producers(properties), Clock.systemUTC());
    }

    /** Producers from the properties ({@code arkisto.signature.producers}). */
    public SignatureVerifier(SignatureProperties properties, TrustAnchors anchors, Clock clock) {
        this(properties, anchors, producers(properties), clock);
    }

    public SignatureVerifier(SignatureProperties properties, TrustAnchors anchors, ActingOrganisations acting, Clock clock) {
        this(properties, TrustAnchorDirectory.fixed(anchors), acting, clock);
    }

    /** Verification against the anchors in force in {@code anchors} at each document (they may be re-read meanwhile). */
    public SignatureVerifier(SignatureProperties properties, TrustAnchorDirectory anchors, ActingOrganisations acting, Clock clock) {
        this.properties = properties;
        this.strength = new CertificateStrength(properties.strength());
        this.anchors = anchors;
        this.classifier = new CertificateClassifier(properties.certificatePolicies());
        this.acting = acting;
        this.clock = clock;
    }

    private record JudgedAnchors(TrustAnchors anchors, CertificateTrust trust) {
    }

    /** The trust of the anchors in force now; its caches live as long as those anchors. */
    private CertificateTrust trust() {
        TrustAnchors inForce = anchors.anchors();
        JudgedAnchors current = judged;
        if (current == null || current.anchors() != inForce) {
            current = new JudgedAnchors(inForce, new CertificateTrust(inForce, strength, clock));
            judged = current;
        }
        return current.trust();
    }

    /** The configured producers as {@link ActingOrganisations}. */
    public static ActingOrganisations producers(SignatureProperties properties) {
        return new ConfiguredProducers(properties.producers().stream()
                .map(p -> new ConfiguredProducers.Producer(p.organisation(), p.name(), p.actsFor())).toList());
    }

    /** As for a document arriving now through an online channel ({@link Intake.Channel#UNSPECIFIED}). */
    @Override
    public void check(ParsedDocument document, ValidationReport report) {
        check(document, Intake.unspecified(clock.instant()), report);
    }

    @Override
    public void check(ParsedDocument document, Intake intake, ValidationReport report) {
        String controller = document.metadata() == null ? null : document.metadata().controllerOid();
        String client = document.metadata() == null ? null : document.metadata().clientId();
        List<Outcome> outcomes = evaluate(document.dom(), document.streamed(), controller, client, intake);
        outcomes.forEach(outcome -> report.addSignature(outcome.evidence()));
        for (Outcome outcome : outcomes) {
            if (outcome.failure() != null) {
                throw new ArchiveException(outcome.failure(), "Signature " + outcome.evidence().signatureId() + ": " + outcome.detail());
            }
        }
        requireProfessionalWhereConfigured(document, intake, outcomes);
    }

    record Outcome(SignatureEvidence evidence, ErrorCode failure, String detail) {
    }

    /**
     * With {@code streamed} non-null, {@code dom} is the elided DOM of a document read with its body streamed: each
     * body reference's DigestValue is compared with the digest computed while streaming instead of digesting the
     * DOM; SignedInfo's SignatureValue, the other references, trust, type and evidence are exactly as for a whole DOM.
     */
    List<Outcome> evaluate(Document dom, StreamedBody streamed, String controller, Intake intake) {
        return evaluate(dom, streamed, controller, null, intake);
    }

    /** @param client the document's client, whose facts may say who acts for the controller (a provider), or null */
    List<Outcome> evaluate(Document dom, StreamedBody streamed, String controller, String client, Intake intake) {
        Instant verifiedAt = clock.instant();
        // one document is judged against one set of anchors, even if they are re-read meanwhile
        CertificateTrust trust = trust();
        Document copy = (Document) dom.cloneNode(true);
        SignedParts parts = SignedParts.locate(copy);
        int removed = parts.normaliseWhitespace();
        List<Outcome> outcomes = new ArrayList<>();
        for (int i = 0; i < parts.signatures.size(); i++) {
            outcomes.add(verifyOne(dom, parts, i, removed > 0, new Evidence(parts.signatures.get(i).id, intake, verifiedAt),
                    streamed, controller, client, trust));
        }
        return outcomes;
    }

    private Outcome verifyOne(Document original, SignedParts parts, int index, boolean whitespaceWasRemoved, Evidence evidence,
                              StreamedBody streamed, String controller, String client, CertificateTrust trust) {
        SignedParts.Entry entry = parts.signatures.get(index);
        try {
            SignatureType claimed = claimedType(entry.description);
            evidence.type = claimed;
            Instant signingTime = signingTime(entry.timestamp);
            evidence.signingTime = signingTime;
            List<X509Certificate> certificates = certificates(entry.signature);
            X509Certificate certificate = certificates.get(0);
            evidence.certificate = certificate;

            CertificateStrength.Problem weakAlgorithm = strength.xmlSignature(entry.signature);
            if (weakAlgorithm != null) {
                return evidence.fail(weakAlgorithm.code(), weakAlgorithm.detail());
            }
            String problem = KantaXmlSignature.problem(entry, parts.bodyId, certificate.getPublicKey(),
                    streamed == null ? null : streamed.bodyDigest());
            if (problem != null && whitespaceWasRemoved) {
                // Not the Kanta (.NET) form: try the document as standard XML-DSig sees it, on a fresh copy.
                SignedParts literal = SignedParts.locate((Document) original.cloneNode(true));
                String literalProblem = KantaXmlSignature.problem(literal.signatures.get(index), literal.bodyId, certificate.getPublicKey(),
                        streamed == null ? null : streamed.literalBodyDigest());
                problem = literalProblem == null ? null : problem;
            }
            if (problem != null) {
                return evidence.fail(ErrorCode.SIGNATURE_INVALID, problem);
            }
            Instant arrivedAt = evidence.intake.arrivedAt();
            if (signingTime.isAfter(arrivedAt.plus(properties.clockSkew()))) {
                return evidence.fail(ErrorCode.SIGNATURE_TIME_IN_FUTURE, "The signing time " + signingTime
                        + " lies after the document's arrival at " + arrivedAt);
            }
            CertificateTrust.Verdict verdict = trust.judge(certificate, certificates.subList(1, certificates.size()), signingTime);
            if (!verdict.trusted()) {
                return evidence.fail(verdict.failure(), verdict.detail());
            }
            String backdated = backdatingProblem(verdict.path(), signingTime, evidence.intake);
            if (backdated != null) {
                return evidence.fail(ErrorCode.SIGNATURE_TIME_BEFORE_ARRIVAL_WINDOW, backdated);
            }
            SignatureType actual = classifier.classify(certificate);
            if (actual != claimed) {
                return evidence.fail(ErrorCode.SIGNATURE_TYPE_MISMATCH, "The signature claims type " + claimed.code() + " (" + claimed
                        + ") but its certificate identifies " + (actual == null ? "neither a system nor a person" : actual.name().toLowerCase() + " signer"));
            }
            if (actual == SignatureType.SYSTEM && controller != null) {
                String organisation = CertificateClassifier.subjectAttribute(certificate, BCStyle.SERIALNUMBER);
                evidence.signerOrganisation = organisation;
                Optional<ActingRelation> relation = acting.relation(organisation, controller, client, signingTime);
                if (relation.isEmpty()) {
                    return evidence.fail(ErrorCode.SIGNATURE_ORGANISATION_MISMATCH, "The system certificate belongs to organisation "
                            + organisation + ", which is not the register's controller " + controller + " and does not act for it");
                }
                evidence.relation = relation.get();
            }
            return evidence.pass();
        } catch (ArchiveException e) {
            return evidence.fail(e.code(), e.detail());
        }
    }

    /**
     * The signing time is the signer's own claim. For a document signed outside the archive it is believed only as
     * far as the arrival vouches for it: a certificate no longer valid when the document arrived must have signed within
     * {@code arrival-window} before the arrival, or an expired (possibly leaked) key could sign anything "in the past".
     */
    private String backdatingProblem(List<X509Certificate> path, Instant signingTime, Intake intake) {
        if (!intake.online() || CertificateTrust.validThroughout(path, intake.arrivedAt())) {
            return null;
        }
        Instant earliest = intake.arrivedAt().minus(properties.arrivalWindow());
        if (!signingTime.isBefore(earliest)) {
            return null;
        }
        return "The certificate path was no longer valid when the document arrived at " + intake.arrivedAt()
                + " and the claimed signing time " + signingTime + " lies more than " + properties.arrivalWindow()
                + " (arkisto.signature.arrival-window) before that arrival";
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
        Element keyInfo = SignedParts.onlyChild(signature, XMLDSIG, "KeyInfo");
        if (keyInfo != null) {
            for (Element data : children(keyInfo, XMLDSIG, "X509Data")) {
                for (Element encoded : children(data, XMLDSIG, "X509Certificate")) {
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

    private void requireProfessionalWhereConfigured(ParsedDocument document, Intake intake, List<Outcome> outcomes) {
        DocumentMetadata metadata = document.metadata();
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
        } else if (table.unstructuredDocuments() && intake.online() && document.structuredForm() == null) {
            // no signed part of an unstructured document states its type (docs/trust.md)
            reason = "an unstructured document (arkisto.signature.professional-required.unstructured-documents)";
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
        final Intake intake;
        final Instant verifiedAt;
        SignatureType type;
        Instant signingTime;
        X509Certificate certificate;
        String signerOrganisation;
        ActingRelation relation;

        Evidence(String id, Intake intake, Instant verifiedAt) {
            this.id = id;
            this.intake = intake;
            this.verifiedAt = verifiedAt;
        }

        Outcome pass() {
            return new Outcome(build(true, VALID), null, null);
        }

        Outcome fail(ErrorCode code, String detail) {
            return new Outcome(build(false, code.name()), code, detail);
        }

        private SignatureEvidence build(boolean valid, String result) {
            return new SignatureEvidence(id, type,
                    certificate == null ? null : CertificateClassifier.signer(certificate, type),
                    valid, result, signingTime,
                    certificate == null ? null : certificate.getSubjectX500Principal().toString(),
                    certificate == null ? null : certificate.getIssuerX500Principal().toString(),
                    certificate == null ? null : certificate.getSerialNumber().toString(16),
                    verifiedAt, intake.arrivedAt(), intake.channel().name(), signerOrganisation,
                    relation == null ? null : relation.kind().name(), relation == null ? null : relation.basis());
        }
    }
}
