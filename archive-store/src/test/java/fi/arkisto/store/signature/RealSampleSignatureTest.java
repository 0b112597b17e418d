package fi.arkisto.store.signature;

import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.document.Intake;
import fi.arkisto.store.document.SignatureEvidence;
import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.rejection.IngestChannel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;

import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

import static fi.arkisto.store.signature.SigningFixtures.CLOCK;
import static fi.arkisto.store.signature.SigningFixtures.bytes;
import static fi.arkisto.store.signature.SigningFixtures.parse;
import static fi.arkisto.store.signature.SigningFixtures.sampleCertificate;
import static fi.arkisto.store.signature.SigningFixtures.sampleText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real Kanta sample, signed in the field by a .NET signer, against the verifier (issue 3, "Done when"). */
class RealSampleSignatureTest {

    /** The sample as it reached Kanta: its message frame was created at 10:06:54Z, its signature at 10:06:56Z. */
    static final Intake SENT = Intake.of(IngestChannel.QUEUE, Instant.parse("2026-07-17T10:07:30Z"));

    private final SignatureVerifier verifier = new SignatureVerifier(SignatureProperties.withTrustAnchors(null),
            TrustAnchors.of(List.of(sampleCertificate()), List.of()), CLOCK);

    /** Verified now (after its certificate expired), as the document that arrived when it was sent. */
    private void check(ParsedDocument document, ValidationReport report) {
        verifier.check(document, SENT, report);
    }

    @Test
    void realSampleVerifiesAsSystemSignatureValidAtSigningTimeWithItsCertificatePinned() {
        // given the real sample, its certificate (expired 2026-10-09, after signing) as the only trust anchor
        ParsedDocument document = parse(SigningFixtures.sample());
        ValidationReport report = new ValidationReport();

        // when
        check(document, report);

        // then one valid system signature with the evidence a reader checks
        assertThat(report.signatures()).hasSize(1);
        SignatureEvidence evidence = report.signatures().get(0);
        assertThat(evidence.signatureId()).isEqualTo("Epic.HL7Finland.Signature.1");
        assertThat(evidence.type()).isEqualTo(SignatureType.SYSTEM);
        assertThat(evidence.valid()).isTrue();
        assertThat(evidence.result()).isEqualTo("VALID");
        assertThat(evidence.signingTime()).isEqualTo(Instant.parse("2026-07-17T10:06:56.4257383Z"));
        assertThat(evidence.certificateSubject()).contains("SERIALNUMBER=1.2.246.10.32213561.10.0");
        assertThat(evidence.certificateIssuer()).contains("DVV TEST Social Welfare and Healthcare Service Certs - G3R");
        assertThat(evidence.certificateSerial()).isEqualTo(sampleCertificate().getSerialNumber().toString(16));
        assertThat(evidence.signer()).isEqualTo("Vantaan ja Keravan hyvinvointialue (1.2.246.10.32213561.10.0)");
        assertThat(evidence.verifiedAt()).isEqualTo(SigningFixtures.NOW);
        assertThat(evidence.arrivedAt()).isEqualTo(SENT.arrivedAt());
        assertThat(evidence.channel()).isEqualTo("QUEUE");
        // and its system certificate is the custodian's own (subject serialNumber = custodian OID)
        assertThat(evidence.signerOrganisation()).isEqualTo("1.2.246.10.32213561.10.0");
        assertThat(evidence.organisationRelation()).isEqualTo("CONTROLLER");
        assertThat(sampleCertificate().getNotAfter().toInstant()).isBefore(SigningFixtures.NOW);
    }

    @Test
    void theRealSampleArrivingMonthsAfterItsCertificateExpiredIsRefusedAsBackdated() {
        // given the real sample signed 2026-07-17 with a certificate that expired 2026-10-09, arriving online "now"
        // (2026-11-22): exactly the shape of a backdated signature, the signing time being the signer's own claim
        ParsedDocument document = parse(SigningFixtures.sample());
        ValidationReport report = new ValidationReport();

        // when / then
        assertThatThrownBy(() -> verifier.check(document, Intake.of(IngestChannel.REST, SigningFixtures.NOW), report))
                .isInstanceOf(ArchiveException.class)
                .hasMessageContaining("arrival-window")
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(ErrorCode.SIGNATURE_TIME_BEFORE_ARRIVAL_WINDOW);
        assertThat(report.signatures()).singleElement().satisfies(e -> {
            assertThat(e.result()).isEqualTo("SIGNATURE_TIME_BEFORE_ARRIVAL_WINDOW");
            assertThat(e.arrivedAt()).isEqualTo(SigningFixtures.NOW);
            assertThat(e.channel()).isEqualTo("REST");
        });
    }

    @Test
    void theRealSampleArrivingWithinTheWindowAfterItsCertificateExpiredVerifies() {
        // given an operator window of 140 days: the sample (signed 128 days before "now") is within it
        SignatureVerifier patient = new SignatureVerifier(SignatureProperties.withTrustAnchors(null)
                .withArrivalWindow(java.time.Duration.ofDays(140)), TrustAnchors.of(List.of(sampleCertificate()), List.of()), CLOCK);
        ValidationReport report = new ValidationReport();

        // when
        patient.check(parse(SigningFixtures.sample()), Intake.of(IngestChannel.REST, SigningFixtures.NOW), report);

        // then
        assertThat(report.signatures()).singleElement().satisfies(e -> assertThat(e.valid()).isTrue());
    }

    @Test
    void theMigrationIsNotBoundByTheArrival() {
        // given the legacy migration, which signs its documents itself, archiving the sample "now"
        ValidationReport report = new ValidationReport();

        // when
        verifier.check(parse(SigningFixtures.sample()), Intake.migration(SigningFixtures.NOW), report);

        // then the signature is judged at its signing time alone
        assertThat(report.signatures()).singleElement().satisfies(e -> {
            assertThat(e.valid()).isTrue();
            assertThat(e.channel()).isEqualTo("MIGRATION");
        });
    }

    @Test
    void verificationLeavesTheParsedDocumentUntouched() {
        // given
        ParsedDocument document = parse(SigningFixtures.sample());
        String before = serialise(document.dom());

        // when
        check(document, new ValidationReport());

        // then no whitespace was removed and no ID registered on the shared tree
        assertThat(serialise(document.dom())).isEqualTo(before);
        assertThat(document.dom().getElementById("OID1.2.246.10.32213561.95777.2026.688883.2809773")).isNull();
    }

    @Test
    void realSampleIsUntrustedWithoutItsAnchor() {
        SignatureVerifier noAnchors = new SignatureVerifier(SignatureProperties.withTrustAnchors(null), TrustAnchors.none(), CLOCK);

        assertThatThrownBy(() -> noAnchors.check(parse(SigningFixtures.sample()), new ValidationReport()))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(ErrorCode.SIGNATURE_UNTRUSTED);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "one Base64 character of the display form|DQoNCg0KPGRpdiBjbGFzcz0ic29j|DQoNCg0KPGRpdiBjbGFzcz0ic29k",
            "one Base64 character of the structured form|eyAiYXNpYWtrdXVzYXNpYWtpcmph|eyAiYXNpYWtrdXVzYXNpYWtpcmpi",
            "one digit of the signed timestamp|2026-07-17T10:06:56.4257383Z|2026-07-17T10:06:56.4257384Z",
            "an attribute of the body|mediaType=\"application/xhtml+xml\"|mediaType=\"application/xhtml+xmm\"",
            "a whitespace character inside the Base64 text|ASDASDASDASD|ASDASDASDASD",
            "one character of the signature value|<SignatureValue>m9VRakHYU8|<SignatureValue>m9VRakHYU9",
            "one character of a digest value|Ur0OJcTeMEU72HFZBXsAx8DQJc5YRcPa6G8/Xynw3iw=|Ur0OJcTeMEU72HFZBXsAx8DQJc5YRcPa6G8/Xynw3iX=",
    })
    void anyOneByteChangeToSignedContentIsRejected(String change, String original, String tampered) {
        // given the sample with one byte of signed content changed
        String text = sampleText();
        if (original.equals("ASDASDASDASD")) {
            // a space into the Base64 line: whitespace with content around it is signed
            original = "DQoNCg0KPGRpdiBj";
            tampered = "DQoNCg0KPGRpdi Bj";
        }
        assertThat(text).contains(original);
        byte[] broken = bytes(text.replaceFirst(java.util.regex.Pattern.quote(original), java.util.regex.Matcher.quoteReplacement(tampered)));

        // when / then
        assertThatThrownBy(() -> check(parse(broken), new ValidationReport()))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void whitespaceOnlyReformattingBetweenElementsStillVerifies() {
        // given the sample re-indented: body, structured form, timestamp surroundings and SignedInfo
        String text = sampleText();
        text = reformat(text, "<nonXMLBody ID=", "<nonXMLBody\n  ID=");
        text = reformat(text, "</text>\r\n", "</text>\n\n    \t  \n");
        text = reformat(text, "</ep2:json>\r\n\t\t</nonXMLBody>", "</ep2:json>   \r\n \t</nonXMLBody>");
        text = reformat(text, "<SignedInfo>", "<SignedInfo>\n\n      ");
        text = reformat(text, "</Reference>", "</Reference>  ");
        text = reformat(text, "<Transforms>", "<Transforms>\n");
        text = reformat(text, "<signatureTimestamp", "\n\n<signatureTimestamp");
        assertThat(text).isNotEqualTo(sampleText());
        ValidationReport report = new ValidationReport();

        // when
        check(parse(bytes(text)), report);

        // then
        assertThat(report.signatures()).singleElement().satisfies(e -> assertThat(e.valid()).isTrue());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "another element of the document|#Epic.HL7Finland.Signature.1|neither the body nor this signature's timestamp",
            "an external URI|http://example.org/cda.xml|neither the body nor this signature's timestamp",
            "a local file|file:///etc/passwd|neither the body nor this signature's timestamp",
            "the whole document|\"\"|neither the body nor this signature's timestamp",
    })
    void referencesToAnythingButBodyAndTimestampAreRejected(String what, String uri, String message) {
        // given the sample whose timestamp reference is redirected
        String text = sampleText().replace("URI=\"#CDA-aikaleima.1\"", "URI=\"" + uri.replace("\"", "") + "\"");

        // when / then
        assertThatThrownBy(() -> check(parse(bytes(text)), new ValidationReport()))
                .isInstanceOf(ArchiveException.class)
                .hasMessageContaining(message)
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void signatureThatDoesNotCoverItsTimestampIsRejected() {
        // given the sample with the timestamp reference removed
        String text = sampleText().replaceFirst("(?s)<Reference URI=\"#CDA-aikaleima.1\">.*?</Reference>", "");

        assertThatThrownBy(() -> check(parse(bytes(text)), new ValidationReport()))
                .isInstanceOf(ArchiveException.class)
                .hasMessageContaining("must cover both")
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
    }

    @Test
    void xsltTransformIsRejectedBeforeAnythingIsDereferenced() {
        // the XSLT transform algorithm is not among those a Kanta signature may use
        String text = sampleText().replaceFirst(
                "<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
                "<Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\"/>");
        assertThatThrownBy(() -> check(parse(bytes(text)), new ValidationReport()))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);

        // and a style sheet inside the transform never reaches the verifier: the parser refuses XSLT anywhere
        String withStylesheet = sampleText().replaceFirst(
                "<Transform Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"/>",
                "<Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\"><xsl:stylesheet xmlns:xsl=\"http://www.w3.org/1999/XSL/Transform\" version=\"1.0\"/></Transform>");
        assertThatThrownBy(() -> parse(bytes(withStylesheet)))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(ErrorCode.ACTIVE_CONTENT_FORBIDDEN);
    }

    @Test
    void documentWithoutSignatureCollectionIsRejectedAsMissing() {
        assertThatThrownBy(() -> check(parse(SigningFixtures.unsignedSample()), new ValidationReport()))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(ErrorCode.SIGNATURE_MISSING);
    }

    @Test
    void claimingProfessionalTypeWithTheSystemCertificateIsAMismatch() {
        // the signatureDescription is not covered by the signature, so the certificate must decide
        String text = sampleText().replace("<signatureDescription code=\"3\"", "<signatureDescription code=\"1\"");

        ValidationReport report = new ValidationReport();
        assertThatThrownBy(() -> check(parse(bytes(text)), report))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(ErrorCode.SIGNATURE_TYPE_MISMATCH);
        assertThat(report.signatures()).singleElement()
                .satisfies(e -> assertThat(e.result()).isEqualTo("SIGNATURE_TYPE_MISMATCH"));
    }

    @Test
    void signatureTypeFromAnotherCodeSystemIsRefused() {
        String text = sampleText().replace("codeSystem=\"1.2.246.537.5.40127.2006\"", "codeSystem=\"1.2.246.537.5.99999.2006\"");

        assertThatThrownBy(() -> check(parse(bytes(text)), new ValidationReport()))
                .isInstanceOf(ArchiveException.class)
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(ErrorCode.INVALID_FIELD_VALUE);
    }

    @Test
    void aHostileNumberOfSignaturesIsRefusedBeforeAnyIsVerified() {
        // given the sample's signature repeated 17 times
        java.util.regex.Matcher signature = java.util.regex.Pattern.compile("(?s)<signature ID=.*?</signature>").matcher(sampleText());
        assertThat(signature.find()).isTrue();
        StringBuilder copies = new StringBuilder();
        for (int i = 1; i <= SignedParts.MAX_SIGNATURES + 1; i++) {
            // each copy with IDs of its own: a repeated ID is refused by the parser already (DUPLICATE_ID)
            copies.append(signature.group().replace("Epic.HL7Finland.Signature.1", "Epic.HL7Finland.Signature." + i)
                    .replace("ID=\"CDA-aikaleima.1\"", "ID=\"CDA-aikaleima." + i + "\""));
        }
        String many = sampleText().replace(signature.group(), copies);

        assertThatThrownBy(() -> check(parse(bytes(many)), new ValidationReport()))
                .isInstanceOf(ArchiveException.class)
                .hasMessageContaining("at most 16")
                .extracting(e -> ((ArchiveException) e).code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
    }

    private static String reformat(String text, String from, String to) {
        assertThat(text).contains(from);
        return text.replace(from, to);
    }

    private static String serialise(Document document) {
        try {
            StringWriter out = new StringWriter();
            TransformerFactory.newInstance().newTransformer().transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
