package fi.arkisto.store.signature;

import fi.arkisto.store.document.ValidationReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;

import static fi.arkisto.store.signature.SigningFixtures.CLOCK;
import static fi.arkisto.store.signature.SigningFixtures.parse;
import static fi.arkisto.store.signature.SigningFixtures.sampleCertificate;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code trust-anchors --from-document FILE --out DIR} on the real Kanta sample. */
class TrustAnchorsCommandTest {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @TempDir
    Path temp;

    @Test
    void writesTheCertificateTheRealSampleCarriesSoThatTheSampleVerifiesAgainstTheDirectory() throws Exception {
        // given the real sample in a file, and no anchors yet
        Path document = temp.resolve("asiakkuusasiakirja_S.xml");
        Files.write(document, SigningFixtures.sample());
        Path anchors = temp.resolve("anchors");

        // when its certificates are written into a trust-anchor directory
        int status = TrustAnchorsCommand.run(new String[]{"--from-document", document.toString(), "--out", anchors.toString()}, out);

        // then the directory holds the sample's signing certificate, fingerprinted in the output
        assertThat(status).as(text()).isZero();
        TrustAnchors written = TrustAnchors.load(anchors);
        assertThat(written.certificates()).containsExactly(sampleCertificate());
        String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sampleCertificate().getEncoded()));
        assertThat(text()).contains(fingerprint, "1 certificate written to " + anchors);
        try (Stream<Path> files = Files.list(anchors)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .singleElement().satisfies(name -> assertThat(name).endsWith("-" + fingerprint.substring(0, 16) + ".pem"));
        }
        // and the sample verifies against that directory as the archive reads it
        SignatureVerifier verifier = SigningFixtures.sampleVerifier(TrustAnchorDirectory.load(anchors));
        ValidationReport report = new ValidationReport();
        verifier.check(parse(SigningFixtures.sample()), report);
        assertThat(report.signatures()).singleElement().satisfies(signature -> assertThat(signature.valid()).isTrue());

        // and running it again changes nothing
        assertThat(TrustAnchorsCommand.run(new String[]{"--from-document", document.toString(), "--out", anchors.toString()}, out)).isZero();
        assertThat(TrustAnchors.load(anchors).certificates()).containsExactly(sampleCertificate());
    }

    @Test
    void anUnsignedDocumentIsRefusedWithItsReasonAndWritesNothing() throws Exception {
        Path document = temp.resolve("unsigned.xml");
        Files.write(document, SigningFixtures.unsignedSample());
        Path anchors = temp.resolve("anchors");

        int status = TrustAnchorsCommand.run(new String[]{"--from-document", document.toString(), "--out", anchors.toString()}, out);

        assertThat(status).isEqualTo(1);
        assertThat(text()).contains("carries no readable signature certificates", "SIGNATURE_MISSING");
        assertThat(anchors).doesNotExist();
    }

    @Test
    void aMissingDocumentOrOptionIsAUsageError() {
        assertThat(TrustAnchorsCommand.run(new String[]{"--from-document", temp.resolve("none.xml").toString(),
                "--out", temp.resolve("a").toString()}, out)).isEqualTo(1);
        assertThat(text()).contains("No such document");
        assertThat(TrustAnchorsCommand.run(new String[]{"--out", temp.toString()}, out)).isEqualTo(2);
        assertThat(text()).contains(TrustAnchorsCommand.USAGE);
    }

    private String text() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
