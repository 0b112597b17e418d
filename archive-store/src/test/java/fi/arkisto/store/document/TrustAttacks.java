package fi.arkisto.store.document;

import fi.arkisto.store.document.HostileCorpusTest.Case;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.signature.SystemSigner;
import fi.arkisto.testkit.pki.CertificateIssuer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.bouncycastle.asn1.x509.KeyUsage;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static fi.arkisto.store.error.ErrorCode.DISPLAY_FORM_CLIENT_MISSING;
import static fi.arkisto.store.error.ErrorCode.DOCUMENT_TYPE_MISMATCH;
import static fi.arkisto.store.error.ErrorCode.DUPLICATE_ID;
import static fi.arkisto.store.error.ErrorCode.IDENTITY_MISMATCH;
import static fi.arkisto.store.error.ErrorCode.INVALID_CODE;
import static fi.arkisto.store.error.ErrorCode.SIGNATURE_ALGORITHM_WEAK;
import static fi.arkisto.store.error.ErrorCode.SIGNATURE_KEY_TOO_WEAK;
import static fi.arkisto.store.error.ErrorCode.SIGNATURE_KEY_USAGE_INVALID;
import static fi.arkisto.store.error.ErrorCode.SIGNATURE_ORGANISATION_MISMATCH;
import static fi.arkisto.store.error.ErrorCode.SIGNATURE_TIME_BEFORE_ARRIVAL_WINDOW;
import static fi.arkisto.store.error.ErrorCode.STRUCTURE_INVALID;

/**
 * The trust attacks of the hostile corpus (docs/trust.md): each a generated document validly signed by a certificate of
 * the corpus test CA and then altered in one unsigned respect, or signed by a certificate weak in one respect. Each must
 * be refused with its code; without the check it names, each would archive.
 */
final class TrustAttacks {

    /** A generated decision (general type 1, structure 1.2.246.537.6.1505.9.2026.1.1), case document of the fixtures' register. */
    static final String DECISION = "structure/generated/00000013-1.2.246.10.99999001.95777.31.1.13.xml";
    /** A generated old document: general type 9, no structured form, client 110624B977M. */
    static final String UNSTRUCTURED = "structure/generated/00000016-1.2.246.10.99999001.95777.31.1.16.xml";
    static final String UNSTRUCTURED_CLIENT = "110624B977M";
    /** Another valid test identity code. */
    static final String ANOTHER_CLIENT = "150377-912C";

    /** A document of the fixtures' register that needs no professional signature: the generated client plan. */
    static final String PLAN = HostileCorpusTest.GENERATED_PLAN;
    private static final String ORGANISATION = "1.2.246.10.99999001.10.0";
    private static final String GENERAL_TYPE = " codeSystem=\"1.2.246.537.6.1506.201701\"";

    private TrustAttacks() {
    }

    static Stream<Case> cases() {
        return Stream.of(
                // the decision rule follows the signed structure, codes are exact
                attack("decision signed by the system, header type relabelled 1 -> 3 after signing", DOCUMENT_TYPE_MISMATCH,
                        () -> after(signed(DECISION), xml -> xml.replace("<code code=\"1\"" + GENERAL_TYPE, "<code code=\"3\"" + GENERAL_TYPE))),
                attack("decision signed by the system, header type rewritten ' 1' after signing", INVALID_CODE,
                        () -> after(signed(DECISION), xml -> xml.replace("<code code=\"1\"" + GENERAL_TYPE, "<code code=\" 1\"" + GENERAL_TYPE))),
                attack("decision signed by the system, header type and structure relabelled to a plan", STRUCTURE_INVALID,
                        () -> after(signed(DECISION), xml -> xml.replace("<code code=\"1\"" + GENERAL_TYPE, "<code code=\"3\"" + GENERAL_TYPE)
                                .replace("1.2.246.537.6.1505.9.2026.1.1</", "1.2.246.537.6.1505.9.2026.3.1</"))),
                // the client the signed content names
                attack("unstructured document, header client swapped after signing", IDENTITY_MISMATCH,
                        () -> after(signed(UNSTRUCTURED), xml -> xml.replace("extension=\"" + UNSTRUCTURED_CLIENT + "\"",
                                "extension=\"" + ANOTHER_CLIENT + "\""))),
                attack("unstructured document whose display form names no one", DISPLAY_FORM_CLIENT_MISSING,
                        () -> signed(withDisplayForm(UNSTRUCTURED, display -> display.replace(
                                UNSTRUCTURED_CLIENT.substring(0, 6) + "*****", "")))),
                attack("unstructured document with a PDF display form naming another person", IDENTITY_MISMATCH,
                        () -> signed(withPdfDisplayForm(UNSTRUCTURED, "Asiakas: Heinonen Ilmari, " + ANOTHER_CLIENT))),
                attack("unstructured document with a PDF display form without text", DISPLAY_FORM_CLIENT_MISSING,
                        () -> signed(withPdfDisplayForm(UNSTRUCTURED, null))),
                // duplicate IDs
                attack("forged nonXMLBody with the signed body's ID placed earlier", DUPLICATE_ID,
                        () -> after(signed(UNSTRUCTURED), TrustAttacks::forgedBodyInTheHeader)),
                // weak certificates
                attack("signed with a 1024-bit RSA key", SIGNATURE_KEY_TOO_WEAK, () -> signedBy(Signers.SMALL_KEY, PLAN)),
                attack("signed with a certificate the CA signed with SHA-1", SIGNATURE_ALGORITHM_WEAK,
                        () -> signedBy(Signers.SHA1_CERTIFICATE, PLAN)),
                attack("signed with a TLS server certificate", SIGNATURE_KEY_USAGE_INVALID,
                        () -> signedBy(Signers.TLS_SERVER, PLAN)),
                // backdated signing time
                attack("signed by a certificate expired in 2025, claiming a signing time before its expiry", SIGNATURE_TIME_BEFORE_ARRIVAL_WINDOW,
                        () -> Signers.EXPIRED.sign(fresh(PLAN), Instant.parse("2024-12-30T09:00:00Z"))),
                // signer's organisation
                attack("signed by another organisation's system certificate", SIGNATURE_ORGANISATION_MISMATCH,
                        () -> signedBy(Signers.OTHER_ORGANISATION, PLAN)));
    }


    private static Case attack(String name, ErrorCode code, java.util.function.Supplier<byte[]> source) {
        return new Case(name + " (attack)", code, HostileCorpusTest.GENERATED_OWNER, test -> source.get());
    }

    /** Signers of the corpus CA, each weak or wrong in one respect. */
    private static final class Signers {
        static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
        static final Instant TO = Instant.parse("2040-01-01T00:00:00Z");
        static final KeyPair KEYS = HostileCorpusTest.TestPki.SYSTEM_KEYS;
        static final KeyPair SMALL_KEYS = CertificateIssuer.rsaKeyPair(1024);
        static final SystemSigner SMALL_KEY = signer(SMALL_KEYS, ORGANISATION, FROM, TO, CertificateIssuer.Profile.SIGNING);
        static final SystemSigner SHA1_CERTIFICATE = signer(KEYS, ORGANISATION, FROM, TO,
                new CertificateIssuer.Profile("SHA1withRSA", KeyUsage.digitalSignature | KeyUsage.nonRepudiation, List.of()));
        static final SystemSigner TLS_SERVER = signer(KEYS, ORGANISATION, FROM, TO,
                new CertificateIssuer.Profile(null, KeyUsage.digitalSignature | KeyUsage.keyEncipherment,
                        List.of(CertificateIssuer.Profile.SERVER_AUTH)));
        static final SystemSigner EXPIRED = signer(KEYS, ORGANISATION, Instant.parse("2024-01-01T00:00:00Z"),
                Instant.parse("2025-01-01T00:00:00Z"), CertificateIssuer.Profile.SIGNING);
        static final SystemSigner OTHER_ORGANISATION = signer(KEYS, "1.2.246.10.11112222.10.0", FROM, TO,
                CertificateIssuer.Profile.SIGNING);

        private static SystemSigner signer(KeyPair keys, String organisation, Instant from, Instant to,
                                           CertificateIssuer.Profile profile) {
            X509Certificate certificate = CertificateIssuer.issue(CertificateIssuer.systemSubject("Testilän hyvinvointialue",
                            organisation, "Asiakastietojärjestelmä"), keys.getPublic(), from, to,
                    List.of(CertificateIssuer.TEST_SYSTEM_POLICY), HostileCorpusTest.TestPki.CA,
                    HostileCorpusTest.TestPki.CA_KEYS.getPrivate(), profile);
            return new SystemSigner(keys.getPrivate(), certificate, Clock.systemUTC());
        }
    }

    private static byte[] signedBy(SystemSigner signer, String resource) {
        return signer.sign(fresh(resource), Instant.now().minusSeconds(60));
    }

    private static byte[] signed(String resource) {
        return HostileCorpusTest.signFresh(resource);
    }

    private static byte[] signed(byte[] unsigned) {
        return HostileCorpusTest.TestPki.SIGNER.sign(unsigned, Instant.now().minusSeconds(60));
    }

    /** A committed unsigned document under a fresh OID. */
    private static byte[] fresh(String resource) {
        String xml = new String(HostileCorpusTest.resource(resource), StandardCharsets.UTF_8);
        String oid = HostileCorpusTest.oidOf(xml);
        String newOid = fi.arkisto.store.testsupport.KantaSamples.newOid();
        return xml.replace("\"" + oid + "\"", "\"" + newOid + "\"").replace("\"OID" + oid + "\"", "\"OID" + newOid + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** What happens to a signed document after it was signed. */
    private static byte[] after(byte[] signed, UnaryOperator<String> change) {
        String xml = new String(signed, StandardCharsets.UTF_8);
        String changed = change.apply(xml);
        if (changed.equals(xml)) {
            throw new IllegalStateException("The change did not apply");
        }
        return changed.getBytes(StandardCharsets.UTF_8);
    }

    /** A copy of the signed body, with its ID, as an extension of the local header: before the real one in document order. */
    private static String forgedBodyInTheHeader(String xml) {
        Matcher body = Pattern.compile("<nonXMLBody ID=\"([^\"]+)\">").matcher(xml);
        if (!body.find()) {
            throw new IllegalStateException("No signed body");
        }
        String forged = "<nonXMLBody xmlns=\"urn:hl7-org:v3\" ID=\"" + body.group(1) + "\"><text mediaType=\"application/xhtml+xml\" "
                + "representation=\"B64\">" + Base64.getEncoder().encodeToString(("<div xmlns=\"http://www.w3.org/1999/xhtml\">"
                + "Väärennetty</div>").getBytes(StandardCharsets.UTF_8)) + "</text></nonXMLBody>";
        int header = xml.indexOf("localSocialHeader");
        int insertAt = xml.indexOf('>', header) + 1;
        return xml.substring(0, insertAt) + forged + xml.substring(insertAt);
    }

    /** An unsigned committed document with its XHTML display form changed. */
    private static byte[] withDisplayForm(String resource, UnaryOperator<String> change) {
        String xml = new String(fresh(resource), StandardCharsets.UTF_8);
        Matcher text = displayText(xml);
        String display = new String(Base64.getMimeDecoder().decode(text.group(2)), StandardCharsets.UTF_8);
        String changed = change.apply(display);
        if (changed.equals(display)) {
            throw new IllegalStateException("The display form change did not apply");
        }
        return (xml.substring(0, text.start(2)) + Base64.getEncoder().encodeToString(changed.getBytes(StandardCharsets.UTF_8))
                + xml.substring(text.end(2))).getBytes(StandardCharsets.UTF_8);
    }

    /** An unsigned committed document whose display form is a one-page PDF with this text (null: an image-like page, no text). */
    private static byte[] withPdfDisplayForm(String resource, String pageText) {
        String xml = new String(fresh(resource), StandardCharsets.UTF_8);
        Matcher text = displayText(xml);
        String pdf = Base64.getEncoder().encodeToString(pdf(pageText));
        String document = xml.substring(0, text.start(2)) + pdf + xml.substring(text.end(2));
        return document.replaceFirst("mediaType=\"application/xhtml\\+xml\"", "mediaType=\"application/pdf\"")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Matcher displayText(String xml) {
        Matcher text = Pattern.compile("(<text [^>]*representation=\"B64\"[^>]*>)([^<]+)</text>").matcher(xml);
        if (!text.find()) {
            throw new IllegalStateException("No display form");
        }
        return text;
    }

    static byte[] pdf(String pageText) {
        try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDPage page = new PDPage();
            document.addPage(page);
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                if (pageText == null) {
                    content.addRect(50, 50, 400, 600);
                    content.fill();
                } else {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    content.newLineAtOffset(50, 700);
                    content.showText(pageText);
                    content.endText();
                }
            }
            document.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
