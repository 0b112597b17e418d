package fi.arkisto.testkit.legacy;

import fi.arkisto.store.display.PdfDisplayFormSafety;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThatCode;

/** The PDFs the legacy package generator writes are what the archive's PDF display form allow list admits. */
class LegacyPdfsPassTheDisplayFormCheckTest {

    private final PdfDisplayFormSafety safety = new PdfDisplayFormSafety();

    @Test
    void aTextPdfOfTheGeneratorPasses() {
        byte[] pdf = LegacyFiles.pdf("Vanha asiakaskertomus", 20_000, new SplittableRandom(7));
        assertThatCode(() -> safety.check(pdf)).doesNotThrowAnyException();
    }

    @Test
    void aScannedPdfOfTheGeneratorPassesFromItsFile(@TempDir Path dir) throws IOException {
        Path scan = dir.resolve("scan.pdf");
        try (OutputStream out = Files.newOutputStream(scan)) {
            LegacyFiles.scanPdf("Skannattu asiakaskertomus", 2_000_000, 11, out);
        }
        assertThatCode(() -> safety.check(scan)).doesNotThrowAnyException();
    }
}
