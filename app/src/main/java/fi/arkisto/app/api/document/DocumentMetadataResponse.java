package fi.arkisto.app.api.document;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.arkisto.store.access.decision.AccessBasis;
import fi.arkisto.store.access.decision.Disclosure;
import fi.arkisto.store.access.mutualcase.MutualCase;
import fi.arkisto.store.access.nondisclosure.MaskedStructuredForm;
import fi.arkisto.store.cda.Code;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.cda.SoftwareSupport;
import fi.arkisto.store.document.ArchivedDocument;
import fi.arkisto.store.document.DisclosedMetadata;
import fi.arkisto.store.document.DocumentStatus;
import fi.arkisto.store.document.SignatureEvidence;
import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.document.Warning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One archived version as the API shows it: the header metadata extracted from the Kanta CDA
 * document and the archive's own facts about the stored bytes.
 * OIDs are plain strings; absent optional header fields are omitted. {@code controllerOid} and
 * {@code originalCustodianOid} are the custodian the signed document names; {@code currentControllerOid} is the
 * register's controller now, another one after a controller change (docs/access.md, "Controller change").
 */
public record DocumentMetadataResponse(
        String documentOid, String setId, int version, DocumentStatus status,
        String clientId, String clientIdRoot,
        String controllerOid, String serviceOrganiserOid, String serviceUnitOid,
        CodeResponse serviceTask, CodeResponse documentGroup, CodeResponse generalDocumentType,
        CodeResponse specificDocumentType, CodeResponse confidentiality, String contentSpecificationId,
        OffsetDateTime effectiveTime, OffsetDateTime creationTime, String caseId, String clientRelationshipId,
        CodeResponse retentionPeriodClass, CodeResponse recordStatus, CodeResponse registryType,
        SoftwareResponse software, String replacesDocumentOid, String reasonOfCorrection, String title,
        String languageCode,
        String sha256, long size, Instant archivedAt, String nullificationReason,
        List<WarningResponse> warnings, List<SignatureResponse> signatures,
        AccessResponse access, JsonNode maskedStructuredForm, List<String> maskedFields,
        MutualCaseResponse mutualCase, String currentControllerOid, String originalCustodianOid) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * On what the acting organisation read the document and how much of it may leave (docs/access.md, "Reading one
     * document"): {@code FULL}, or {@code STRUCTURED_FORM_MASKED}: a protected person's location data is masked in
     * {@code maskedStructuredForm} (the fields {@code maskedFields} name, as JSON pointers, are null), and the
     * original and the display form are withheld (403 {@code PROTECTED_LOCATION_DATA_WITHHELD}).
     */
    public record AccessResponse(AccessBasis basis, Disclosure disclosure) {
    }

    /**
     * The mutual case the document is attached to and its parties with their periods, as the case's current topic
     * versions name them (docs/access.md, "Mutual cases"): a client system must show which documents are mutual with
     * several clients and who the clients are.
     */
    public record MutualCaseResponse(String caseId, List<PartyResponse> parties) {

        static MutualCaseResponse of(MutualCase mutualCase) {
            return mutualCase == null ? null : new MutualCaseResponse(mutualCase.caseId(), mutualCase.parties().stream()
                    .map(p -> new PartyResponse(p.clientId(), p.from(), p.until())).toList());
        }
    }

    /** One period of a party: its personal identity code, first and last day (null while it goes on). */
    public record PartyResponse(String clientId, LocalDate from, LocalDate until) {
    }

    /** A coded value: code, code system OID, display name. */
    public record CodeResponse(String code, String codeSystem, String displayName) {

        static CodeResponse of(Code code) {
            return code == null ? null : new CodeResponse(code.code(), code.codeSystem(), code.displayName());
        }
    }

    /** The client information system that produced the document. */
    public record SoftwareResponse(String moderator, String product, String version) {

        static SoftwareResponse of(SoftwareSupport software) {
            return software == null ? null : new SoftwareResponse(software.moderator(), software.product(), software.version());
        }
    }

    /** A finding recorded at archiving that did not refuse the document. */
    public record WarningResponse(String code, String message) {

        static WarningResponse of(Warning warning) {
            return new WarningResponse(warning.code(), warning.message());
        }
    }

    /**
     * The archive's record of verifying one signature at archiving (docs/trust.md).
     *
     * @param type                 PROFESSIONAL (type 1) or SYSTEM (type 3)
     * @param result               {@code VALID} or the error code of the failure
     * @param arrivedAt            when the document reached the archive: the bound of the signing time's claim
     * @param channel              REST, QUEUE, FILE, MIGRATION (or UNSPECIFIED for a direct call)
     * @param signerOrganisation   for a system signature, its certificate's organisation OID
     * @param organisationRelation for a system signature, CONTROLLER (the register's own) or PRODUCER (acting for it)
     * @param relationBasis        between whom that relation holds
     */
    public record SignatureResponse(String signatureId, SignatureType type, String signer, boolean valid, String result,
                                    Instant signingTime, String certificateSubject, String certificateIssuer,
                                    String certificateSerial, Instant verifiedAt, Instant arrivedAt, String channel,
                                    String signerOrganisation, String organisationRelation, String relationBasis) {

        static SignatureResponse of(SignatureEvidence evidence) {
            return new SignatureResponse(evidence.signatureId(), evidence.type(), evidence.signer(), evidence.valid(),
                    evidence.result(), evidence.signingTime(), evidence.certificateSubject(),
                    evidence.certificateIssuer(), evidence.certificateSerial(), evidence.verifiedAt(), evidence.arrivedAt(),
                    evidence.channel(), evidence.signerOrganisation(), evidence.organisationRelation(),
                    evidence.relationBasis());
        }
    }

    /** A read's answer: the metadata with its access, and a masked disclosure's structured form. */
    static DocumentMetadataResponse of(DisclosedMetadata read) {
        MaskedStructuredForm masked = read.masked();
        return of(read.document(), new AccessResponse(read.basis(), read.disclosure()),
                masked == null ? null : structuredForm(masked.json()), masked == null ? null : masked.maskedPointers(),
                MutualCaseResponse.of(read.mutualCase()), read.currentController());
    }

    /**
     * A citizen's read: the metadata of their own document, or of a mutual case's document without the identity codes
     * of the document's client and of the case's parties, which are other people's (docs/access.md, "The citizen API").
     */
    static DocumentMetadataResponse forCitizen(DisclosedMetadata read, String citizen) {
        DocumentMetadataResponse whole = of(read.document(), new AccessResponse(read.basis(), read.disclosure()),
                null, null, null, read.currentController());
        if (citizen.equals(whole.clientId())) {
            return whole;
        }
        return new DocumentMetadataResponse(whole.documentOid, whole.setId, whole.version, whole.status, null, null,
                whole.controllerOid, whole.serviceOrganiserOid, whole.serviceUnitOid, whole.serviceTask,
                whole.documentGroup, whole.generalDocumentType, whole.specificDocumentType, whole.confidentiality,
                whole.contentSpecificationId, whole.effectiveTime, whole.creationTime, whole.caseId,
                whole.clientRelationshipId, whole.retentionPeriodClass, whole.recordStatus, whole.registryType,
                whole.software, whole.replacesDocumentOid, whole.reasonOfCorrection, whole.title, whole.languageCode,
                whole.sha256, whole.size, whole.archivedAt, whole.nullificationReason, whole.warnings,
                whole.signatures, whole.access, null, null, null, whole.currentControllerOid,
                whole.originalCustodianOid);
    }

    /** The metadata of a version the acting organisation has just written (a nullification). */
    static DocumentMetadataResponse of(ArchivedDocument document) {
        return of(document, null, null, null, null, null);
    }

    private static JsonNode structuredForm(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            // the archive wrote it from a parsed tree a moment ago
            throw new UncheckedIOException(e);
        }
    }

    private static DocumentMetadataResponse of(ArchivedDocument document, AccessResponse access, JsonNode masked,
                                               List<String> maskedFields, MutualCaseResponse mutualCase,
                                               String currentController) {
        DocumentMetadata m = document.metadata();
        return new DocumentMetadataResponse(
                m.documentOid().value(), m.setId(), m.versionNumber(), document.status(),
                m.clientId(), m.clientIdRoot(),
                m.controllerOid(), m.serviceOrganiserOid(), m.serviceUnitOid(),
                CodeResponse.of(m.serviceTask()), CodeResponse.of(m.documentGroup()),
                CodeResponse.of(m.generalDocumentType()), CodeResponse.of(m.specificDocumentType()),
                CodeResponse.of(m.confidentiality()), m.contentSpecificationId(),
                m.effectiveTime(), m.creationTime(), m.caseId(), m.clientRelationshipId(),
                CodeResponse.of(m.retentionPeriodClass()), CodeResponse.of(m.recordStatus()),
                CodeResponse.of(m.registryType()), SoftwareResponse.of(m.software()),
                m.replacesDocumentOid(), m.reasonOfCorrection(), m.title(), m.languageCode(),
                document.sha256(), document.size(), document.archivedAt(), document.nullificationReason(),
                document.warnings().stream().map(WarningResponse::of).toList(),
                document.signatures().stream().map(SignatureResponse::of).toList(), access, masked, maskedFields,
                mutualCase, currentController != null ? currentController : m.controllerOid(), m.controllerOid());
    }
}
