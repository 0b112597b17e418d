package fi.arkisto.store.cda;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.hl7.Hl7Timestamp;
import fi.arkisto.store.identity.IdentityCodeRedaction;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.identity.PersonalIdentityCode;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import static fi.arkisto.store.hl7.Hl7Elements.attribute;
import static fi.arkisto.store.hl7.Hl7Elements.child;
import static fi.arkisto.store.hl7.Hl7Elements.firstChild;
import static fi.arkisto.store.hl7.Hl7Elements.is;
import static fi.arkisto.store.hl7.Hl7Elements.nextSibling;
import static fi.arkisto.store.hl7.Hl7Elements.path;
import static fi.arkisto.store.hl7.Hl7Elements.present;
import static fi.arkisto.store.hl7.Hl7Elements.text;
import static fi.arkisto.store.hl7.Hl7Namespaces.FINLAND;
import static fi.arkisto.store.hl7.Hl7Namespaces.V3;
import static fi.arkisto.store.hl7.Hl7Namespaces.XMLDSIG;

/**
 * Reads a Kanta social welfare CDA R2 document as client information systems send it (the real sample {@code asiakkuusasiakirja_S.xml}): the CDA header,
 * the {@code urn:hl7finland} local social header (matched by namespace, whatever its prefix), the
 * Base64 XHTML display form in {@code nonXMLBody/text}, the Base64 JSON structured form
 * {@code hl7fi:json} when present, and the signature collection.
 *
 * <p>Parsing goes through {@link SecureXml}: no DTDs or entities, bounded size and depth. A
 * missing required field, an invalid OID, an invalid personal identity code (root
 * {@code 1.2.246.21}), a malformed timestamp or Base64 part each get their own
 * {@link ErrorCode}, naming the field; identity codes are only ever shown masked.
 * Every XML ID is unique ({@link XmlIds}, DUPLICATE_ID); a code attribute is taken exactly as written
 * (INVALID_CODE for whitespace or anything but visible ASCII, never trimmed into a valid code).
 * Elements carrying {@code nullFlavor} count as absent. A single-valued element given twice
 * ({@code id}, {@code setId}, {@code versionNumber}, the local header's fields, the body's
 * {@code text}...) is refused as {@code INVALID_FIELD_VALUE} rather than resolved by picking one.
 * When the client's {@code patientRole} lists several ids, the personal identity code is the
 * client id.
 *
 * <p>Thread-safe; one instance serves the whole application. The returned DOM is not: even
 * reading a Xerces DOM updates internal caches, so confine each {@link ParsedDocument} to one
 * thread at a time.
 */
public final class CdaParser {

    private static final ThreadLocal<CertificateFactory> CERTIFICATE_FACTORY = ThreadLocal.withInitial(() -> {
        try {
            return CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("The JDK has no X.509 certificate factory", e);
        }
    });

    private static final int SUBJECT_CACHE_SIZE = 256;
    private static final Cache<String, String> SUBJECTS = Caffeine.newBuilder().maximumSize(SUBJECT_CACHE_SIZE).build();

    private final XmlLimits limits;
    private final CdaParserLimits streamedLimits;

    public CdaParser() {
        this(CdaParserLimits.defaults());
    }

    public CdaParser(CdaParserLimits limits) {
        this.limits = limits.toXmlLimits();
        this.streamedLimits = limits;
    }

    public CdaParserLimits limits() {
        return streamedLimits;
    }

    /**
     * Reads a submitted document; its content is judged first ({@link ActiveContent}).
     *
     * @throws ArchiveException MALFORMED_XML, XML_DTD_FORBIDDEN, XML_TOO_DEEP, DOCUMENT_TOO_LARGE,
     *                          NOT_A_CDA_DOCUMENT, ACTIVE_CONTENT_FORBIDDEN, CONTROL_CHARACTER_FORBIDDEN, DUPLICATE_ID,
     *                          MISSING_REQUIRED_FIELD, INVALID_OID, INVALID_IDENTITY_CODE, INVALID_FIELD_VALUE, INVALID_CODE,
     *                          INVALID_BASE64
     */
    public ParsedDocument parse(byte[] xml) {
        return read(SecureXml.parseDocument(xml, limits), null, true);
    }

    /**
     * Reads a document the archive already holds (to decode its display form), without judging its content again
     * ({@link ActiveContent}): it was judged when it was archived, and what an earlier release archived stays
     * readable; serving it inert is the read path's concern.
     *
     * @throws ArchiveException as {@link #parse(byte[])} for what cannot be read at all
     */
    public ParsedDocument readArchived(byte[] xml) {
        return read(SecureXml.parseDocument(xml, limits), null, false);
    }

    /**
     * Reads a document from a file: one no larger than the in-memory limit exactly as {@link #parse(byte[])}
     * (then {@code displayFormFile} is not written); a larger one with its body streamed ({@link BodySplitter}):
     * the decoded display form is written to {@code displayFormFile} (created or truncated) and the result carries
     * the elided DOM and a {@link StreamedBody}.
     *
     * @throws ArchiveException as {@link #parse(byte[])}, and DOCUMENT_TOO_LARGE for a large document not in the
     *                          Kanta body form or above {@link CdaParserLimits#maxStreamedDocumentBytes()}
     */
    public ParsedDocument parse(Path cda, Path displayFormFile) {
        try {
            long size = Files.size(cda);
            if (size <= streamedLimits.maxDocumentBytes()) {
                return parse(Files.readAllBytes(cda));
            }
            if (size > streamedLimits.maxStreamedDocumentBytes()) {
                throw new ArchiveException(ErrorCode.DOCUMENT_TOO_LARGE, "The document has " + size
                        + " bytes; at most " + streamedLimits.maxStreamedDocumentBytes() + " are accepted");
            }
            return parseStreamed(cda, displayFormFile, streamedLimits);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + cda, e);
        }
    }

    /** The streamed read whatever the size (tests prove both reads agree on small documents). */
    ParsedDocument parseStreamed(Path cda, Path displayFormFile, CdaParserLimits limits) throws IOException {
        BodySplitter.Split split;
        try (InputStream in = Files.newInputStream(cda);
             OutputStream display = new BufferedOutputStream(Files.newOutputStream(displayFormFile), 64 * 1024)) {
            split = BodySplitter.split(in, limits, display, null);
        }
        return read(split.elided(), new StreamedBody(displayFormFile, split.displayFormBytes(), split.bodyDigest(),
                split.literalBodyDigest(), split.bodyWhitespace(), split.sha256(), split.size()), true);
    }

    private ParsedDocument read(Document dom, StreamedBody streamed, boolean judgeContent) {
        Element root = dom.getDocumentElement();
        if (!V3.equals(root.getNamespaceURI()) || !"ClinicalDocument".equals(root.getLocalName())) {
            throw new ArchiveException(ErrorCode.NOT_A_CDA_DOCUMENT, "The root element is {"
                    + SecureXml.safe(String.valueOf(root.getNamespaceURI())) + "}"
                    + SecureXml.safe(root.getLocalName() == null ? root.getNodeName() : root.getLocalName())
                    + ", not {urn:hl7-org:v3}ClinicalDocument");
        }
        if (judgeContent) {
            // before any field is read: an XInclude standing in for the id is refused as what it is
            ActiveContent.check(dom);
            XmlIds.requireUnique(root);
        }

        String documentOid = requiredOid(attribute(one(root, V3, "id"), "root"), "id@root");
        String setId = requiredOid(attribute(one(root, V3, "setId"), "root"), "setId@root");
        int versionNumber = versionNumber(attribute(one(root, V3, "versionNumber"), "value"));

        Element patientId = clientId(path(root, V3, "recordTarget", "patientRole"));
        String clientIdRoot = requiredOid(attribute(patientId, "root"), "recordTarget/patientRole/id@root");
        String clientId = required(attribute(patientId, "extension"), "recordTarget/patientRole/id@extension");
        if (PersonalIdentityCode.CODE_SYSTEM.equals(clientIdRoot)) {
            String problem = PersonalIdentityCode.problemWith(clientId);
            if (problem != null) {
                throw new ArchiveException(ErrorCode.INVALID_IDENTITY_CODE,
                        "recordTarget/patientRole/id@extension is not a valid personal identity code ("
                                + IdentityCodeRedaction.maskCode(clientId) + "): " + problem);
            }
        }

        String controllerOid = requiredOid(attribute(path(one(root, V3, "custodian"), V3, "assignedCustodian",
                "representedCustodianOrganization", "id"), "root"),
                "custodian/assignedCustodian/representedCustodianOrganization/id@root");

        Element encounter = path(one(root, V3, "componentOf"), V3, "encompassingEncounter");
        String caseId = optionalOid(attribute(path(encounter, V3, "id"), "root"),
                "componentOf/encompassingEncounter/id@root");
        String serviceUnitOid = optionalOid(attribute(serviceUnitId(encounter), "root"),
                "componentOf/encompassingEncounter/encounterParticipant[@typeCode='ADM']"
                        + "/assignedEntity/representedOrganization/id@root");

        String effectiveValue = required(attribute(one(root, V3, "effectiveTime"), "value"), "effectiveTime@value");
        OffsetDateTime effectiveTime = Hl7Timestamp.parse(effectiveValue, "effectiveTime@value");

        Element header = one(root, FINLAND, "localSocialHeader");
        if (header == null) {
            throw missing("hl7fi:localSocialHeader");
        }
        Code documentGroup = code(one(header, FINLAND, "documentGroup"));
        if (documentGroup == null || documentGroup.code() == null) {
            throw missing("hl7fi:localSocialHeader/hl7fi:documentGroup@code");
        }
        String creationValue = attribute(one(header, FINLAND, "creationTime"), "value");
        OffsetDateTime creationTime = creationValue == null ? null
                : Hl7Timestamp.parse(creationValue, "hl7fi:creationTime@value");
        String serviceOrganiserOid = optionalOid(attribute(one(header, FINLAND, "outsourcingServiceCustomer"), "root"),
                "hl7fi:outsourcingServiceCustomer@root");
        String contentSpecificationId = optionalOid(text(one(header, FINLAND, "contentSpecificationId")),
                "hl7fi:contentSpecificationId");
        String clientRelationshipId = optionalOid(attribute(one(header, FINLAND, "encompassingClientRelationship"),
                "root"), "hl7fi:encompassingClientRelationship@root");
        String replacesDocumentOid = optionalOid(replacedDocumentId(root),
                "relatedDocument[@typeCode='RPLC']/parentDocument/id@root");

        Element bodyElement = one(one(root, V3, "component"), V3, "nonXMLBody");
        Element displayText = one(bodyElement, V3, "text");
        byte[] displayForm = streamed == null ? displayForm(displayText) : checkStreamedDisplayForm(displayText, streamed);
        String displayMediaType = attribute(displayText, "mediaType");
        byte[] structuredForm = structuredForm(one(bodyElement, FINLAND, "json"));

        DocumentMetadata metadata = new DocumentMetadata(
                new DocumentOid(documentOid),
                setId,
                versionNumber,
                clientId,
                clientIdRoot,
                controllerOid,
                serviceOrganiserOid,
                serviceUnitOid,
                code(one(header, FINLAND, "functionCode")),
                documentGroup,
                code(one(root, V3, "code")),
                code(one(header, FINLAND, "specificDocumentType")),
                code(one(root, V3, "confidentialityCode")),
                contentSpecificationId,
                effectiveTime,
                creationTime,
                caseId,
                clientRelationshipId,
                code(one(header, FINLAND, "totalRetentionPeriodClass")),
                code(one(header, FINLAND, "recordStatus")),
                code(one(header, FINLAND, "registryType")),
                software(one(header, FINLAND, "softwareSupport")),
                replacesDocumentOid,
                reasonOfCorrection(root, header),
                text(one(root, V3, "title")),
                attribute(one(root, V3, "languageCode"), "code"),
                signatures(one(header, FINLAND, "signatureCollection")));
        // CDA's default for ED.mediaType is text/plain.
        return new ParsedDocument(metadata, displayForm, displayMediaType == null ? "text/plain" : displayMediaType,
                structuredForm, dom, streamed);
    }

    // ---------------------------------------------------------------- header parts

    private static int versionNumber(String value) {
        String field = "versionNumber@value";
        required(value, field);
        int version;
        try {
            version = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE,
                    field + " must be a positive integer, was '" + shorten(value) + "'");
        }
        if (version < 1) {
            throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, field + " must be a positive integer, was " + version);
        }
        return version;
    }

    private static Element serviceUnitId(Element encounter) {
        for (Element participant = firstChild(encounter); participant != null; participant = nextSibling(participant)) {
            if (is(participant, V3, "encounterParticipant") && "ADM".equals(participant.getAttribute("typeCode"))) {
                Element id = path(participant, V3, "assignedEntity", "representedOrganization", "id");
                if (present(id)) {
                    return id;
                }
            }
        }
        return null;
    }

    private static String replacedDocumentId(Element root) {
        for (Element related = firstChild(root); related != null; related = nextSibling(related)) {
            if (is(related, V3, "relatedDocument") && "RPLC".equals(related.getAttribute("typeCode"))) {
                String id = attribute(path(related, V3, "parentDocument", "id"), "root");
                if (id != null) {
                    return id;
                }
            }
        }
        return null;
    }

    /**
     * {@code hl7fi:reasonOfCorrection}: in the local social header, or elsewhere in the header
     * (some systems put it beside the replaced document); never taken from the body.
     */
    private static String reasonOfCorrection(Element root, Element header) {
        Element reason = one(header, FINLAND, "reasonOfCorrection");
        for (Element part = firstChild(root); reason == null && part != null; part = nextSibling(part)) {
            if (is(part, V3, "component")) {
                continue;
            }
            NodeList found = part.getElementsByTagNameNS(FINLAND, "reasonOfCorrection");
            if (found.getLength() > 0) {
                reason = (Element) found.item(0);
            }
        }
        if (!present(reason)) {
            return null;
        }
        String displayName = attribute(reason, "displayName");
        if (displayName != null) {
            return displayName;
        }
        String code = attribute(reason, "code");
        return code != null ? code : text(reason);
    }

    private static SoftwareSupport software(Element element) {
        if (!present(element)) {
            return null;
        }
        return new SoftwareSupport(attribute(element, "moderator"), attribute(element, "product"),
                attribute(element, "version"));
    }

    private static List<SignatureSummary> signatures(Element collection) {
        List<SignatureSummary> summaries = new ArrayList<>();
        for (Element signature = firstChild(collection); signature != null; signature = nextSibling(signature)) {
            if (!FINLAND.equals(signature.getNamespaceURI()) || !"signature".equals(signature.getLocalName())) {
                continue;
            }
            String id = attribute(signature, "ID");
            String field = "hl7fi:signatureCollection/hl7fi:signature[" + (summaries.size() + 1) + "]";
            String typeCode = attribute(child(signature, FINLAND, "signatureDescription"), "code");
            String timestamp = text(child(signature, FINLAND, "signatureTimestamp"));
            Element certificate = child(child(child(child(signature, XMLDSIG, "Signature"), XMLDSIG, "KeyInfo"),
                    XMLDSIG, "X509Data"), XMLDSIG, "X509Certificate");
            // The JDK's readable form ("CN=..., SERIALNUMBER=1.2.246.10..., O=..."), the same form
            // the signature evidence records, so summary and evidence compare as strings.
            String subject = certificate == null ? null : subjectOf(certificate.getTextContent(), field);
            summaries.add(new SignatureSummary(id, typeCode, timestamp, subject));
        }
        return summaries;
    }

    /**
     * A system signs thousands of documents with one certificate (a legacy migration signs them
     * all with the organisation's): decoding it once instead of per document saves most of the
     * signature summary's cost. Only successfully decoded certificates are remembered.
     */
    private static String subjectOf(String base64, String field) {
        String subject = SUBJECTS.getIfPresent(base64);
        if (subject == null) {
            subject = certificate(base64, field).getSubjectX500Principal().toString();
            SUBJECTS.put(base64, subject);
        }
        return subject;
    }

    private static X509Certificate certificate(String base64, String field) {
        String where = field + "/ds:Signature/ds:KeyInfo/ds:X509Data/ds:X509Certificate";
        byte[] der;
        try {
            der = decodeBase64(base64);
        } catch (IllegalArgumentException e) {
            throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, where + " is not valid Base64");
        }
        try {
            return (X509Certificate) CERTIFICATE_FACTORY.get().generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | ClassCastException e) {
            throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, where + " is not an X.509 certificate");
        }
    }

    // ---------------------------------------------------------------- body parts

    private static byte[] displayForm(Element text) {
        String field = "component/nonXMLBody/text";
        if (!present(text)) {
            throw missing(field);
        }
        String representation = attribute(text, "representation");
        if (!"B64".equals(representation)) {
            throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, field + "@representation must be B64, was "
                    + (representation == null ? "absent (TXT)" : "'" + shorten(representation) + "'"));
        }
        byte[] decoded = decode(text.getTextContent(), field);
        if (decoded.length == 0) {
            throw missing(field);
        }
        return decoded;
    }

    /** The checks of {@link #displayForm(Element)} on an elided body; the text was decoded while streaming. */
    private static byte[] checkStreamedDisplayForm(Element text, StreamedBody streamed) {
        String field = "component/nonXMLBody/text";
        if (!present(text)) {
            throw missing(field);
        }
        String representation = attribute(text, "representation");
        if (!"B64".equals(representation)) {
            throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, field + "@representation must be B64, was "
                    + (representation == null ? "absent (TXT)" : "'" + shorten(representation) + "'"));
        }
        if (streamed.displayFormBytes() == 0) {
            throw missing(field);
        }
        return null;
    }

    private static byte[] structuredForm(Element json) {
        if (!present(json)) {
            return null;
        }
        byte[] decoded = decode(json.getTextContent(), "component/nonXMLBody/hl7fi:json");
        return decoded.length == 0 ? null : decoded;
    }

    private static byte[] decode(String base64, String field) {
        try {
            return decodeBase64(base64);
        } catch (IllegalArgumentException e) {
            throw new ArchiveException(ErrorCode.INVALID_BASE64, field + " is not valid Base64: " + e.getMessage());
        }
    }

    /**
     * Strict Base64 (RFC 4648 alphabet, padding required) after removing XML whitespace, which
     * systems insert freely to wrap lines.
     */
    static byte[] decodeBase64(String text) {
        int n = text.length();
        byte[] ascii = new byte[n];
        int length = 0;
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                continue;
            }
            if (c > 0x7f) {
                throw new IllegalArgumentException("it contains a non-ASCII character at position " + i);
            }
            ascii[length++] = (byte) c;
        }
        if (length % 4 != 0) {
            throw new IllegalArgumentException("its length without whitespace (" + length + ") is not a multiple of 4");
        }
        return Base64.getDecoder().decode(length == n ? ascii : Arrays.copyOf(ascii, length));
    }

    // ---------------------------------------------------------------- element rules

    /**
     * The only child of that name, or null. A single-valued header element given twice is
     * ambiguous (which id, which client register?), and readers that pick different copies are
     * the raw material of signature-wrapping attacks: refuse it rather than pick one.
     */
    private static Element one(Element parent, String namespace, String localName) {
        Element found = null;
        for (Element c = firstChild(parent); c != null; c = nextSibling(c)) {
            if (is(c, namespace, localName)) {
                if (found != null) {
                    throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE,
                            (FINLAND.equals(namespace) ? "hl7fi:" : "")
                            + localName + " occurs more than once in " + parent.getLocalName() + "; exactly one is allowed");
                }
                found = c;
            }
        }
        return found;
    }

    /** The client's id: the personal identity code when the role lists several ids, else the first. */
    private static Element clientId(Element patientRole) {
        Element first = null;
        for (Element c = firstChild(patientRole); c != null; c = nextSibling(c)) {
            if (is(c, V3, "id")) {
                if (PersonalIdentityCode.CODE_SYSTEM.equals(c.getAttribute("root")) && present(c)) {
                    return c;
                }
                if (first == null) {
                    first = c;
                }
            }
        }
        return first;
    }

    private static Code code(Element element) {
        if (!present(element)) {
            return null;
        }
        String code = exactToken(element, "code");
        String codeSystem = exactToken(element, "codeSystem");
        String displayName = attribute(element, "displayName");
        if (code == null && codeSystem == null && displayName == null) {
            return null;
        }
        return new Code(code, codeSystem, displayName);
    }

    // ---------------------------------------------------------------- validation helpers

    /**
     * A code attribute as it stands: HL7 v3 {@code cs} (the datatype of {@code @code}) is a token without whitespace,
     * and the Kanta code systems use visible ASCII only. A value that would match a code only once trimmed or
     * normalised ({@code " 1"}, {@code "1\u00a0"}) is refused, never stored or compared as that code: the rules
     * that depend on codes (the professional signature of decisions) must see exactly what the document says.
     */
    private static String exactToken(Element element, String name) {
        String value = attribute(element, name);
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new ArchiveException(ErrorCode.INVALID_CODE, pathOf(element) + "@" + name + " '" + shorten(value)
                        + "' is not a code: character " + (i + 1) + " is " + (Character.isWhitespace(c) || Character.isSpaceChar(c)
                        ? "whitespace" : "not visible ASCII") + " (U+" + String.format("%04X", (int) c) + ")");
            }
        }
        return value;
    }

    private static String pathOf(Element element) {
        String prefix = FINLAND.equals(element.getNamespaceURI()) ? "hl7fi:" : "";
        return prefix + element.getLocalName();
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw missing(field);
        }
        return value;
    }

    private static String requiredOid(String value, String field) {
        return optionalOid(required(value, field), field);
    }

    private static String optionalOid(String value, String field) {
        if (value != null && !Oid.isValid(value)) {
            throw new ArchiveException(ErrorCode.INVALID_OID, field + " is not a valid OID: '" + shorten(value) + "'");
        }
        return value;
    }

    private static ArchiveException missing(String field) {
        return new ArchiveException(ErrorCode.MISSING_REQUIRED_FIELD, field + " is required");
    }

    /** Untrusted values in messages: bounded, and any identity code in them masked. */
    private static String shorten(String value) {
        return SecureXml.safe(value.length() > 64 ? value.substring(0, 64) + "..." : value);
    }
}
