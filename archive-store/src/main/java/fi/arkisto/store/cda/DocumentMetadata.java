package fi.arkisto.store.cda;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * The header facts of one Kanta social welfare document version, as extracted from its CDA R2
 * header and the {@code urn:hl7finland} local social header. Field comments name the source.
 */
public record DocumentMetadata(
        /* id@root */ DocumentOid documentOid,
        /* setId@root: the original's OID, the same across replacements */ String setId,
        /* versionNumber@value */ int versionNumber,
        /* recordTarget/patientRole/id@extension */ String clientId,
        /* recordTarget/patientRole/id@root: 1.2.246.21 for a personal identity code */ String clientIdRoot,
        /* custodian//representedCustodianOrganization/id@root: the register's controller */ String controllerOid,
        /* hl7fi:outsourcingServiceCustomer@root: the service organiser */ String serviceOrganiserOid,
        /* componentOf/encompassingEncounter/encounterParticipant[@typeCode=ADM]//representedOrganization/id@root */ String serviceUnitOid,
        /* hl7fi:functionCode: the service task, 1.2.246.537.6.1221.201601 */ Code serviceTask,
        /* hl7fi:documentGroup, 1.2.246.537.6.1505.201601 */ Code documentGroup,
        /* code: general document type, 1.2.246.537.6.1506.201701 */ Code generalDocumentType,
        /* hl7fi:specificDocumentType */ Code specificDocumentType,
        /* confidentialityCode */ Code confidentiality,
        /* hl7fi:contentSpecificationId */ String contentSpecificationId,
        /* effectiveTime@value */ OffsetDateTime effectiveTime,
        /* hl7fi:creationTime@value */ OffsetDateTime creationTime,
        /* componentOf/encompassingEncounter/id: the case, absent (nullFlavor) for client relationship documents */ String caseId,
        /* hl7fi:encompassingClientRelationship@root */ String clientRelationshipId,
        /* hl7fi:totalRetentionPeriodClass */ Code retentionPeriodClass,
        /* hl7fi:recordStatus */ Code recordStatus,
        /* hl7fi:registryType */ Code registryType,
        /* hl7fi:softwareSupport */ SoftwareSupport software,
        /* relatedDocument[@typeCode=RPLC]/parentDocument/id@root, when present */ String replacesDocumentOid,
        /* hl7fi:reasonOfCorrection (text or displayName) */ String reasonOfCorrection,
        /* title, when present */ String title,
        /* languageCode@code */ String languageCode,
        /* hl7fi:signatureCollection entries */ List<SignatureSummary> signatures) {

    public DocumentMetadata {
        signatures = signatures == null ? List.of() : List.copyOf(signatures);
    }
}
