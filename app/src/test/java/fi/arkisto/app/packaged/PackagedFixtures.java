package fi.arkisto.app.packaged;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What the packaged-jar tests share: the organisation, the test PKI made by the jar, and readers of what the jar wrote. */
final class PackagedFixtures {

    static final String ORGANISATION = "1.2.246.10.32213561.10.0";
    /** The environment variable the README exports for the system signer's key store password. */
    static final String PASSWORD_ENV = "ARKISTO_SYSTEM_SIGNER_PASSWORD";
    static final String SAMPLE_OID = "1.2.246.10.32213561.95777.2026.688883.2809773";
    /**
     * The real sample was signed 2026-07-17 by a certificate that expired 2026-10-09: sent today it is, by the default
     * arrival window (P7D), a signature claiming a time its certificate no longer vouches for. The packaged tests send
     * it as if it had just been signed (as ApiIntegrationTest does); the rule itself is tested in archive-store.
     */
    static final String SAMPLE_ARRIVAL_WINDOW = "--arkisto.signature.arrival-window=P3650D";
    static final Pattern API_PASSWORD = Pattern.compile("API client: (\\S+)\\s+password: (\\S+)");
    static final Pattern BAR = Pattern.compile("\\[#{30}\\] 100\\.0%  (\\d[\\d,]*)/(\\d[\\d,]*) rows");
    static final Pattern SUMMARY = Pattern.compile(
            "Migration (\\d+) COMPLETED: ([\\d,]+) rows, ([\\d,]+) archived, ([\\d,]+) rejected \\(reject report (\\S+)\\)");

    private PackagedFixtures() {
    }

    /** A jar whose commands see the signer password in the environment, as after the README's {@code export}. */
    static PackagedJar jar(Path workingDirectory) {
        return new PackagedJar(workingDirectory).withEnvironment(PASSWORD_ENV, "packaged-test-" + System.nanoTime());
    }

    /** {@code pki --out DIR --organisation OID --professionals 1}, as the README runs it. */
    static Path testPki(PackagedJar jar, Path directory) throws Exception {
        PackagedJar.CommandRun made = jar.run("pki", "--out", directory.toString(), "--organisation", ORGANISATION,
                "--professionals", "1");
        made.assertSucceeded();
        assertThat(directory.resolve("system.p12")).exists();
        assertThat(directory.resolve("trust-anchors").resolve("ca.pem")).exists();
        return directory;
    }

    /** The README's migrate line for this package and data directory, with the system signer configured. */
    static String[] migrateCommand(Path pki, Path pkg, Path data) {
        return new String[]{"migrate", "--package", pkg.toString(), "--controller", ORGANISATION,
                "--arkisto.data-dir=" + data, "--arkisto.signature.system-signer.keystore=" + pki.resolve("system.p12"),
                "--arkisto.signature.trust-anchors=" + pki.resolve("trust-anchors")};
    }

    /** Row number, legacy id and error code of each row of a reject report or of the generator's expected rejects. */
    static Set<String> rejects(Path csv) throws IOException {
        Set<String> rows = new TreeSet<>();
        try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
            for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                rows.add(record.get("row_number") + "," + record.get("legacy_id") + "," + record.get("error_code"));
            }
        }
        return rows;
    }

    /** The real Kanta sample (archive-store's test resource: the same bytes as the project's shared sample). */
    static byte[] realSample() throws IOException {
        try (InputStream in = PackagedFixtures.class.getResourceAsStream("/kanta/asiakkuusasiakirja_S.xml")) {
            assertThat(in).as("the real sample from archive-store's test resources").isNotNull();
            return in.readAllBytes();
        }
    }

    static Path realSample(Path target) throws IOException {
        return Files.write(target, realSample());
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
