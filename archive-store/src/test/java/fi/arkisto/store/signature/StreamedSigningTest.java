package fi.arkisto.store.signature;

import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.CdaParserLimits;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.document.SignatureEvidence;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.testsupport.KantaSamples;
import fi.arkisto.store.testsupport.LargeKantaDocuments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static fi.arkisto.store.signature.SigningFixtures.CLOCK;
import static fi.arkisto.store.signature.SigningFixtures.ORGANISATION_OID;
import static fi.arkisto.store.signature.SigningFixtures.SIGNED_AT;
import static fi.arkisto.store.signature.SigningFixtures.pki;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Signing and verifying with the body streamed (issue 5): the streamed signer's output is the DOM signer's, byte for
 * byte; it verifies whole and streamed; a changed body byte fails the streamed verification.
 */
class StreamedSigningTest {

    /** Everything above 16 KiB is read streamed. */
    private static final CdaParserLimits SMALL = new CdaParserLimits(16 * 1024, 64, 256, 1L << 32);

    private final SignatureVerifier verifier = new SignatureVerifier(SignatureProperties.withTrustAnchors(null), pki().anchors(), CLOCK);
    private final DocumentSigner signer = pki().systemSigner();

    @TempDir
    Path dir;

    @Test
    void streamedSignerWritesExactlyTheBytesOfTheDomSigner() throws IOException {
        // given an unsigned wrapped document
        Path unsigned = dir.resolve("unsigned.xml");
        LargeKantaDocuments.write(unsigned, KantaSamples.newOid(), KantaSamples.newTestIdentityCode(), ORGANISATION_OID, 100_000, 1);

        // when signed streamed and whole at the same time
        Path streamed = dir.resolve("streamed.xml");
        signer.signStreamed(unsigned, streamed, SIGNED_AT, CdaParserLimits.defaults());
        byte[] whole = signer.sign(Files.readAllBytes(unsigned), SIGNED_AT);

        // then the bytes are the same
        assertThat(Files.readAllBytes(streamed)).isEqualTo(whole);
    }

    @Test
    void bodyTextNeedingEscapesIsSplicedBackAsTheSerialiserWritesIt() throws IOException {
        // given a document whose body text has markup characters, CR, non-ASCII and a supplementary character
        String oid = KantaSamples.newOid();
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ClinicalDocument xmlns=\"urn:hl7-org:v3\" xmlns:hl7fi=\"urn:hl7finland\">"
                + "<id root=\"" + oid + "\"/><hl7fi:localSocialHeader/><component>\n\t<nonXMLBody ID=\"OID" + oid + "\">\n\t\t"
                + "<text mediaType=\"text/plain\" representation=\"B64\">a&amp;b &lt;c&gt; d&#13;\r\ne \u00e4\u20ac\uD83D\uDE00 ]]&gt;\t"
                + "</text>\n\t</nonXMLBody>\n</component></ClinicalDocument>\n";
        Path unsigned = dir.resolve("odd.xml");
        Files.writeString(unsigned, xml, StandardCharsets.UTF_8);

        // when signed streamed and whole
        Path streamed = dir.resolve("odd-signed.xml");
        signer.signStreamed(unsigned, streamed, SIGNED_AT, CdaParserLimits.defaults());

        // then the same bytes
        assertThat(new String(Files.readAllBytes(streamed), StandardCharsets.UTF_8))
                .isEqualTo(new String(signer.sign(xml.getBytes(StandardCharsets.UTF_8), SIGNED_AT), StandardCharsets.UTF_8));
    }

    @Test
    void streamedSignedDocumentVerifiesWholeAndStreamed() {
        // given a document of 200 KB signed through the file API (streamed above the small limit)
        Path unsigned = dir.resolve("unsigned.xml");
        LargeKantaDocuments.write(unsigned, KantaSamples.newOid(), KantaSamples.newTestIdentityCode(), ORGANISATION_OID, 200_000, 2);
        Path signed = dir.resolve("signed.xml");
        new SystemSigner(pki().systemKeys.getPrivate(), pki().system, CLOCK).sign(unsigned, signed, SIGNED_AT);

        // when verified whole and streamed
        ValidationReport whole = new ValidationReport();
        verifier.check(new CdaParser().parse(signed, dir.resolve("display-whole")), whole);
        ParsedDocument streamedDocument = new CdaParser(SMALL).parse(signed, dir.resolve("display"));
        ValidationReport streamed = new ValidationReport();
        verifier.check(streamedDocument, streamed);

        // then both pass with the same evidence apart from the verification time
        assertThat(streamedDocument.isStreamed()).isTrue();
        assertThat(streamed.signatures()).hasSize(1);
        SignatureEvidence evidence = streamed.signatures().get(0);
        assertThat(evidence.valid()).isTrue();
        assertThat(evidence.result()).isEqualTo("VALID");
        assertThat(whole.signatures()).singleElement().satisfies(w -> {
            assertThat(w.valid()).isTrue();
            assertThat(w.signer()).isEqualTo(evidence.signer());
            assertThat(w.signingTime()).isEqualTo(evidence.signingTime());
        });
    }

    @Test
    void aChangedBodyByteFailsTheStreamedVerification() throws IOException {
        // given a signed document whose body text then has one Base64 character changed in the middle
        Path unsigned = dir.resolve("unsigned.xml");
        LargeKantaDocuments.write(unsigned, KantaSamples.newOid(), KantaSamples.newTestIdentityCode(), ORGANISATION_OID, 200_000, 3);
        Path signed = dir.resolve("signed.xml");
        signer.sign(unsigned, signed, SIGNED_AT);
        tamperMiddle(signed);

        // when verified streamed, then refused as an invalid signature naming the body
        ParsedDocument parsed = new CdaParser(SMALL).parse(signed, dir.resolve("display"));
        assertThatThrownBy(() -> verifier.check(parsed, new ValidationReport()))
                .isInstanceOfSatisfying(ArchiveException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.SIGNATURE_INVALID);
                    assertThat(e.detail()).contains("digest of the body does not match");
                });
    }

    /** Swaps one Base64 letter near the middle of the file for another (still valid Base64). */
    static void tamperMiddle(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            for (long at = raf.length() / 2; ; at++) {
                raf.seek(at);
                int b = raf.read();
                if (b >= 'A' && b <= 'Y') {
                    raf.seek(at);
                    raf.write(b + 1);
                    return;
                }
            }
        }
    }
}
