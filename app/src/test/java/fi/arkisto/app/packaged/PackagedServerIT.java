package fi.arkisto.app.packaged;

import fi.arkisto.app.packaged.PackagedJar.CommandRun;
import fi.arkisto.app.packaged.PackagedJar.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static fi.arkisto.app.packaged.PackagedFixtures.API_PASSWORD;
import static fi.arkisto.app.packaged.PackagedFixtures.BAR;
import static fi.arkisto.app.packaged.PackagedFixtures.ORGANISATION;
import static fi.arkisto.app.packaged.PackagedFixtures.SAMPLE_OID;
import static fi.arkisto.app.packaged.PackagedFixtures.SUMMARY;
import static fi.arkisto.app.packaged.PackagedFixtures.basic;
import static fi.arkisto.app.packaged.PackagedFixtures.migrateCommand;
import static fi.arkisto.app.packaged.PackagedFixtures.rejects;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server through the packaged jar, one start shared by the tests in order: it starts on a free port and answers
 * health, tells local tools where it is, takes trust anchors written by {@code trust-anchors} from the real sample
 * without a restart, takes the migrations {@code migrate} hands it (and says why one failed), and stops cleanly and
 * fast on SIGTERM.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PackagedServerIT {

    @TempDir
    static Path shared;
    static PackagedJar jar;
    static Path pki;
    static Path data;
    static Path anchors;
    static RunningServer server;

    @BeforeAll
    static void aRunningServer() throws Exception {
        jar = PackagedFixtures.jar(shared);
        pki = PackagedFixtures.testPki(jar, shared.resolve("pki"));
        data = shared.resolve("data");
        // the server's anchors: the test PKI's CA and CRL, in a directory an operator adds to while it runs
        anchors = Files.createDirectories(shared.resolve("anchors"));
        for (String file : List.of("ca.pem", "ca.crl")) {
            Files.copy(pki.resolve("trust-anchors").resolve(file), anchors.resolve(file));
        }
        server = jar.startServer(data, "--arkisto.signature.trust-anchors=" + anchors,
                "--arkisto.signature.trust-anchors-reload-interval=1s",
                "--arkisto.signature.system-signer.keystore=" + pki.resolve("system.p12"), PackagedFixtures.SAMPLE_ARRIVAL_WINDOW);
    }

    @AfterAll
    static void stopIt() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void startsOnAFreePortAnswersHealthAndTellsLocalToolsWhereItIs() throws Exception {
        HttpResponse<String> health = server.send(HttpRequest.newBuilder(server.uri("/actuator/health")).GET().build());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");

        // the start log says how many trust anchors came from where
        assertThat(server.log()).contains("Trust anchors: 1 certificate and 1 revocation list from " + anchors);

        // and the announcement for local tools is owner-only and names this server
        Path announcement = data.resolve("local-server.properties");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(announcement))).isEqualTo("rw-------");
        Properties properties = new Properties();
        try (var in = Files.newInputStream(announcement)) {
            properties.load(in);
        }
        assertThat(properties.getProperty("url")).isEqualTo("http://127.0.0.1:" + server.port());
        assertThat(properties.getProperty("password")).hasSizeGreaterThanOrEqualTo(24);
    }

    @Test
    @Order(2)
    void archivesTheRealSampleOnceTrustAnchorsWrittenFromItAreInTheDirectoryWithoutARestart() throws Exception {
        // given the real sample, whose signer the server's anchors do not know
        byte[] sample = PackagedFixtures.realSample();
        HttpResponse<String> untrusted = archive(sample);
        assertThat(untrusted.statusCode()).as(untrusted.body()).isEqualTo(422);
        assertThat(untrusted.body()).contains("SIGNATURE_UNTRUSTED");

        // when the operator writes the certificates the sample carries into the server's trust-anchor directory
        Path document = PackagedFixtures.realSample(shared.resolve("asiakkuusasiakirja_S.xml"));
        jar.run("trust-anchors", "--from-document", document.toString(), "--out", anchors.toString()).assertSucceeded();

        // then the running server re-reads the directory, logs the change, and archives the sample
        server.awaitLog(Pattern.compile("Trust anchors reloaded from " + Pattern.quote(anchors.toString())
                + ": 2 certificates and 1 revocation list \\(added 1, removed 0\\)"), Duration.ofSeconds(60));
        HttpResponse<String> archived = archive(sample);
        assertThat(archived.statusCode()).as(archived.body()).isEqualTo(201);
        assertThat(archived.body()).contains(SAMPLE_OID);
    }

    @Test
    @Order(3)
    void migrateHandsTheMigrationToTheRunningServerAndShowsItsProgressAndSummary() throws Exception {
        // given a legacy package, and the server holding the data directory
        Path pkg = shared.resolve("package");
        jar.run("legacy-package", "--count", "50", "--out", pkg.toString(), "--bad-percent", "10", "--seed", "21",
                "--controller", ORGANISATION).assertSucceeded();

        // when migrate is run beside it, as the README says
        CommandRun migrate = jar.run(migrateCommand(pki, pkg, data));

        // then the running server does the migration; the command draws the bar and ends with the summary, exit 0
        migrate.assertSucceeded().assertNoStackTraceOrLogLines();
        assertThat(migrate.output()).contains("Handed to the running server at http://127.0.0.1:" + server.port());
        Matcher bar = BAR.matcher(migrate.output());
        assertThat(bar.find()).as(migrate.transcript()).isTrue();
        Matcher summary = SUMMARY.matcher(migrate.lastLine());
        assertThat(summary.matches()).as(migrate.transcript()).isTrue();
        assertThat(summary.group(2)).isEqualTo("50");
        Path report = Path.of(summary.group(5));
        assertThat(report).startsWith(data.resolve("migration-reports"));
        assertThat(rejects(report)).isEqualTo(rejects(pkg.resolve("expected-rejects.csv")));
        assertThat(server.log()).contains("Legacy migration " + summary.group(1) + " (execution");
    }

    @Test
    @Order(4)
    void aMigrationThatFailsOnTheServerEndsWithItsReasonOnTheLastLine() throws Exception {
        // given a package whose manifest breaks after its header
        Path pkg = shared.resolve("broken-package");
        jar.run("legacy-package", "--count", "5", "--out", pkg.toString(), "--bad-percent", "0", "--seed", "22",
                "--controller", ORGANISATION).assertSucceeded();
        List<String> lines = Files.readAllLines(pkg.resolve("manifest.csv"), StandardCharsets.UTF_8);
        lines.set(3, lines.get(3).replaceFirst(",", ",\"unbalanced "));
        Files.writeString(pkg.resolve("manifest.csv"), String.join("\n", lines) + "\n", StandardCharsets.UTF_8);

        // when it is migrated beside the server
        CommandRun migrate = jar.run(migrateCommand(pki, pkg, data));

        // then the last line says it failed, why, and what to do
        assertThat(migrate.exitCode()).as(migrate.transcript()).isEqualTo(1);
        migrate.assertNoStackTraceOrLogLines();
        assertThat(migrate.lastLine()).contains(" FAILED: ", "manifest.csv cannot be read after row", "(LEGACY_MANIFEST_INVALID)",
                "run the same command again");
    }

    @Test
    @Order(5)
    void migrateBesideAServerThatDoesNotAnnounceItselfSaysTheDataDirectoryIsInUse() throws Exception {
        // given the server running but its announcement gone (as with arkisto.local-tools.enabled=false)
        Path announcement = data.resolve("local-server.properties");
        Path aside = shared.resolve("local-server.properties.aside");
        Files.move(announcement, aside);
        try {
            // when migrate is run, it tries to open the data directory itself
            CommandRun migrate = jar.run(migrateCommand(pki, shared.resolve("package"), data));

            // then one sentence says what is wrong and what to do
            assertThat(migrate.exitCode()).isEqualTo(1);
            migrate.assertNoStackTraceOrLogLines();
            assertThat(migrate.lastLine()).startsWith("The data directory " + data + " is in use by another process")
                    .contains("stop it, or run it with local tools enabled");
        } finally {
            Files.move(aside, announcement, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    @Order(6)
    void stopsWithinFiveSecondsOfSigtermWithoutErrorsAndWithdrawsItsAnnouncement() throws Exception {
        RunningServer.Stop stop = server.stop();

        System.out.printf("The packaged server stopped %d ms after SIGTERM%n", stop.took().toMillis());
        assertThat(stop.took()).as("time from SIGTERM to exit:\n" + stop.logAfterSignal()).isLessThan(Duration.ofSeconds(5));
        assertThat(PackagedJar.WARN_OR_ERROR.matcher(stop.logAfterSignal()).results().map(java.util.regex.MatchResult::group).toList())
                .as("WARN and ERROR lines while stopping").isEmpty();
        assertThat(stop.logAfterSignal()).contains("HikariPool-1 - Shutdown completed", "shut down postmaster")
                .doesNotContain("Failed to validate connection", "ENGINE-18001", "CannotCreateTransactionException");
        // the embedded PostgreSQL stopped after the pool had closed its connections
        assertThat(stop.logAfterSignal().indexOf("shut down postmaster"))
                .isGreaterThan(stop.logAfterSignal().indexOf("HikariPool-1 - Shutdown completed"));
        assertThat(data.resolve("local-server.properties")).doesNotExist();
    }

    private HttpResponse<String> archive(byte[] document) throws Exception {
        Matcher api = API_PASSWORD.matcher(server.log());
        assertThat(api.find()).as("the generated API client is announced in the log").isTrue();
        return server.send(HttpRequest.newBuilder(server.uri("/api/v1/documents"))
                .header("Authorization", basic(api.group(1), api.group(2))).header("Content-Type", "application/xml")
                .header("X-Organisation-Oid", ORGANISATION).header("X-User-Id", "packaged-test").header("X-Purpose-Of-Use", "1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(document)).build());
    }
}
