package fi.arkisto.testkit.generator;

import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.display.DisplayFormCheck;
import fi.arkisto.store.display.DisplayFormSafety;
import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.document.ValidationReport;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.signature.SignatureProperties;
import fi.arkisto.store.signature.SignatureVerifier;
import fi.arkisto.store.structure.StructureCatalogue;
import fi.arkisto.store.structure.StructureCheck;
import fi.arkisto.testkit.pki.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Generated documents signed as a client information system signs them pass every archiving-stage check. */
class SignedGeneratedDocumentsTest {

    private static final char[] PASSWORD = "generator-test".toCharArray();

    @TempDir
    static Path pkiDir;
    private static TestPki pki;
    private static SignatureVerifier verifier;

    private final CdaParser parser = new CdaParser();
    private final DisplayFormCheck displayFormCheck = new DisplayFormCheck(new DisplayFormSafety());
    private final StructureCheck structureCheck = new StructureCheck(StructureCatalogue.shipped());

    @BeforeAll
    static void createTestPki() {
        pki = TestPki.create(Oid.of(GeneratorOptions.DEFAULT_ORGANISATION), GeneratorOptions.DEFAULT_ORGANISATION_NAME, 1,
                Instant.now());
        pki.writeTo(pkiDir, PASSWORD);
        verifier = new SignatureVerifier(SignatureProperties.withTrustAnchors(pkiDir.resolve("trust-anchors")));
    }

    private void assertArchivable(byte[] xml, String generalDocumentType) {
        ParsedDocument parsed = parser.parse(xml);
        ValidationReport report = new ValidationReport();
        verifier.check(parsed, report);
        displayFormCheck.check(parsed, report);
        structureCheck.check(parsed, report);
        assertThat(report.warnings()).isEmpty();
        boolean professional = "1".equals(generalDocumentType) || "2".equals(generalDocumentType);
        assertThat(report.signatures()).singleElement().satisfies(evidence -> {
            assertThat(evidence.valid()).isTrue();
            assertThat(evidence.type()).isEqualTo(professional ? SignatureType.PROFESSIONAL : SignatureType.SYSTEM);
        });
    }

    @Test
    void documentsSignedWithTheTestPkiVerifyAndDecisionsCarryAProfessionalSignature() {
        // given
        Clock clock = Clock.systemUTC();
        GeneratorOptions options = GeneratorOptions.builder().count(40).seed(23)
                .signer(pki.systemSigner(clock)::sign)
                .professionalSigner(pki.professionalSigner(0, clock)::sign)
                .build();

        // when
        List<GeneratedDocument> documents = new TestDataGenerator(options).documents().toList();

        // then
        assertThat(documents).extracting(GeneratedDocument::generalDocumentType).contains("1", "4");
        for (GeneratedDocument document : documents) {
            assertArchivable(document.xml(), document.generalDocumentType());
        }
    }

    @Test
    void theCommandSignsWithTheKeystoresNamedOnTheCommandLine(@TempDir Path out) throws Exception {
        // given the password in an environment variable, never on the command line
        Map<String, String> environment = Map.of("ARKISTO_TEST_P12", new String(PASSWORD));
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        // when
        int exit = TestDataGeneratorCommand.run(new String[]{"generate", "--count", "12", "--out", out.toString(),
                        "--seed", "4", "--keystore", pkiDir.resolve("system.p12").toString(),
                        "--keystore-password-env", "ARKISTO_TEST_P12",
                        "--professional-keystore", pkiDir.resolve("professional-1.p12").toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), environment::get);

        // then
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isZero();
        List<String> manifest = Files.readAllLines(out.resolve(TestDataGenerator.MANIFEST));
        assertThat(manifest).hasSize(13);
        for (String line : manifest.subList(1, manifest.size())) {
            String[] row = line.split(",", -1);
            assertArchivable(Files.readAllBytes(out.resolve(row[1])), row[10]);
        }
    }

    @Test
    void theCommandRefusesAKeystoreWithoutItsPasswordVariable(@TempDir Path out) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = TestDataGeneratorCommand.run(new String[]{"generate", "--count", "1", "--out", out.toString(),
                        "--keystore", pkiDir.resolve("system.p12").toString(), "--keystore-password-env", "UNSET_VARIABLE"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), name -> null);
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--keystore-password-env");

        int wrongPassword = TestDataGeneratorCommand.run(new String[]{"generate", "--count", "1", "--out", out.toString(),
                        "--keystore", pkiDir.resolve("system.p12").toString(), "--keystore-password-env", "P"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), name -> "wrong");
        assertThat(wrongPassword).isEqualTo(1);
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files).isEmpty();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
