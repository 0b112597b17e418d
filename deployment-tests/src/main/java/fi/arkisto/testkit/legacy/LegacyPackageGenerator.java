package fi.arkisto.testkit.legacy;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes synthetic legacy export packages in the format of docs/legacy-package.md: {@code manifest.csv} plus files
 * of every kind (plain text, XHTML, PDF), with a chosen share of deliberately bad rows ({@link BadRowKind}) and a
 * sidecar {@code expected-rejects.csv} ({@code row_number,legacy_id,error_code,kind}) naming each bad row and the
 * error the migration must report for it, so tests can assert exact rejects.
 *
 * <p>Streaming: each row and file is written as it is generated and nothing accumulates, so a million-row package
 * needs no more memory than a ten-row one. Deterministic for a seed. Client identity codes are test codes only
 * (individual number 900-999) with every century sign of the 2023 rules.
 */
public final class LegacyPackageGenerator {

    public static final String MANIFEST = "manifest.csv";
    public static final String EXPECTED_REJECTS = "expected-rejects.csv";
    public static final String ZIP_NAME = "package.zip";
    static final String[] HEADER = {"legacy_id", "client_id", "service_task", "document_type", "title", "created",
            "effective", "event_start", "event_end", "author", "controller_oid", "service_unit_oid", "case_id", "file",
            "media_type", "retention_class", "retention_event", "retention_event_date"};
    private static final String CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY";
    private static final String[] SERVICE_TASKS = {"22", "23", "24", "25", "27", "28"};
    private static final String[] DOCUMENT_TYPES = {"3", "4", "9"};
    private static final String[] GIVEN = {"Aino", "Eero", "Helmi", "Ilmari", "Kaisa", "Lauri", "Minna", "Onni", "Siiri", "Väinö"};
    private static final String[] FAMILY = {"Virtanen", "Korhonen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen"};
    private static final String[] TITLES = {"Asiakaskertomus", "Muistio kotikäynnistä", "Palvelutarpeen arvio", "Asiakassuunnitelma",
            "Yhteenveto tapaamisesta", "Selvitys tilanteesta"};

    /** What was written. */
    public record Result(Path manifestOrZip, Path expectedRejects, long rows, long badRows) {
    }

    private LegacyPackageGenerator() {
    }

    public static Result generate(LegacyPackageOptions options) throws IOException {
        Files.createDirectories(options.out());
        Path expected = options.out().resolve(EXPECTED_REJECTS);
        if (options.zip()) {
            Path zipFile = options.out().resolve(ZIP_NAME);
            Path manifestTemp = Files.createTempFile(options.out(), "manifest", ".csv");
            try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(zipFile), 1 << 16))) {
                long[] counts = write(options, manifestTemp, expected, new ZipSink(zip));
                zip.putNextEntry(new ZipEntry(MANIFEST));
                Files.copy(manifestTemp, zip);
                zip.closeEntry();
                return new Result(zipFile, expected, counts[0], counts[1]);
            } finally {
                Files.deleteIfExists(manifestTemp);
            }
        }
        long[] counts = write(options, options.out().resolve(MANIFEST), expected, new DirectorySink(options.out()));
        return new Result(options.out().resolve(MANIFEST), expected, counts[0], counts[1]);
    }

    private static long[] write(LegacyPackageOptions o, Path manifest, Path expected, FileSink sink) throws IOException {
        SplittableRandom random = new SplittableRandom(o.seed());
        String businessId = businessIdOf(o.controller());
        long bad = 0;
        String lastGoodId = null;
        int kindIndex = 0;
        try (CSVPrinter rows = new CSVPrinter(Files.newBufferedWriter(manifest, StandardCharsets.UTF_8),
                CSVFormat.RFC4180.builder().setHeader(HEADER).get());
             CSVPrinter rejects = new CSVPrinter(Files.newBufferedWriter(expected, StandardCharsets.UTF_8),
                     CSVFormat.RFC4180.builder().setHeader("row_number", "legacy_id", "error_code", "kind").get())) {
            for (long row = 1; row <= o.count(); row++) {
                String legacyId = "LEG-" + o.seed() + "-" + row;
                BadRowKind kind = null;
                if (random.nextDouble() * 100 < o.badPercent()) {
                    kind = BadRowKind.values()[kindIndex++ % BadRowKind.values().length];
                    if (kind == BadRowKind.DUPLICATE_LEGACY_ID && lastGoodId == null) {
                        kind = BadRowKind.INVALID_IDENTITY_CODE;
                    }
                }
                LocalDate birth = LocalDate.of(1925, 1, 1).plusDays(random.nextInt(95 * 365));
                String client = identityCode(birth, 900 + random.nextInt(100), random);
                String serviceTask = SERVICE_TASKS[random.nextInt(SERVICE_TASKS.length)];
                String documentType = DOCUMENT_TYPES[random.nextInt(DOCUMENT_TYPES.length)];
                LocalDate created = LocalDate.of(2000, 1, 1).plusDays(random.nextInt(24 * 365));
                String createdText = created + "T" + two(8 + random.nextInt(9)) + ":" + two(random.nextInt(60)) + ":00";
                String title = TITLES[random.nextInt(TITLES.length)];
                String author = GIVEN[random.nextInt(GIVEN.length)] + " " + FAMILY[random.nextInt(FAMILY.length)] + ", sosiaalityöntekijä";
                String unit = "1.2.246.10." + businessId + ".10." + (1000 + random.nextInt(5));
                String caseId = random.nextInt(3) == 0 ? "" : "1.2.246.10." + businessId + ".95777." + created.getYear() + "." + (1 + random.nextInt(50_000));
                String eventStart = random.nextInt(4) == 0 ? created.minusDays(random.nextInt(300)).toString() : "";
                String eventEnd = eventStart.isEmpty() || random.nextBoolean() ? "" : created.toString();
                String retentionClass = random.nextInt(3) == 0 ? String.valueOf(1 + random.nextInt(4)) : "";
                boolean death = !retentionClass.isEmpty() && random.nextInt(4) == 0;
                String retentionEvent = death ? "CLIENT_DEATH" : "";
                String retentionDate = death ? created.plusYears(1 + random.nextInt(10)).toString() : "";
                int flavour = random.nextInt(100);
                String mediaType = flavour < 40 ? "text/plain" : flavour < 70 ? "application/xhtml+xml" : "application/pdf";
                String extension = flavour < 40 ? "txt" : flavour < 70 ? "xhtml" : "pdf";
                String file = "files/" + (row / 1000) + "/" + legacyId + "." + extension;
                int size = Math.max(64, o.fileBytes() / 2 + random.nextInt(o.fileBytes() + 1));
                boolean writeFile = true;
                if (kind != null) {
                    switch (kind) {
                        case INVALID_IDENTITY_CODE -> client = wrongCheck(client);
                        case UNKNOWN_SERVICE_TASK -> serviceTask = "9" + (10 + random.nextInt(80));
                        case UNKNOWN_DOCUMENT_TYPE -> documentType = "7" + (10 + random.nextInt(80));
                        case MISSING_FILE -> writeFile = false;
                        case PATH_OUTSIDE_PACKAGE -> {
                            file = "../outside/" + legacyId + "." + extension;
                            writeFile = false;
                        }
                        case DUPLICATE_LEGACY_ID -> {
                            legacyId = lastGoodId;
                            file = "files/" + (row / 1000) + "/" + legacyId + "-again-" + row + "." + extension;
                        }
                        case INVALID_DATE -> createdText = created.getDayOfMonth() + "." + created.getMonthValue() + "." + created.getYear();
                    }
                    bad++;
                    rejects.printRecord(row, legacyId, kind.errorCode(), kind.name());
                } else {
                    lastGoodId = legacyId;
                }
                if (writeFile) {
                    String text = title + " (" + legacyId + ", rivi " + row + ")";
                    byte[] content = switch (extension) {
                        case "txt" -> LegacyFiles.text(text, size, random);
                        case "xhtml" -> LegacyFiles.xhtml(title, text, size, random);
                        default -> LegacyFiles.pdf(text, size, random);
                    };
                    sink.write(file, content);
                }
                rows.printRecord(legacyId, client, serviceTask, documentType, title, createdText, "", eventStart, eventEnd,
                        author, o.controller(), unit, caseId, file, mediaType, retentionClass, retentionEvent, retentionDate);
            }
            if (o.scanBytes() > 0) {
                String legacyId = "LEG-" + o.seed() + "-scan";
                String file = "files/scan/" + legacyId + ".pdf";
                String client = identityCode(LocalDate.of(1950, 6, 15), 950, random);
                try (OutputStream out = sink.open(file)) {
                    LegacyFiles.scanPdf("Skannattu asiakaskertomus (" + legacyId + ")", o.scanBytes(), o.seed(), out);
                }
                rows.printRecord(legacyId, client, "24", "3", "Skannattu asiakaskertomus", "2004-05-06T10:00:00", "", "", "",
                        "", o.controller(), "1.2.246.10." + businessId + ".10.1000", "", file, "application/pdf", "", "", "");
            }
        }
        return new long[] {o.count() + (o.scanBytes() > 0 ? 1 : 0), bad};
    }

    /** A valid test identity code (individual number 900-999) with a century sign of the 2023 rules chosen at random. */
    static String identityCode(LocalDate birth, int individual, SplittableRandom random) {
        String signs = birth.getYear() >= 2000 ? "ABCDEF" : birth.getYear() >= 1900 ? "-YXWVU" : "+";
        char sign = signs.charAt(random.nextInt(signs.length()));
        String date = two(birth.getDayOfMonth()) + two(birth.getMonthValue()) + two(birth.getYear() % 100);
        String number = String.valueOf(individual);
        return date + sign + number + CHECK.charAt(Integer.parseInt(date + number) % 31);
    }

    static String wrongCheck(String code) {
        char check = code.charAt(10);
        char wrong = CHECK.charAt((CHECK.indexOf(check) + 1) % CHECK.length());
        return code.substring(0, 10) + wrong;
    }

    private static String businessIdOf(String controller) {
        String[] arcs = controller.split("\\.");
        return arcs.length > 4 ? arcs[4] : "12345678";
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : String.valueOf(n);
    }

    private interface FileSink {
        /** A stream for one file of the package; closing it ends the file. */
        OutputStream open(String path) throws IOException;

        default void write(String path, byte[] content) throws IOException {
            try (OutputStream out = open(path)) {
                out.write(content);
            }
        }
    }

    private record DirectorySink(Path root) implements FileSink {
        @Override
        public OutputStream open(String path) throws IOException {
            Path file = root.resolve(path);
            Files.createDirectories(file.getParent());
            return new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        }
    }

    private record ZipSink(ZipOutputStream zip) implements FileSink {
        @Override
        public OutputStream open(String path) throws IOException {
            zip.putNextEntry(new ZipEntry(path));
            return new FilterOutputStream(zip) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    zip.closeEntry();
                }
            };
        }
    }
}
