package fi.arkisto.testkit.generator;

import fi.arkisto.testkit.generator.GeneratorCodes.DocumentGroup;
import fi.arkisto.testkit.generator.GeneratorCodes.DocumentType;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

import static fi.arkisto.testkit.generator.DisplayForms.esc;

/**
 * Writes one unsigned Kanta social welfare CDA R2 document in the header layout of the real sample
 * {@code asiakkuusasiakirja_S.xml}: CDA header, the {@code urn:hl7finland} localSocialHeader, and a nonXMLBody with
 * {@code ID="OID<documentOid>"} carrying the Base64 XHTML display form and the Base64 JSON structured form
 * ({@code hl7fi:json}). A signer (the system signer) adds the {@code signatureCollection} afterwards.
 */
final class CdaWriter {

    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmssxx");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final Base64.Encoder BASE64 = Base64.getEncoder();

    private CdaWriter() {
    }

    static byte[] write(DocumentSpec spec) {
        String time = spec.effectiveTime().format(TS);
        StringBuilder x = new StringBuilder(16384);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<ClinicalDocument xmlns=\"urn:hl7-org:v3\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n");
        x.append("\t<realmCode code=\"FI\"/>\n");
        x.append("\t<typeId extension=\"POCD_HD000040\" root=\"2.16.840.1.113883.1.3\"/>\n");
        x.append("\t<id root=\"").append(spec.documentOid()).append("\"/>\n");
        DocumentType type = spec.type();
        if (type.code == null) {
            x.append("\t<code nullFlavor=\"NA\"/>\n");
        } else {
            x.append("\t<code code=\"").append(type.code).append("\" codeSystem=\"")
                    .append(GeneratorCodes.DOCUMENT_TYPE_SYSTEM)
                    .append("\" codeSystemName=\"Sosiaalihuolto - Yleinen asiakirjatyyppi\" displayName=\"")
                    .append(esc(type.display)).append("\"/>\n");
            x.append("\t<title>").append(esc(type.display)).append("</title>\n");
        }
        x.append("\t<effectiveTime value=\"").append(time).append("\"/>\n");
        x.append("\t<confidentialityCode code=\"6\" codeSystem=\"1.2.246.777.5.99902.2006\" ")
                .append("codeSystemName=\"KanTa-palvelut - Asiakirjan luottamuksellisuus\" ")
                .append("displayName=\"Sosiaalihuollon salassapidettävä\"/>\n");
        x.append("\t<languageCode code=\"fi\"/>\n");
        x.append("\t<setId root=\"").append(spec.setId()).append("\"/>\n");
        x.append("\t<versionNumber value=\"").append(spec.versionNumber()).append("\"/>\n");
        recordTarget(spec, x);
        author(spec, x);
        x.append("\t<custodian>\n\t\t<assignedCustodian>\n\t\t\t<representedCustodianOrganization>\n");
        x.append("\t\t\t\t<id root=\"").append(spec.organisationOid()).append("\"/>\n");
        x.append("\t\t\t\t<name>").append(esc(spec.organisationName())).append("</name>\n");
        x.append("\t\t\t</representedCustodianOrganization>\n\t\t</assignedCustodian>\n\t</custodian>\n");
        if (spec.replacesDocumentOid() != null) {
            x.append("\t<relatedDocument typeCode=\"RPLC\">\n\t\t<parentDocument>\n");
            x.append("\t\t\t<id root=\"").append(spec.replacesDocumentOid()).append("\"/>\n");
            x.append("\t\t\t<setId root=\"").append(spec.setId()).append("\"/>\n");
            x.append("\t\t\t<versionNumber value=\"").append(spec.versionNumber() - 1).append("\"/>\n");
            x.append("\t\t</parentDocument>\n\t</relatedDocument>\n");
        }
        componentOf(spec, x);
        localSocialHeader(spec, x, time);
        x.append("\t<component>\n\t\t<nonXMLBody ID=\"OID").append(spec.documentOid()).append("\">\n");
        x.append("\t\t\t<text mediaType=\"application/xhtml+xml\" representation=\"B64\">\n\t\t\t")
                .append(BASE64.encodeToString(DisplayForms.write(spec))).append("\n\t\t\t\n\t\t</text>\n");
        if (spec.structured()) {
            x.append("\t\t\t<ep2:json xmlns:ep2=\"urn:hl7finland\">\n\t\t\t")
                    .append(BASE64.encodeToString(StructuredForms.write(spec))).append("\n\t\t\t\n\t\t</ep2:json>\n");
        }
        x.append("\t\t</nonXMLBody>\n\t</component>\n</ClinicalDocument>\n");
        return x.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void recordTarget(DocumentSpec spec, StringBuilder x) {
        SyntheticPopulation.Person client = spec.client();
        x.append("\t<recordTarget>\n\t\t<patientRole>\n");
        x.append("\t\t\t<id root=\"1.2.246.21\" extension=\"").append(client.identityCode()).append("\"/>\n");
        x.append("\t\t\t<patient>\n\t\t\t\t<name>\n");
        for (String given : client.given().split(" ")) {
            x.append("\t\t\t\t\t<given>").append(esc(given)).append("</given>\n");
        }
        x.append("\t\t\t\t\t<family>").append(esc(client.family())).append("</family>\n");
        x.append("\t\t\t\t</name>\n");
        x.append("\t\t\t\t<administrativeGenderCode code=\"").append(client.genderCode())
                .append("\" codeSystem=\"1.2.246.537.5.1.1997\" codeSystemName=\"AR/YDIN - Sukupuoli\" displayName=\"")
                .append(client.male() ? "Mies" : "Nainen").append("\"/>\n");
        x.append("\t\t\t\t<birthTime value=\"").append(client.birthDate().format(DATE)).append("\"/>\n");
        x.append("\t\t\t</patient>\n\t\t</patientRole>\n\t</recordTarget>\n");
    }

    private static void author(DocumentSpec spec, StringBuilder x) {
        x.append("\t<author>\n");
        if (spec.group() == DocumentGroup.CLIENT_RELATIONSHIP) {
            // As in the sample: the client relationship document names no professional, but CDA requires an author.
            x.append("\t\t<time nullFlavor=\"NA\"/>\n\t\t<assignedAuthor>\n\t\t\t<id nullFlavor=\"NA\"/>\n");
        } else {
            x.append("\t\t<time value=\"").append(spec.effectiveTime().format(TS)).append("\"/>\n");
            x.append("\t\t<assignedAuthor>\n\t\t\t<id root=\"1.2.246.21\" extension=\"")
                    .append(spec.professionalIdentityCode()).append("\"/>\n");
            String[] name = spec.professionalName().split(" ", 2);
            x.append("\t\t\t<assignedPerson>\n\t\t\t\t<name>\n\t\t\t\t\t<given>").append(esc(name[0]))
                    .append("</given>\n\t\t\t\t\t<family>").append(esc(name[1]))
                    .append("</family>\n\t\t\t\t</name>\n\t\t\t</assignedPerson>\n");
        }
        x.append("\t\t</assignedAuthor>\n\t</author>\n");
    }

    private static void componentOf(DocumentSpec spec, StringBuilder x) {
        x.append("\t<componentOf>\n\t\t<encompassingEncounter>\n");
        if (spec.caseId() != null) {
            x.append("\t\t\t<id root=\"").append(spec.caseId()).append("\"/>\n");
            x.append("\t\t\t<effectiveTime>\n\t\t\t\t<low value=\"").append(spec.caseOpened().format(DATE))
                    .append("\"/>\n\t\t\t</effectiveTime>\n");
        } else {
            x.append("\t\t\t<id nullFlavor=\"NA\"/>\n\t\t\t<effectiveTime nullFlavor=\"NA\"/>\n");
        }
        x.append("\t\t\t<encounterParticipant typeCode=\"ADM\">\n\t\t\t\t<assignedEntity>\n");
        x.append("\t\t\t\t\t<id nullFlavor=\"NA\"/>\n\t\t\t\t\t<representedOrganization>\n");
        x.append("\t\t\t\t\t\t<id root=\"").append(spec.serviceUnitOid()).append("\"/>\n");
        x.append("\t\t\t\t\t\t<name>").append(esc(spec.serviceUnitName())).append("</name>\n");
        x.append("\t\t\t\t\t</representedOrganization>\n\t\t\t\t</assignedEntity>\n");
        x.append("\t\t\t</encounterParticipant>\n\t\t</encompassingEncounter>\n\t</componentOf>\n");
    }

    private static void localSocialHeader(DocumentSpec spec, StringBuilder x, String time) {
        DocumentGroup group = spec.group();
        x.append("\t<ep2:localSocialHeader xmlns:ep2=\"urn:hl7finland\">\n");
        x.append("\t\t<ep2:creationTime value=\"").append(time).append("\"/>\n");
        x.append("\t\t<ep2:documentGroup code=\"").append(group.code).append("\" codeSystem=\"")
                .append(GeneratorCodes.DOCUMENT_GROUP_SYSTEM)
                .append("\" codeSystemName=\"Sosiaalihuolto - Asiakirjaryhmä\" displayName=\"")
                .append(esc(group.display)).append("\"/>\n");
        x.append("\t\t<ep2:functionCode code=\"").append(spec.serviceTask().code()).append("\" codeSystem=\"")
                .append(GeneratorCodes.SERVICE_TASK_SYSTEM)
                .append("\" codeSystemName=\"Sosiaalihuolto - Palvelutehtävä\" displayName=\"")
                .append(esc(spec.serviceTask().display())).append("\"/>\n");
        x.append("\t\t<ep2:fileFormat code=\"2\" codeSystem=\"1.2.246.537.6.1502.201601\" ")
                .append("codeSystemName=\"Sosiaalihuolto - Asiakirjan näyttömuodon formaatti\" displayName=\"XHTML_1.1\"/>\n");
        if (spec.structured()) {
            x.append("\t\t<ep2:structuredFileFormat code=\"5\" codeSystem=\"1.2.246.537.5.40179.2008\" ")
                    .append("codeSystemName=\"eArkisto - Asiakirjan tiedostomuoto\" displayName=\"JSON\"/>\n");
        }
        x.append("\t\t<ep2:softwareSupport moderator=\"Arkisto\" product=\"Arkisto testiaineisto\" version=\"0.1.0\"/>\n");
        x.append("\t\t<ep2:recordStatus code=\"3\" displayName=\"Arkistointivalmis\" ")
                .append("codeSystemName=\"eArkisto - Asiakirjan valmistumisen tila\" codeSystem=\"1.2.246.537.5.40154.2008\"/>\n");
        x.append("\t\t<ep2:registryType code=\"1\" codeSystem=\"1.2.246.537.6.1264.201701\" ")
                .append("codeSystemName=\"Sosiaalihuolto - Asiakirjan rekisteritunnus\" ")
                .append("displayName=\"Sosiaalihuollon asiakasrekisteri\"/>\n");
        x.append("\t\t<ep2:outsourcingServiceCustomer root=\"").append(spec.organisationOid()).append("\"/>\n");
        x.append("\t\t<ep2:outsourcingServiceCustomerName>").append(esc(spec.organisationName()))
                .append("</ep2:outsourcingServiceCustomerName>\n");
        boolean permanent = "1".equals(spec.retentionClass());
        x.append("\t\t<ep2:totalRetentionPeriodClass code=\"").append(spec.retentionClass())
                .append("\" codeSystem=\"1.2.246.537.6.1258.201601\" ")
                .append("codeSystemName=\"Sosiaalihuolto - asiakirjan kokonaissäilytysaika\" displayName=\"")
                .append(permanent ? "Säilytetään pysyvästi" : "Säilytetään määräajan").append("\"/>\n");
        x.append("\t\t<ep2:specialContent code=\"E\" codeSystem=\"1.2.246.537.6.112.2007\" ")
                .append("codeSystemName=\"AR/YDIN - Kyllä/EI/Ei tietoa\" displayName=\"Ei\"/>\n");
        if (spec.restriction() == DocumentSpec.Restriction.INACCESSIBLE) {
            x.append("\t\t<ep2:inaccessibleArgument code=\"1\" codeSystem=\"1.2.246.537.6.1288.201901\"/>\n");
        } else if (spec.restriction() == DocumentSpec.Restriction.AUTHORIZATION_RESTRICTION) {
            x.append("\t\t<ep2:authorizationRestrictionArgument>Näytetään asiakkaalle vasta myöhemmin")
                    .append("</ep2:authorizationRestrictionArgument>\n");
        }
        if (spec.structured()) {
            x.append("\t\t<ep2:contentSpecificationId>").append(spec.type().structure)
                    .append("</ep2:contentSpecificationId>\n");
        }
        x.append("\t\t<ep2:encompassingClientRelationship root=\"").append(spec.clientRelationshipId()).append("\"/>\n");
        if (spec.reasonOfCorrection() != null) {
            x.append("\t\t<ep2:reasonOfCorrection>").append(esc(spec.reasonOfCorrection()))
                    .append("</ep2:reasonOfCorrection>\n");
        }
        x.append("\t</ep2:localSocialHeader>\n");
    }
}
