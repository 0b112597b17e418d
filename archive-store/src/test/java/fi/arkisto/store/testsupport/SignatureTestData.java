package fi.arkisto.store.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The committed signature corpus ({@code src/test/resources/signature/README.md}) for tests of any module: the
 * trust anchors as a real directory (copied out of the test jar, so it also works from another module) and the
 * documents. Point {@code arkisto.signature.trust-anchors} at {@link #anchorDirectory()} and the real Kanta sample,
 * the corpus' valid documents and its expected refusals behave as the README lists.
 */
public final class SignatureTestData {

    /** The files of {@code /signature/anchors}: the corpus CA, its CRL and the real sample's certificate (pinned). */
    public static final List<String> ANCHOR_FILES = List.of("arkisto-test-corpus-ca.pem", "arkisto-test-corpus-ca.crl",
            "kanta-sample-system-certificate.pem");

    private static Path anchors;

    private SignatureTestData() {
    }

    /** A temporary directory holding the corpus anchors, created once per JVM and removed at exit. */
    public static synchronized Path anchorDirectory() {
        if (anchors == null) {
            try {
                Path directory = Files.createTempDirectory("arkisto-signature-anchors");
                directory.toFile().deleteOnExit();
                for (String file : ANCHOR_FILES) {
                    Path target = directory.resolve(file);
                    Files.write(target, resource("/signature/anchors/" + file));
                    target.toFile().deleteOnExit();
                }
                anchors = directory;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return anchors;
    }

    /** A document of {@code /signature/corpus}, e.g. {@code tampered-body.xml}. */
    public static byte[] corpusDocument(String name) {
        return resource("/signature/corpus/" + name);
    }

    private static byte[] resource(String name) {
        try (InputStream in = SignatureTestData.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
