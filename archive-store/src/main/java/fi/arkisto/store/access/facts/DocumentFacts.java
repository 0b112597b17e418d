package fi.arkisto.store.access.facts;

import fi.arkisto.store.access.mutualcase.MutualCase;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What the access decision knows about one document version. Built from the archived header and body
 * ({@code fi.arkisto.store.access.extract}) and from what the archive holds about the document's set and case.
 *
 * @param documentOid           this version's OID
 * @param setId                 the document set (the original's OID, the same across replacements)
 * @param controller            the register's current controller; after a controller change the new controller
 * @param originalCustodian     the custodian the document named when archived
 * @param clientId              the document's client ({@code recordTarget})
 * @param serviceTask           code of 1.2.246.537.6.1221.201601, or null
 * @param group                 the document group
 * @param stageOne              archived into its register during stage 1 (before the controller's stage-2 start)
 * @param generalType           code of 1.2.246.537.6.1506.201701, or null
 * @param specificType          {@code hl7fi:specificDocumentType} code, or null
 * @param authorOrganisation    the organisation of the author (or, absent, of the service unit)
 * @param authorUnit            the service unit OID
 * @param caseId                {@code componentOf/encompassingEncounter/id}, or null
 * @param mutualCase            the mutual case the document is attached to, or null
 * @param ownRestriction        a restriction on showing this version to the client
 * @param currentRestriction    the restriction of the set's current version (a later version may add or lift one)
 * @param locationData          the structured form carries a person's location data (address, home municipality,
 *                              contact details)
 * @param nonDisclosureDeclared this is a client relationship document whose structured form declares
 *                              {@code asiakas.turvakielto: true}
 * @param minorDisclosureCode   {@code authorization/consent/code} of 1.2.246.537.6.1286.201901, or null
 * @param date                  the document's effective day (Finnish time)
 * @param replacedArchivedBy    for a write over an archived version (a replacement, a nullification), the
 *                              organisation that archived that version; null for a new set or a read
 *                              (docs/access.md, "Archiving and nullifying": a provider writes over only its own versions)
 * @param formerController      the controller whose register the document was archived into, when a completed
 *                              controller change has since passed it to {@code controller} (docs/access.md,
 *                              "Controller change"); null otherwise
 */
public record DocumentFacts(String documentOid, String setId, String controller, String originalCustodian,
                            String clientId, String serviceTask, DocumentGroup group, boolean stageOne,
                            String generalType, String specificType, String authorOrganisation, String authorUnit,
                            String caseId, MutualCase mutualCase, RestrictionKind ownRestriction,
                            RestrictionKind currentRestriction, boolean locationData, boolean nonDisclosureDeclared,
                            String minorDisclosureCode, LocalDate date, String replacedArchivedBy,
                            String formerController) {

    public DocumentFacts {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(date, "date");
        if (ownRestriction == null) {
            ownRestriction = RestrictionKind.NONE;
        }
        if (currentRestriction == null) {
            currentRestriction = ownRestriction;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().documentOid(documentOid).setId(setId).controller(controller)
                .originalCustodian(originalCustodian).clientId(clientId).serviceTask(serviceTask).group(group)
                .stageOne(stageOne).generalType(generalType).specificType(specificType)
                .authorOrganisation(authorOrganisation).authorUnit(authorUnit).caseId(caseId).mutualCase(mutualCase)
                .ownRestriction(ownRestriction).currentRestriction(currentRestriction).locationData(locationData)
                .nonDisclosureDeclared(nonDisclosureDeclared).minorDisclosureCode(minorDisclosureCode).date(date)
                .replacedArchivedBy(replacedArchivedBy).formerController(formerController);
    }

    /** Named setters for a record with many components. */
    public static final class Builder {
        private String documentOid;
        private String setId;
        private String controller;
        private String originalCustodian;
        private String clientId;
        private String serviceTask;
        private DocumentGroup group = DocumentGroup.UNKNOWN;
        private boolean stageOne;
        private String generalType;
        private String specificType;
        private String authorOrganisation;
        private String authorUnit;
        private String caseId;
        private MutualCase mutualCase;
        private RestrictionKind ownRestriction = RestrictionKind.NONE;
        private RestrictionKind currentRestriction;
        private boolean locationData;
        private boolean nonDisclosureDeclared;
        private String minorDisclosureCode;
        private LocalDate date;
        private String replacedArchivedBy;
        private String formerController;

        public Builder documentOid(String v) { documentOid = v; return this; }
        public Builder setId(String v) { setId = v; return this; }
        public Builder controller(String v) { controller = v; return this; }
        public Builder originalCustodian(String v) { originalCustodian = v; return this; }
        public Builder clientId(String v) { clientId = v; return this; }
        public Builder serviceTask(String v) { serviceTask = v; return this; }
        public Builder group(DocumentGroup v) { group = v; return this; }
        public Builder stageOne(boolean v) { stageOne = v; return this; }
        public Builder generalType(String v) { generalType = v; return this; }
        public Builder specificType(String v) { specificType = v; return this; }
        public Builder authorOrganisation(String v) { authorOrganisation = v; return this; }
        public Builder authorUnit(String v) { authorUnit = v; return this; }
        public Builder caseId(String v) { caseId = v; return this; }
        public Builder mutualCase(MutualCase v) { mutualCase = v; return this; }
        public Builder ownRestriction(RestrictionKind v) { ownRestriction = v; return this; }
        public Builder currentRestriction(RestrictionKind v) { currentRestriction = v; return this; }
        public Builder locationData(boolean v) { locationData = v; return this; }
        public Builder nonDisclosureDeclared(boolean v) { nonDisclosureDeclared = v; return this; }
        public Builder minorDisclosureCode(String v) { minorDisclosureCode = v; return this; }
        public Builder date(LocalDate v) { date = v; return this; }
        public Builder replacedArchivedBy(String v) { replacedArchivedBy = v; return this; }
        public Builder formerController(String v) { formerController = v; return this; }

        public DocumentFacts build() {
            return new DocumentFacts(documentOid, setId, controller, originalCustodian == null ? controller
                    : originalCustodian, clientId, serviceTask, group, stageOne, generalType, specificType,
                    authorOrganisation, authorUnit, caseId, mutualCase, ownRestriction, currentRestriction,
                    locationData, nonDisclosureDeclared, minorDisclosureCode, date, replacedArchivedBy, formerController);
        }
    }
}
