package fi.arkisto.store.cda;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

import static fi.arkisto.store.cda.CdaParserRealSampleTest.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The header rules of issue 2 on a synthetic case document (version 2 replacing version 1, with
 * the fields the real sample lacks): each defect is refused with its own code, naming the field.
 */
class CdaParserHeaderRulesTest {

    private static final String FIXTURE = "/cda/case-document-v2.xml";
    private static String caseDocument;
    private final CdaParser parser = new CdaParser();

    @BeforeAll
    static void readFixture() throws IOException {
        caseDocument = new String(read(FIXTURE), StandardCharsets.UTF_8);
    }

    private ParsedDocument parse(String xml) {
        return parser.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static String replaced(String from, String to) {
        assertThat(caseDocument).as("fixture contains the text to replace").contains(from);
        return caseDocument.replace(from, to);
    }

    private ArchiveException refusalOf(String xml) {
        ArchiveException refusal = catchThrowableOfType(() -> parse(xml), ArchiveException.class);
        assertThat(refusal).as("the parser must refuse the document").isNotNull();
        return refusal;
    }

    @Test
    void readsEveryFieldOfAReplacingCaseDocument() {
        // given a case document, version 2 of its set, when parsed
        ParsedDocument parsed = parse(caseDocument);
        DocumentMetadata m = parsed.metadata();

        // then every header field has the value written in it
        assertThat(m.documentOid().value()).isEqualTo("1.2.246.10.1234567.95777.2026.1.2");
        assertThat(m.setId()).isEqualTo("1.2.246.10.1234567.95777.2026.1.1");
        assertThat(m.versionNumber()).isEqualTo(2);
        assertThat(m.replacesDocumentOid()).isEqualTo("1.2.246.10.1234567.95777.2026.1.1");
        assertThat(m.reasonOfCorrection()).isEqualTo("Asiakirjan tietoja on täydennetty");
        assertThat(m.clientId()).isEqualTo("150377-912C");
        assertThat(m.clientIdRoot()).isEqualTo("1.2.246.21");
        assertThat(m.controllerOid()).isEqualTo("1.2.246.10.1234567.10.0");
        assertThat(m.serviceOrganiserOid()).isEqualTo("1.2.246.10.1234567.10.0");
        // the ADM participant, not the consulted (CON) one listed first
        assertThat(m.serviceUnitOid()).isEqualTo("1.2.246.10.1234567.10.2001");
        assertThat(m.caseId()).isEqualTo("1.2.246.10.1234567.95777.2026.555.1");
        assertThat(m.clientRelationshipId()).isEqualTo("1.2.246.10.1234567.95777.2026.700.1");
        assertThat(m.serviceTask().code()).isEqualTo("24");
        assertThat(m.serviceTask().codeSystem()).isEqualTo("1.2.246.537.6.1221.201601");
        assertThat(m.serviceTask().displayName()).isEqualTo("Lapsiperheiden palvelut");
        assertThat(m.documentGroup().code()).isEqualTo("2");
        assertThat(m.generalDocumentType().code()).isEqualTo("3");
        assertThat(m.generalDocumentType().codeSystem()).isEqualTo("1.2.246.537.6.1506.201701");
        assertThat(m.specificDocumentType().code()).isEqualTo("95");
        assertThat(m.contentSpecificationId()).isEqualTo("1.2.246.537.6.1505.1.2023.6.3");
        assertThat(m.retentionPeriodClass().code()).isEqualTo("2");
        assertThat(m.title()).isEqualTo("Palvelutarpeen arvio");
        assertThat(m.software().product()).isEqualTo("Testikirjaus");
        assertThat(m.signatures()).isEmpty();
        // effectiveTime has fractional seconds and an explicit winter offset
        assertThat(m.effectiveTime()).isEqualTo(
                OffsetDateTime.of(2026, 1, 15, 9, 30, 0, 250_000_000, ZoneOffset.ofHours(2)));
        // creationTime has no zone: Finnish time, which is UTC+2 in January
        assertThat(m.creationTime()).isEqualTo(OffsetDateTime.of(2026, 1, 15, 9, 35, 12, 0, ZoneOffset.ofHours(2)));
        assertThat(new String(parsed.displayForm(), StandardCharsets.UTF_8)).contains("Palvelutarpeen arvio");
        assertThat(new String(parsed.structuredForm(), StandardCharsets.UTF_8)).contains("\"150377-912C\"");
    }

    @Test
    void matchesTheLocalSocialHeaderByNamespaceWhateverItsPrefix() {
        // given the local header written with a default namespace declaration instead of hl7fi:
        String xml = caseDocument
                .replace("<hl7fi:localSocialHeader>", "<localSocialHeader xmlns=\"urn:hl7finland\">")
                .replace("</hl7fi:localSocialHeader>", "</localSocialHeader>")
                .replaceAll("<hl7fi:(\\w+)( |>)", "<$1$2")
                .replaceAll("</hl7fi:(\\w+)>", "</$1>")
                .replace("<json>", "<hl7fi:json>").replace("</json>", "</hl7fi:json>");

        // when parsed, then the same values come out
        DocumentMetadata m = parse(xml).metadata();
        assertThat(m.documentGroup().code()).isEqualTo("2");
        assertThat(m.serviceTask().code()).isEqualTo("24");
        assertThat(m.contentSpecificationId()).isEqualTo("1.2.246.537.6.1505.1.2023.6.3");
    }

    @Test
    void ignoresAnElementNamedLikeTheLocalHeaderInAnotherNamespace() {
        // given the local header moved to a foreign namespace
        String xml = caseDocument.replace("xmlns:hl7fi=\"urn:hl7finland\"", "xmlns:hl7fi=\"urn:example:not-kanta\"");

        // when parsed, then it does not count as the Kanta local header
        ArchiveException refusal = refusalOf(xml);
        assertThat(refusal.code()).isEqualTo(ErrorCode.MISSING_REQUIRED_FIELD);
        assertThat(refusal.getMessage()).contains("hl7fi:localSocialHeader");
    }

    @ParameterizedTest(name = "[{index}] {3}")
    @CsvSource(delimiter = '|', value = {
            "<id root=\"1.2.246.10.1234567.95777.2026.1.2\"/>|<id nullFlavor=\"NI\"/>|MISSING_REQUIRED_FIELD|id@root",
            "<setId root=\"1.2.246.10.1234567.95777.2026.1.1\"/>||MISSING_REQUIRED_FIELD|setId@root",
            "<versionNumber value=\"2\"/>||MISSING_REQUIRED_FIELD|versionNumber@value",
            "<versionNumber value=\"2\"/>|<versionNumber value=\"0\"/>|INVALID_FIELD_VALUE|versionNumber@value",
            "<versionNumber value=\"2\"/>|<versionNumber value=\"two\"/>|INVALID_FIELD_VALUE|versionNumber@value",
            "<versionNumber value=\"2\"/>|<versionNumber value=\"99999999999\"/>|INVALID_FIELD_VALUE|versionNumber@value",
            "<id root=\"1.2.246.21\" extension=\"150377-912C\"/>|<id root=\"1.2.246.21\"/>|MISSING_REQUIRED_FIELD|recordTarget/patientRole/id@extension",
            "<id root=\"1.2.246.21\" extension=\"150377-912C\"/>|<id extension=\"150377-912C\"/>|MISSING_REQUIRED_FIELD|recordTarget/patientRole/id@root",
            "<id root=\"1.2.246.21\" extension=\"150377-912C\"/>|<id nullFlavor=\"UNK\"/>|MISSING_REQUIRED_FIELD|recordTarget/patientRole/id@root",
            "<id root=\"1.2.246.21\" extension=\"150377-912C\"/>|<id root=\"1.2.246.21x\" extension=\"150377-912C\"/>|INVALID_OID|recordTarget/patientRole/id@root",
            "<id root=\"1.2.246.10.1234567.10.0\"/>|<id nullFlavor=\"NA\"/>|MISSING_REQUIRED_FIELD|representedCustodianOrganization/id@root",
            "<id root=\"1.2.246.10.1234567.10.0\"/>|<id root=\"1.2.246.10.1234567.10.0.\"/>|INVALID_OID|representedCustodianOrganization/id@root",
            "<effectiveTime value=\"20260115093000.25+0200\"/>||MISSING_REQUIRED_FIELD|effectiveTime@value",
            "<effectiveTime value=\"20260115093000.25+0200\"/>|<effectiveTime value=\"2026-01-15T09:30:00\"/>|INVALID_FIELD_VALUE|effectiveTime@value",
            "<effectiveTime value=\"20260115093000.25+0200\"/>|<effectiveTime value=\"20260230\"/>|INVALID_FIELD_VALUE|effectiveTime@value",
            "<effectiveTime value=\"20260115093000.25+0200\"/>|<effectiveTime value=\"20260115250000\"/>|INVALID_FIELD_VALUE|effectiveTime@value",
            "<hl7fi:creationTime value=\"20260115093512\"/>|<hl7fi:creationTime value=\"202601\"/>|INVALID_FIELD_VALUE|hl7fi:creationTime@value",
            "<hl7fi:documentGroup code=\"2\" codeSystem=\"1.2.246.537.6.1505.201601\" displayName=\"Asiaan liittyvä asiakirja\"/>||MISSING_REQUIRED_FIELD|hl7fi:documentGroup@code",
            "<hl7fi:documentGroup code=\"2\"|<hl7fi:documentGroup nullFlavor=\"NA\" code=\"2\"|MISSING_REQUIRED_FIELD|hl7fi:documentGroup@code",
            "<hl7fi:outsourcingServiceCustomer root=\"1.2.246.10.1234567.10.0\"/>|<hl7fi:outsourcingServiceCustomer root=\"Vantaa\"/>|INVALID_OID|hl7fi:outsourcingServiceCustomer@root",
            "<id root=\"1.2.246.10.1234567.10.2001\"/>|<id root=\"1.2.246.10.1234567.10.02001\"/>|INVALID_OID|encounterParticipant[@typeCode='ADM']",
            "<hl7fi:contentSpecificationId>1.2.246.537.6.1505.1.2023.6.3<|<hl7fi:contentSpecificationId>THL rakenne 6.3<|INVALID_OID|hl7fi:contentSpecificationId",
            "<id root=\"1.2.246.10.1234567.95777.2026.555.1\"/>|<id root=\"3.2.246\"/>|INVALID_OID|componentOf/encompassingEncounter/id@root",
            "<hl7fi:encompassingClientRelationship root=\"1.2.246.10.1234567.95777.2026.700.1\"/>|<hl7fi:encompassingClientRelationship root=\"1..2\"/>|INVALID_OID|hl7fi:encompassingClientRelationship@root",
            "<id root=\"1.2.246.10.1234567.95777.2026.1.1\"/>|<id root=\"1.2.246.10.1234567.95777.2026.1.1 \"/>|INVALID_OID|relatedDocument[@typeCode='RPLC']/parentDocument/id@root",
            "<hl7fi:localSocialHeader>|<hl7fi:localSocialHeaderX>|MALFORMED_XML|line",
            "representation=\"B64\"|representation=\"TXT\"|INVALID_FIELD_VALUE|component/nonXMLBody/text@representation",
            "representation=\"B64\"|mediaType2=\"x\"|INVALID_FIELD_VALUE|component/nonXMLBody/text@representation",
            "<text mediaType=\"application/xhtml+xml\" representation=\"B64\">|<text nullFlavor=\"NA\">|MISSING_REQUIRED_FIELD|component/nonXMLBody/text",
    })
    void refusesAHeaderDefectWithItsCodeNamingTheField(String from, String to, ErrorCode code, String field) {
        // given the valid case document with one defect
        String xml = replaced(from, to == null ? "" : to);

        // when parsed
        ArchiveException refusal = refusalOf(xml);

        // then the specific code, and a message that names the field
        assertThat(refusal.code()).isEqualTo(code);
        assertThat(refusal.getMessage()).contains(field);
    }

    @ParameterizedTest(name = "[{index}] {1} twice")
    @CsvSource(delimiter = '|', value = {
            "<id root=\"1.2.246.10.1234567.95777.2026.1.2\"/>|id",
            "<setId root=\"1.2.246.10.1234567.95777.2026.1.1\"/>|setId",
            "<versionNumber value=\"2\"/>|versionNumber",
            "<effectiveTime value=\"20260115093000.25+0200\"/>|effectiveTime",
            "<hl7fi:documentGroup code=\"2\" codeSystem=\"1.2.246.537.6.1505.201601\" displayName=\"Asiaan liittyvä asiakirja\"/>|hl7fi:documentGroup",
            "<hl7fi:outsourcingServiceCustomer root=\"1.2.246.10.1234567.10.0\"/>|hl7fi:outsourcingServiceCustomer",
            "<hl7fi:registryType code=\"1\" codeSystem=\"1.2.246.537.6.1264.201701\" displayName=\"Sosiaalihuollon asiakasrekisteri\"/>|hl7fi:registryType",
    })
    void refusesASingleValuedHeaderElementGivenTwice(String element, String name) {
        // given a second copy of a single-valued element with another value in front of the first:
        // readers picking different copies is what signature-wrapping attacks exploit
        String other = element.replaceFirst("(root|value|code)=\"[^\"]*\"", "$1=\"1.2.3\"");
        String xml = replaced(element, other + "\n\t" + element);

        // when parsed, then refused instead of picking one
        ArchiveException refusal = refusalOf(xml);
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_FIELD_VALUE);
        assertThat(refusal.getMessage()).contains(name + " occurs more than once");
    }

    @Test
    void refusesASecondDisplayFormInTheBody() {
        // given two text parts in the body, the first harmless, the second what a viewer might show
        String xml = caseDocument.replaceFirst("(?s)(<text mediaType=.*?</text>)", "$1$1");

        // when parsed, then
        ArchiveException refusal = refusalOf(xml);
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_FIELD_VALUE);
        assertThat(refusal.getMessage()).contains("text occurs more than once");
    }

    @Test
    void takesThePersonalIdentityCodeWhenTheClientHasSeveralIds() {
        // given a patient role listing an organisation's own client number before the identity code
        String xml = replaced("<id root=\"1.2.246.21\" extension=\"150377-912C\"/>",
                "<id root=\"1.2.246.10.1234567.22.1\" extension=\"A-4711\"/><id root=\"1.2.246.21\" extension=\"150377-912C\"/>");

        // when parsed, then the identity code is the client id
        DocumentMetadata m = parse(xml).metadata();
        assertThat(m.clientIdRoot()).isEqualTo("1.2.246.21");
        assertThat(m.clientId()).isEqualTo("150377-912C");
    }

    @Test
    void refusesAnInvalidIdentityCodeWithoutEchoingIt() {
        // given a client code whose birth date does not exist (29 Feb 2001)
        String xml = replaced("extension=\"150377-912C\"", "extension=\"290201A9" + "63X\"");

        // when parsed
        ArchiveException refusal = refusalOf(xml);

        // then refused as an invalid identity code, shown masked only
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_IDENTITY_CODE);
        assertThat(refusal.getMessage()).contains("290201*****").doesNotContain("290201A963");
    }

    @Test
    void acceptsAnyClientIdUnderAnotherIdentifierSystem() {
        // given a client identified by an organisation's own id system (e.g. a temporary id)
        String xml = replaced("<id root=\"1.2.246.21\" extension=\"150377-912C\"/>",
                "<id root=\"1.2.246.10.2012566.22.2026\" extension=\"010111A998W\"/>");

        // when parsed, then the id is kept as given; the identity code rules do not apply
        DocumentMetadata m = parse(xml).metadata();
        assertThat(m.clientIdRoot()).isEqualTo("1.2.246.10.2012566.22.2026");
        assertThat(m.clientId()).isEqualTo("010111A998W");
    }

    @Test
    void neverEchoesAnIdentityCodeSentAsADocumentOid() {
        // given an identity code put where the document OID belongs
        String xml = replaced("<id root=\"1.2.246.10.1234567.95777.2026.1.2\"/>", "<id root=\"150377-912C\"/>");

        // when parsed, then
        ArchiveException refusal = refusalOf(xml);
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_OID);
        assertThat(refusal.getMessage()).contains("id@root").doesNotContain("150377-912C");
    }

    @Test
    void treatsAnAbsentOrNullFlavouredCaseAsNoCase() {
        // given the case id replaced by a null flavour, as client relationship documents have it
        String xml = replaced("<id root=\"1.2.246.10.1234567.95777.2026.555.1\"/>", "<id nullFlavor=\"NA\"/>");

        // when parsed, then
        assertThat(parse(xml).metadata().caseId()).isNull();
    }

    @Test
    void decodesBase64WrappedWithAnyXmlWhitespace() {
        // given the display form re-wrapped every 3 characters with spaces, tabs and CRLF
        String encoded = Base64.getEncoder().encodeToString("<p xmlns=\"http://www.w3.org/1999/xhtml\">ok</p>"
                .getBytes(StandardCharsets.UTF_8));
        StringBuilder wrapped = new StringBuilder("\r\n\t");
        for (int i = 0; i < encoded.length(); i += 3) {
            wrapped.append(encoded, i, Math.min(i + 3, encoded.length())).append(i % 2 == 0 ? " \r\n" : "\t ");
        }
        String xml = caseDocument.replaceFirst("(?s)(representation=\"B64\">).*?(</text>)",
                "$1" + wrapped + "$2");

        // when parsed, then the exact bytes come back
        assertThat(new String(parse(xml).displayForm(), StandardCharsets.UTF_8))
                .isEqualTo("<p xmlns=\"http://www.w3.org/1999/xhtml\">ok</p>");
    }

    @Test
    void refusesBase64WithoutPaddingOrWithTrailingGarbage() {
        // given a display form whose Base64 needs padding, once without it (Java's decoder alone
        // would accept that) and once with a padded block followed by more data
        String padded = Base64.getEncoder().encodeToString("<p xmlns=\"http://www.w3.org/1999/xhtml\">ok!</p>"
                .getBytes(StandardCharsets.UTF_8));
        assertThat(padded).endsWith("=");
        String unpadded = withDisplayForm(padded.replace("=", ""));
        String garbage = withDisplayForm(padded + "AAAA");
        assertThat(parse(withDisplayForm(padded)).displayForm()).isNotEmpty();

        // when parsed, then both are refused as Base64 errors
        assertThat(refusalOf(unpadded).code()).isEqualTo(ErrorCode.INVALID_BASE64);
        assertThat(refusalOf(garbage).code()).isEqualTo(ErrorCode.INVALID_BASE64);
    }

    private static String withDisplayForm(String base64) {
        return caseDocument.replaceFirst("(?s)(representation=\"B64\">).*?(</text>)", "$1" + base64 + "$2");
    }

    @Test
    void refusesABrokenStructuredForm() {
        // given a JSON part that is not Base64
        String xml = caseDocument.replaceFirst("(?s)(<hl7fi:json>).*?(</hl7fi:json>)", "$1{\"not\": \"base64\"}$2");

        // when parsed, then
        ArchiveException refusal = refusalOf(xml);
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_BASE64);
        assertThat(refusal.getMessage()).contains("hl7fi:json");
    }

    @Test
    void readsADocumentWithoutStructuredFormAsUnstructured() {
        // given no hl7fi:json
        String xml = caseDocument.replaceFirst("(?s)\\s*<hl7fi:json>.*?</hl7fi:json>", "");

        // when parsed, then
        assertThat(parse(xml).structuredForm()).isNull();
    }

    @Test
    void refusesABrokenSignatureCertificate() throws IOException {
        // given the real sample with one byte of its certificate's Base64 changed
        String sample = new String(read(CdaParserRealSampleTest.SAMPLE), StandardCharsets.UTF_8);
        String xml = sample.replace("<X509Certificate>MIIH4zCCBcugAwIBAgIP", "<X509Certificate>MIIH4zCCBcugAwIBAgIQ");

        // when parsed
        ArchiveException refusal = refusalOf(xml);

        // then refused as an invalid field value naming the certificate
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_FIELD_VALUE);
        assertThat(refusal.getMessage()).contains("X509Certificate");
    }
}
