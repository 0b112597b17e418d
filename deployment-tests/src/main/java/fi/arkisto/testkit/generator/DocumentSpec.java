package fi.arkisto.testkit.generator;

import fi.arkisto.testkit.generator.GeneratorCodes.DocumentGroup;
import fi.arkisto.testkit.generator.GeneratorCodes.DocumentType;
import fi.arkisto.testkit.generator.GeneratorCodes.ServiceTask;
import fi.arkisto.testkit.generator.SyntheticPopulation.Person;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

/** Everything one generated document version says, before it is written as CDA. */
record DocumentSpec(
        String documentOid, String setId, int versionNumber, String replacesDocumentOid, String reasonOfCorrection,
        DocumentGroup group, DocumentType type, ServiceTask serviceTask,
        Person client, String professionalName, String professionalIdentityCode,
        String organisationOid, String organisationName, String serviceUnitOid, String serviceUnitName,
        ZonedDateTime effectiveTime, String caseId, LocalDate caseOpened, String caseTitle,
        String clientRelationshipId, LocalDate relationshipStart, String retentionClass,
        List<String> paragraphs) {

    DocumentSpec replacedBy(String newOid, String reason, ZonedDateTime time, List<String> newParagraphs) {
        return new DocumentSpec(newOid, setId, versionNumber + 1, documentOid, reason, group, type, serviceTask, client,
                professionalName, professionalIdentityCode, organisationOid, organisationName, serviceUnitOid,
                serviceUnitName, time, caseId, caseOpened, caseTitle, clientRelationshipId, relationshipStart,
                retentionClass, newParagraphs);
    }

    boolean structured() {
        return type.structure != null;
    }
}
