package fi.arkisto.store.cda;

import fi.arkisto.store.hl7.Hl7Namespaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real signed client relationship document from the field (its client 200111A904P is a
 * test identity code): every header value visible in the file must come out of the parser.
 */
class CdaParserRealSampleTest {

    static final String SAMPLE = "/kanta/asiakkuusasiakirja_S.xml";

    private static byte[] sample;
    private static ParsedDocument parsed;

    @BeforeAll
    static void parseTheSampleOnce() throws IOException {
        sample = read(SAMPLE);
        parsed = new CdaParser().parse(sample);
    }

    static byte[] read(String resource) throws IOException {
        try (InputStream in = CdaParserRealSampleTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return in.readAllBytes();
        }
    }

    @Test
    void readsTheDocumentIdentityOfTheRealSample() {
        // given the real sample, when parsed (once, above), then
        DocumentMetadata m = parsed.metadata();
        assertThat(m.documentOid().value()).isEqualTo("1.2.246.10.32213561.95777.2026.688883.2809773");
        assertThat(m.setId()).isEqualTo("1.2.246.10.32213561.95777.2026.688883.2809773");
        assertThat(m.versionNumber()).isEqualTo(1);
        assertThat(m.replacesDocumentOid()).isNull();
        assertThat(m.reasonOfCorrection()).isNull();
        assertThat(m.languageCode()).isEqualTo("fi");
        assertThat(m.title()).isNull();
    }

    @Test
    void readsTheClientAndTheOrganisationsOfTheRealSample() {
        DocumentMetadata m = parsed.metadata();
        assertThat(m.clientId()).isEqualTo("200111A904P");
        assertThat(m.clientIdRoot()).isEqualTo("1.2.246.21");
        assertThat(m.controllerOid()).isEqualTo("1.2.246.10.32213561.10.0");
        assertThat(m.serviceOrganiserOid()).isEqualTo("1.2.246.10.32213561.10.0");
        assertThat(m.serviceUnitOid()).isEqualTo("1.2.246.10.1246109.10.2001213");
        assertThat(m.clientRelationshipId()).isEqualTo("1.2.246.10.32213561.95777.2026.698084.281");
        // the encounter id carries nullFlavor="NA": a client relationship document has no case
        assertThat(m.caseId()).isNull();
    }

    @Test
    void readsTheCodedHeaderFieldsOfTheRealSample() {
        DocumentMetadata m = parsed.metadata();
        assertThat(m.documentGroup().code()).isEqualTo("1");
        assertThat(m.documentGroup().codeSystem()).isEqualTo("1.2.246.537.6.1505.201601");
        assertThat(m.documentGroup().displayName()).isEqualTo("Asiakkuusasiakirja");
        assertThat(m.contentSpecificationId()).isEqualTo("1.2.246.537.6.1505.1.2023.6.1");
        assertThat(m.retentionPeriodClass().code()).isEqualTo("1");
        assertThat(m.retentionPeriodClass().codeSystem()).isEqualTo("1.2.246.537.6.1258.201601");
        assertThat(m.confidentiality().code()).isEqualTo("6");
        assertThat(m.confidentiality().codeSystem()).isEqualTo("1.2.246.777.5.99902.2006");
        assertThat(m.recordStatus().code()).isEqualTo("3");
        assertThat(m.registryType().code()).isEqualTo("1");
        assertThat(m.registryType().codeSystem()).isEqualTo("1.2.246.537.6.1264.201701");
        // code nullFlavor="NA", and the sample has no functionCode or specific type
        assertThat(m.generalDocumentType()).isNull();
        assertThat(m.serviceTask()).isNull();
        assertThat(m.specificDocumentType()).isNull();
        assertThat(m.software().moderator()).isEqualTo("Epic Systems Corporation");
        assertThat(m.software().product()).isEqualTo("Apotti");
        assertThat(m.software().version()).isEqualTo("11.7.0");
    }

    @Test
    void readsTheTimesOfTheRealSampleWithTheirOffset() {
        OffsetDateTime expected = OffsetDateTime.of(2026, 7, 17, 13, 6, 52, 0, ZoneOffset.ofHours(3));
        assertThat(parsed.metadata().effectiveTime()).isEqualTo(expected);
        assertThat(parsed.metadata().creationTime()).isEqualTo(expected);
    }

    @Test
    void readsTheSystemSignatureSummaryOfTheRealSample() {
        assertThat(parsed.metadata().signatures()).hasSize(1);
        SignatureSummary signature = parsed.metadata().signatures().get(0);
        assertThat(signature.id()).isEqualTo("Epic.HL7Finland.Signature.1");
        assertThat(signature.typeCode()).isEqualTo("3");
        assertThat(signature.signingTime()).isEqualTo("2026-07-17T10:06:56.4257383Z");
        assertThat(signature.certificateSubject())
                .contains("SERIALNUMBER=1.2.246.10.32213561.10.0")
                .contains("O=Vantaan ja Keravan hyvinvointialue")
                .contains("C=FI");
    }

    @Test
    void decodesTheXhtmlDisplayFormOfTheRealSample() {
        String xhtml = new String(parsed.displayForm(), StandardCharsets.UTF_8);
        assertThat(parsed.displayMediaType()).isEqualTo("application/xhtml+xml");
        assertThat(xhtml).contains("Asiakkuusasiakirja").contains("http://www.w3.org/1999/xhtml");
        // the display form is itself well-formed XML that the hardened parser accepts
        assertThat(SecureXml.parseDocument(parsed.displayForm()).getDocumentElement().getLocalName()).isEqualTo("div");
    }

    @Test
    void decodesTheJsonStructuredFormOfTheRealSample() {
        String json = new String(parsed.structuredForm(), StandardCharsets.UTF_8);
        assertThat(json).startsWith("{").contains("\"asiakkuusasiakirja\"").contains("200111A904P");
    }

    @Test
    void keepsTheDomOfTheRealSampleForSignatureVerification() {
        // the whole tree is kept: the signature element and the signed body id are there
        assertThat(parsed.dom().getElementsByTagNameNS(Hl7Namespaces.XMLDSIG, "SignatureValue").getLength()).isEqualTo(1);
        assertThat(parsed.dom().getDocumentElement().getAttributeNS("http://www.w3.org/2000/xmlns/", "xsi"))
                .isEqualTo("http://www.w3.org/2001/XMLSchema-instance");
    }
}
