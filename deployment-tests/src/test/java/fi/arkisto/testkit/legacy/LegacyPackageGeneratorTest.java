package fi.arkisto.testkit.legacy;

import fi.arkisto.store.identity.PersonalIdentityCode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

class LegacyPackageGeneratorTest {

    private static final CSVFormat READ = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get();

    @Test
    void addsOneLargeScannedPdfRowThatIsAValidSafePdf(@TempDir Path dir) throws Exception {
        // given a package of 5 rows and a 20 MB scan
        var result = LegacyPackageGenerator.generate(LegacyPackageOptions.of(5, dir).withBadPercent(0).withScanBytes(20_000_000));

        // when reading the last manifest row and its file
        List<CSVRecord> rows = read(dir.resolve("manifest.csv"));
        CSVRecord scan = rows.get(rows.size() - 1);
        Path file = dir.resolve(scan.get("file"));

        // then it is a sixth, good row whose file is a one-page PDF with one greyscale image of the requested size
        assertThat(result.rows()).isEqualTo(6);
        assertThat(rows).hasSize(6);
        assertThat(scan.get("media_type")).isEqualTo("application/pdf");
        assertThat(PersonalIdentityCode.of(scan.get("client_id")).isTestCode()).isTrue();
        assertThat(Files.size(file)).isBetween(20_000_000L - LegacyFiles.SCAN_WIDTH, 20_002_000L);
        try (var pdf = org.apache.pdfbox.Loader.loadPDF(file.toFile())) {
            assertThat(pdf.getNumberOfPages()).isEqualTo(1);
            var image = (org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject) pdf.getPage(0).getResources()
                    .getXObject(org.apache.pdfbox.cos.COSName.getPDFName("Im1"));
            assertThat((long) image.getWidth() * image.getHeight()).isEqualTo(20_000_000L / LegacyFiles.SCAN_WIDTH * LegacyFiles.SCAN_WIDTH);
        }
        new fi.arkisto.store.display.PdfDisplayFormSafety().check(Files.readAllBytes(file));
    }

    @Test
    void writesEveryRowWithItsFileAndListsExactlyTheBadRows(@TempDir Path dir) throws Exception {
        // given a package of 700 rows with 10 % bad rows
        var result = LegacyPackageGenerator.generate(LegacyPackageOptions.of(700, dir).withBadPercent(10).withSeed(7));

        // when reading the manifest and the sidecar back
        List<CSVRecord> rows = read(dir.resolve("manifest.csv"));
        Map<Long, String> expected = new HashMap<>();
        for (CSVRecord r : read(result.expectedRejects())) {
            expected.put(Long.parseLong(r.get("row_number")), r.get("kind"));
        }

        // then every row is there, the bad ones are listed with their kind, and every kind occurs
        assertThat(rows).hasSize(700);
        assertThat(expected).hasSize((int) result.badRows());
        assertThat(result.badRows()).isBetween(40L, 110L);
        assertThat(new HashSet<>(expected.values())).containsExactlyInAnyOrder(
                java.util.Arrays.stream(BadRowKind.values()).map(Enum::name).toArray(String[]::new));
        Set<String> goodIds = new HashSet<>();
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord row = rows.get(i);
            String kind = expected.get((long) i + 1);
            String client = row.get("client_id");
            if (!"INVALID_IDENTITY_CODE".equals(kind)) {
                assertThat(PersonalIdentityCode.isValid(client)).as(client).isTrue();
                assertThat(PersonalIdentityCode.of(client).isTestCode()).isTrue();
            } else {
                assertThat(PersonalIdentityCode.isValid(client)).isFalse();
            }
            boolean fileThere = !row.get("file").startsWith("..") && Files.isRegularFile(dir.resolve(row.get("file")));
            assertThat(fileThere).as("row %d (%s)", i + 1, kind)
                    .isEqualTo(!"MISSING_FILE".equals(kind) && !"PATH_OUTSIDE_PACKAGE".equals(kind));
            if (kind == null) {
                assertThat(goodIds.add(row.get("legacy_id"))).isTrue();
            } else if (kind.equals("DUPLICATE_LEGACY_ID")) {
                assertThat(goodIds).contains(row.get("legacy_id"));
            }
        }
    }

    @Test
    void writesTheSamePackageForTheSameSeed(@TempDir Path dir) throws Exception {
        // given two packages from the same seed
        LegacyPackageGenerator.generate(LegacyPackageOptions.of(50, dir.resolve("a")).withSeed(3));
        LegacyPackageGenerator.generate(LegacyPackageOptions.of(50, dir.resolve("b")).withSeed(3));

        // then their manifests are identical
        assertThat(Files.readString(dir.resolve("a/manifest.csv"))).isEqualTo(Files.readString(dir.resolve("b/manifest.csv")));
    }

    @Test
    void writesAZipPackageWithManifestAndFiles(@TempDir Path dir) throws Exception {
        // when a ZIP package is generated through the command
        int exit = LegacyPackageCommand.run(new String[] {"legacy-package", "--count", "30", "--out", dir.toString(),
                "--bad-percent", "0", "--zip"});

        // then the ZIP holds the manifest and one entry per row
        assertThat(exit).isZero();
        try (ZipFile zip = new ZipFile(dir.resolve("package.zip").toFile())) {
            assertThat(zip.getEntry("manifest.csv")).isNotNull();
            assertThat(zip.size()).isEqualTo(31);
        }
    }

    @Test
    void refusesAnIncompleteCommandLine() {
        assertThat(LegacyPackageCommand.run(new String[] {"legacy-package", "--count", "3"})).isEqualTo(2);
    }

    private static List<CSVRecord> read(Path csv) throws Exception {
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            return READ.parse(reader).getRecords();
        }
    }
}
