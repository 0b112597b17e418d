package fi.arkisto.store.structure;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.document.DocumentCheck;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.PersonalIdentityCode;
import org.springframework.core.Ordered;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static fi.arkisto.store.hl7.Hl7Elements.attribute;
import static fi.arkisto.store.hl7.Hl7Elements.firstChild;
import static fi.arkisto.store.hl7.Hl7Elements.nextSibling;
import static fi.arkisto.store.hl7.Hl7Elements.path;
import static fi.arkisto.store.hl7.Hl7Namespaces.V3;

/**
 * Archiving-stage check of a document's structure (kanta.fi, "Phase 2 functionalities in social welfare services": structured documents are
 * verified at archiving): the header rules of its document group, the JSON structured form against the schema of
 * the structure its {@code contentSpecificationId} names, and the header against the structured form: the header's
 * document type must be one its structure is ({@link DocumentTypeRules}, DOCUMENT_TYPE_MISMATCH), as the header is not
 * signed and the professional-signature rule reads it.
 *
 * <p>The client's identity must agree wherever both carry it (IDENTITY_MISMATCH): a document about one person
 * filed under another is the worst error an archive can make. Secondary fields (birth date, names, gender, client
 * relationship, case) disagree in real documents (the real sample's header birthTime 20110120 against its
 * structured birth date 2011-01-01), so those disagreements are recorded as warnings and the document is archived.
 * Warning messages name fields, never their values (no personal data in logs or metadata).
 */
public final class StructureCheck implements DocumentCheck, Ordered {

    public static final int ORDER = 300;

    public static final String WARNING_UNKNOWN_STRUCTURE = "UNKNOWN_CONTENT_SPECIFICATION";
    public static final String WARNING_BIRTH_DATE = "BIRTH_DATE_MISMATCH";
    public static final String WARNING_FAMILY_NAME = "FAMILY_NAME_MISMATCH";
    public static final String WARNING_GIVEN_NAMES = "GIVEN_NAMES_MISMATCH";
    public static final String WARNING_GENDER = "GENDER_MISMATCH";
    public static final String WARNING_CLIENT_RELATIONSHIP = "CLIENT_RELATIONSHIP_MISMATCH";
    public static final String WARNING_CASE = "CASE_MISMATCH";

    private final StructureCatalogue catalogue;

    public StructureCheck(StructureCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public void check(ParsedDocument document, ValidationReport report) {
        DocumentMetadata metadata = document.metadata();
        catalogue.headerRules().check(metadata);
        if (document.structuredForm() == null) {
            // Unstructured documents (old documents, display form only) have nothing to validate here.
            return;
        }
        String id = metadata.contentSpecificationId();
        if (id == null) {
            throw new ArchiveException(ErrorCode.UNKNOWN_CONTENT_SPECIFICATION,
                    "The document carries a structured form (hl7fi:json) but no hl7fi:contentSpecificationId");
        }
        JsonNode json = parse(document.structuredForm());
        String root = json.isObject() && json.size() == 1 ? json.fieldNames().next() : null;
        Map<String, String> pointers;
        var structure = catalogue.structure(id);
        if (structure.isPresent()) {
            structure.get().validate(json);
            String expected = structure.get().rootProperty();
            if (expected != null && !expected.equals(root)) {
                // a permissive schema must not let one structure's form pass as another's
                throw new ArchiveException(ErrorCode.STRUCTURE_INVALID, "The structured form's root is "
                        + (root == null ? "not one property" : "'" + Structure.safe(root) + "'") + "; structure " + id
                        + " is '" + expected + "'");
            }
            DocumentTypeRules.Types types = catalogue.documentTypes().typesOf(id);
            if (types != null) {
                DocumentTypeRules.check(metadata, id, types);
            }
            pointers = structure.get().crossChecks();
        } else if (catalogue.allowUnknown()) {
            // The header's structure id is not signed: the signed form names what it is by its root property, and the
            // known structures of that name bind the header's type (a newer version of the decision is a decision).
            List<DocumentTypeRules.Types> known = catalogue.typesOfStructuresWithRoot(root);
            if (!known.isEmpty()) {
                DocumentTypeRules.check(metadata, "unknown " + id + ", root '" + root + "'", DocumentTypeRules.union(known));
            }
            report.warn(WARNING_UNKNOWN_STRUCTURE, "Structure " + id + " is not in the catalogue; the structured form "
                    + "was archived without schema validation");
            pointers = conventionalPointers(json);
        } else {
            throw new ArchiveException(ErrorCode.UNKNOWN_CONTENT_SPECIFICATION,
                    "The structure " + id + " named by hl7fi:contentSpecificationId is not known to this archive");
        }
        crossCheck(document, json, pointers, report);
    }

    private static JsonNode parse(byte[] structuredForm) {
        try {
            return StructureCatalogue.parseJson(structuredForm);
        } catch (JsonProcessingException e) {
            // The parser's own message quotes the offending text, which may be personal data: give the place only.
            var where = e.getLocation();
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                // Two values for one key: a reader could see either, so the schema check would prove nothing.
                throw new ArchiveException(ErrorCode.STRUCTURE_INVALID, "The structured form repeats a key"
                        + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")"));
            }
            throw new ArchiveException(ErrorCode.STRUCTURE_INVALID, "The structured form is not valid JSON"
                    + (where == null ? "" : " (line " + where.getLineNr() + ", column " + where.getColumnNr() + ")"));
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.STRUCTURE_INVALID, "The structured form cannot be read as JSON");
        }
    }

    private static Map<String, String> conventionalPointers(JsonNode json) {
        if (json.isObject() && json.size() == 1) {
            String root = "/" + json.fieldNames().next();
            return Map.of("clientIdentityCode", root + "/asiakas/henkilotunnus/value",
                    "clientTemporaryId", root + "/asiakas/tilapainen_yksilointitunnus");
        }
        return Map.of();
    }

    private static void crossCheck(ParsedDocument document, JsonNode json, Map<String, String> pointers,
                                   ValidationReport report) {
        DocumentMetadata metadata = document.metadata();
        Patient patient = Patient.of(document);

        String identity = text(json, pointers.get("clientIdentityCode"));
        if (identity != null && PersonalIdentityCode.CODE_SYSTEM.equals(metadata.clientIdRoot())
                && !identity.equals(metadata.clientId())) {
            // Exact comparison: the century sign is part of the identity (010101-900R and 010101Y900R differ).
            throw new ArchiveException(ErrorCode.IDENTITY_MISMATCH, "The header client (recordTarget/patientRole/id) "
                    + "and the structured form " + pointers.get("clientIdentityCode") + " name different persons");
        }
        JsonNode temporary = node(json, pointers.get("clientTemporaryId"));
        if (temporary != null && metadata.clientIdRoot().equals(systemOf(temporary))
                && !metadata.clientId().equals(temporary.path("value").asText(null))) {
            throw new ArchiveException(ErrorCode.IDENTITY_MISMATCH, "The header client (recordTarget/patientRole/id) "
                    + "and the structured form " + pointers.get("clientTemporaryId") + " name different persons");
        }

        String birthDate = text(json, pointers.get("birthDate"));
        if (birthDate != null && patient.birthDate != null && !sameDate(patient.birthDate, birthDate)) {
            report.warn(WARNING_BIRTH_DATE, "The header birthTime and the structured form " + pointers.get("birthDate")
                    + " give different birth dates");
        }
        String family = text(json, pointers.get("familyName"));
        if (family != null && patient.family != null && !normalise(family).equals(normalise(patient.family))) {
            report.warn(WARNING_FAMILY_NAME, "The header family name and the structured form "
                    + pointers.get("familyName") + " differ");
        }
        String given = text(json, pointers.get("givenNames"));
        if (given != null && !patient.given.isEmpty() && !normalise(given).equals(normalise(String.join(" ", patient.given)))) {
            report.warn(WARNING_GIVEN_NAMES, "The header given names and the structured form "
                    + pointers.get("givenNames") + " differ");
        }
        String gender = text(json, pointers.get("genderCode"));
        if (gender != null && patient.genderCode != null && !gender.equals(patient.genderCode)) {
            report.warn(WARNING_GENDER, "The header administrativeGenderCode and the structured form "
                    + pointers.get("genderCode") + " differ");
        }
        String relationship = text(json, pointers.get("clientRelationshipId"));
        if (relationship != null && metadata.clientRelationshipId() != null
                && !relationship.equals(metadata.clientRelationshipId())) {
            report.warn(WARNING_CLIENT_RELATIONSHIP, "The header hl7fi:encompassingClientRelationship and the "
                    + "structured form " + pointers.get("clientRelationshipId") + " differ");
        }
        String caseId = text(json, pointers.get("caseId"));
        if (caseId != null && metadata.caseId() != null && !caseId.equals(metadata.caseId())) {
            report.warn(WARNING_CASE, "The header componentOf/encompassingEncounter/id and the structured form "
                    + pointers.get("caseId") + " differ");
        }
    }

    private static boolean sameDate(String hl7BirthTime, String isoDate) {
        try {
            LocalDate header = LocalDate.of(Integer.parseInt(hl7BirthTime.substring(0, 4)),
                    Integer.parseInt(hl7BirthTime.substring(4, 6)), Integer.parseInt(hl7BirthTime.substring(6, 8)));
            return header.equals(LocalDate.parse(isoDate));
        } catch (RuntimeException e) {
            // Unreadable on either side is a disagreement worth a warning, not a refusal.
            return false;
        }
    }

    private static String normalise(String name) {
        return name.trim().replaceAll("\\s+", " ").toLowerCase(java.util.Locale.ROOT);
    }

    private static JsonNode node(JsonNode json, String pointer) {
        if (pointer == null) {
            return null;
        }
        JsonNode node = json.at(pointer);
        return node.isMissingNode() || node.isNull() ? null : node;
    }

    private static String text(JsonNode json, String pointer) {
        JsonNode node = node(json, pointer);
        return node != null && node.isValueNode() ? node.asText() : null;
    }

    private static String systemOf(JsonNode identifier) {
        String system = identifier.path("system").asText("");
        return system.startsWith("urn:oid:") ? system.substring("urn:oid:".length()) : system;
    }

    /** The header's recordTarget/patientRole/patient facts that are not part of DocumentMetadata. */
    private record Patient(String birthDate, String family, List<String> given, String genderCode) {

        static Patient of(ParsedDocument document) {
            Element patient = path(document.dom().getDocumentElement(), V3, "recordTarget", "patientRole", "patient");
            if (patient == null) {
                return new Patient(null, null, List.of(), null);
            }
            String birthTime = attribute(path(patient, V3, "birthTime"), "value");
            Element name = path(patient, V3, "name");
            String family = null;
            List<String> given = new ArrayList<>();
            if (name != null) {
                for (Element part = firstChild(name); part != null; part = nextSibling(part)) {
                    if ("family".equals(part.getLocalName()) && family == null) {
                        family = part.getTextContent();
                    } else if ("given".equals(part.getLocalName()) && !"CL".equals(part.getAttribute("qualifier"))) {
                        // qualifier CL is the call name, a repetition of one of the given names
                        given.add(part.getTextContent().trim());
                    }
                }
            }
            return new Patient(birthTime != null && birthTime.length() >= 8 ? birthTime : null, family, given,
                    attribute(path(patient, V3, "administrativeGenderCode"), "code"));
        }
    }
}
