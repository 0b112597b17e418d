package fi.arkisto.store.access.extract;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.store.access.facts.DocumentFacts;
import fi.arkisto.store.access.facts.DocumentGroup;
import fi.arkisto.store.access.nondisclosure.LocationDataFields;
import fi.arkisto.store.access.registeraccess.UnitOrganisation;
import fi.arkisto.store.cda.Code;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.hl7.Hl7Timestamp;

import java.util.Objects;

/**
 * Builds a document's access facts from what the parser gives: the header metadata, the DOM's header fields the
 * metadata lacks ({@link HeaderFactsReader}) and the structured form (location data, a declared non-disclosure).
 * What only the archive knows (the set's current restriction, the current controller after a controller change,
 * stage 1, the mutual case) the caller adds with {@link DocumentFacts#toBuilder()}.
 */
public final class DocumentFactsReader {

    private final UnitOrganisation units;
    private final LocationDataFields locationData;

    public DocumentFactsReader(UnitOrganisation units, LocationDataFields locationData) {
        this.units = Objects.requireNonNull(units, "units");
        this.locationData = Objects.requireNonNull(locationData, "locationData");
    }

    /** The facts of a parsed document version, as archived. */
    public DocumentFacts read(ParsedDocument parsed) {
        DocumentMetadata metadata = parsed.metadata();
        DocumentFacts.Builder facts = fromMetadata(metadata);
        HeaderFacts header = HeaderFactsReader.read(parsed.dom());
        facts.ownRestriction(header.restriction()).currentRestriction(header.restriction())
                .minorDisclosureCode(header.minorDisclosureCode());
        if (header.authorOrganisation() != null) {
            String organisation = units.organisationOf(header.authorOrganisation());
            facts.authorOrganisation(organisation != null ? organisation : header.authorOrganisation());
        }
        byte[] structured = parsed.structuredForm();
        if (structured != null && structured.length > 0) {
            JsonNode json = StructuredForms.parse(structured);
            facts.locationData(locationData.present(json));
            if (ClientRelationshipReader.isClientRelationshipDocument(json)) {
                facts.nonDisclosureDeclared(json.path(ClientRelationshipReader.ROOT).path("asiakas")
                        .path("turvakielto").asBoolean(false));
            }
        }
        return facts.build();
    }

    /**
     * The facts the header metadata alone gives (what a metadata row holds); the author's organisation is the
     * service unit's.
     */
    public DocumentFacts.Builder fromMetadata(DocumentMetadata metadata) {
        return DocumentFacts.builder()
                .documentOid(metadata.documentOid().value())
                .setId(metadata.setId())
                .controller(metadata.controllerOid())
                .originalCustodian(metadata.controllerOid())
                .clientId(metadata.clientId())
                .serviceTask(code(metadata.serviceTask()))
                .group(DocumentGroup.ofCode(code(metadata.documentGroup())))
                .generalType(code(metadata.generalDocumentType()))
                .specificType(code(metadata.specificDocumentType()))
                .authorUnit(metadata.serviceUnitOid())
                .authorOrganisation(units.organisationOf(metadata.serviceUnitOid()))
                .caseId(metadata.caseId())
                .date(metadata.effectiveTime().atZoneSameInstant(Hl7Timestamp.FINNISH_TIME).toLocalDate());
    }

    private static String code(Code code) {
        return code == null ? null : code.code();
    }
}
