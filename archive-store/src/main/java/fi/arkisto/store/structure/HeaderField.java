package fi.arkisto.store.structure;

import fi.arkisto.store.cda.Code;
import fi.arkisto.store.cda.DocumentMetadata;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * The header fields a header rule can require, named as the {@link DocumentMetadata} components they are read
 * from (so a rule file speaks the same language as the metadata JSON). A coded field counts as present when it has
 * a code.
 */
enum HeaderField {
    clientRelationshipId(DocumentMetadata::clientRelationshipId, "hl7fi:encompassingClientRelationship@root"),
    serviceUnitOid(DocumentMetadata::serviceUnitOid,
            "componentOf/encompassingEncounter/encounterParticipant[@typeCode='ADM']//representedOrganization/id@root"),
    serviceOrganiserOid(DocumentMetadata::serviceOrganiserOid, "hl7fi:outsourcingServiceCustomer@root"),
    caseId(DocumentMetadata::caseId, "componentOf/encompassingEncounter/id@root"),
    serviceTask(DocumentMetadata::serviceTask, "hl7fi:functionCode@code"),
    generalDocumentType(DocumentMetadata::generalDocumentType, "code@code"),
    specificDocumentType(DocumentMetadata::specificDocumentType, "hl7fi:specificDocumentType@code"),
    contentSpecificationId(DocumentMetadata::contentSpecificationId, "hl7fi:contentSpecificationId"),
    retentionPeriodClass(DocumentMetadata::retentionPeriodClass, "hl7fi:totalRetentionPeriodClass@code"),
    recordStatus(DocumentMetadata::recordStatus, "hl7fi:recordStatus@code"),
    registryType(DocumentMetadata::registryType, "hl7fi:registryType@code"),
    confidentiality(DocumentMetadata::confidentiality, "confidentialityCode@code"),
    creationTime(DocumentMetadata::creationTime, "hl7fi:creationTime@value"),
    software(DocumentMetadata::software, "hl7fi:softwareSupport"),
    title(DocumentMetadata::title, "title");

    private final Function<DocumentMetadata, Object> reader;
    private final String source;

    HeaderField(Function<DocumentMetadata, Object> reader, String source) {
        this.reader = reader;
        this.source = source;
    }

    boolean presentIn(DocumentMetadata metadata) {
        Object value = reader.apply(metadata);
        if (value instanceof Code code) {
            return code.code() != null && !code.code().isBlank();
        }
        if (value instanceof String text) {
            return !text.isBlank();
        }
        return value != null;
    }

    /** Where the field lives in the CDA document, for error messages a client system's developer can act on. */
    String source() {
        return source;
    }

    static Optional<HeaderField> named(String name) {
        return Arrays.stream(values()).filter(f -> f.name().equals(name)).findFirst();
    }
}
