package fi.arkisto.testkit.generator;

import fi.arkisto.testkit.generator.GeneratorCodes.DocumentGroup;
import fi.arkisto.testkit.generator.GeneratorCodes.DocumentType;
import fi.arkisto.testkit.generator.GeneratorCodes.ServiceTask;
import fi.arkisto.testkit.generator.SyntheticPopulation.Person;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * Everything one generated document version says, before it is written as CDA.
 *
 * @param nonDisclosure the client is under non-disclosure for safety reasons ({@code asiakas.turvakielto}): the client
 *                      relationship document says so, and no other document carries the client's location data
 * @param providers     the {@code palveluntuottaja} entries of a client relationship document
 * @param parties       the parties of a mutual case topic document
 * @param restriction   a professional's restriction on showing the document to the client (MyKanta), or null
 * @param locationData  the structured form carries the client's location data ({@code asiakas.kotikunta})
 */
record DocumentSpec(
        String documentOid, String setId, int versionNumber, String replacesDocumentOid, String reasonOfCorrection,
        DocumentGroup group, DocumentType type, ServiceTask serviceTask,
        Person client, String professionalName, String professionalIdentityCode,
        String organisationOid, String organisationName, String serviceUnitOid, String serviceUnitName,
        ZonedDateTime effectiveTime, String caseId, LocalDate caseOpened, String caseTitle,
        String clientRelationshipId, LocalDate relationshipStart, String retentionClass,
        List<String> paragraphs, boolean nonDisclosure, List<ProviderSpec> providers, List<PartySpec> parties,
        Restriction restriction, boolean locationData) {

    /**
     * A {@code palveluntuottaja} entry: the unit producing the service and the client relationship there.
     *
     * @param end the last day, or null while it goes on (written by a replacement version)
     */
    record ProviderSpec(String unitOid, String unitName, LocalDate start, LocalDate end) {

        ProviderSpec endingOn(LocalDate last) {
            return new ProviderSpec(unitOid, unitName, start, last);
        }
    }

    /** A party of a mutual case with the first and (once left) the last day of its membership. */
    record PartySpec(Person person, LocalDate start, LocalDate end) {
    }

    /**
     * The restrictions a professional may set on showing a document to the client in MyKanta: {@code
     * hl7fi:inaccessibleArgument} (code system 1.2.246.537.6.1288.201901) or {@code
     * hl7fi:authorizationRestrictionArgument} (free text) in the local social header (docs/access.md, "The citizen's
     * view").
     */
    public enum Restriction {
        INACCESSIBLE, AUTHORIZATION_RESTRICTION
    }

    DocumentSpec {
        providers = providers == null ? List.of() : List.copyOf(providers);
        parties = parties == null ? List.of() : List.copyOf(parties);
    }

    DocumentSpec replacedBy(String newOid, String reason, ZonedDateTime time, List<String> newParagraphs) {
        return nextVersion(newOid, reason, time, newParagraphs, providers, parties);
    }

    /** The next version of this set, saying what is given. */
    DocumentSpec nextVersion(String newOid, String reason, ZonedDateTime time, List<String> newParagraphs,
                             List<ProviderSpec> newProviders, List<PartySpec> newParties) {
        return new DocumentSpec(newOid, setId, versionNumber + 1, documentOid, reason, group, type, serviceTask, client,
                professionalName, professionalIdentityCode, organisationOid, organisationName, serviceUnitOid,
                serviceUnitName, time, caseId, caseOpened, caseTitle, clientRelationshipId, relationshipStart,
                retentionClass, newParagraphs, nonDisclosure, newProviders, newParties, restriction, locationData);
    }

    /** This version with the restriction given (null: none, a later version lifting an earlier one's). */
    DocumentSpec restricted(Restriction newRestriction) {
        return new DocumentSpec(documentOid, setId, versionNumber, replacesDocumentOid, reasonOfCorrection, group, type,
                serviceTask, client, professionalName, professionalIdentityCode, organisationOid, organisationName,
                serviceUnitOid, serviceUnitName, effectiveTime, caseId, caseOpened, caseTitle, clientRelationshipId,
                relationshipStart, retentionClass, paragraphs, nonDisclosure, providers, parties, newRestriction, locationData);
    }

    /** This version in another controller's register: that controller its custodian and service organiser. */
    DocumentSpec inRegister(String controller, String controllerName) {
        return new DocumentSpec(documentOid, setId, versionNumber, replacesDocumentOid, reasonOfCorrection, group, type,
                serviceTask, client, professionalName, professionalIdentityCode, controller, controllerName,
                serviceUnitOid, serviceUnitName, effectiveTime, caseId, caseOpened, caseTitle, clientRelationshipId,
                relationshipStart, retentionClass, paragraphs, nonDisclosure, providers, parties, restriction,
                locationData);
    }

    /** This version carrying the client's location data. */
    DocumentSpec withLocationData() {
        return new DocumentSpec(documentOid, setId, versionNumber, replacesDocumentOid, reasonOfCorrection, group, type,
                serviceTask, client, professionalName, professionalIdentityCode, organisationOid, organisationName,
                serviceUnitOid, serviceUnitName, effectiveTime, caseId, caseOpened, caseTitle, clientRelationshipId,
                relationshipStart, retentionClass, paragraphs, nonDisclosure, providers, parties, restriction, true);
    }

    boolean structured() {
        return type.structure != null;
    }
}
