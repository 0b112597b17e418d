package fi.arkisto.app.packaged;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import fi.arkisto.app.packaged.PackagedJar.CommandRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static fi.arkisto.app.packaged.PackagedFixtures.BAR;
import static fi.arkisto.app.packaged.PackagedFixtures.ORGANISATION;
import static fi.arkisto.app.packaged.PackagedFixtures.PASSWORD_ENV;
import static fi.arkisto.app.packaged.PackagedFixtures.SUMMARY;
import static fi.arkisto.app.packaged.PackagedFixtures.migrateCommand;
import static fi.arkisto.app.packaged.PackagedFixtures.realSample;
import static fi.arkisto.app.packaged.PackagedFixtures.rejects;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command the README and docs/ document, run through the packaged jar as a user types it, in a working directory
 * of its own: {@code help}, {@code pki}, {@code generate}, {@code legacy-package}, {@code migrate} (run in this process:
 * no server runs) and {@code trust-anchors}. The server and {@code migrate} beside it are {@link PackagedServerIT}'s.
 * A new documented command needs a test here (or there) and its name in {@link #EXERCISED}, or
 * {@link #everyDocumentedCommandIsListedByHelpAndExercisedHere} fails.
 * <p>
 * The tests run beside each other: each works in a directory of its own under {@link #shared} (the test PKI made
 * before them is only read) and spends its time waiting on its own jar process.
 */
@Execution(ExecutionMode.CONCURRENT)
class PackagedCommandsIT {

    /** The commands the packaged-jar tests run, each in a test of its own. */
    static final Set<String> EXERCISED = Set.of("help", "pki", "generate", "legacy-package", "migrate", "trust-anchors",
            "replay-dead-letters", "citizen-token");


    @TempDir
    static Path shared;
    static PackagedJar jar;
    static Path pki;

    @BeforeAll
    static void aTestPki() throws Exception {
        jar = PackagedFixtures.jar(shared);
        pki = PackagedFixtures.testPki(jar, shared.resolve("pki"));
    }

    @Test
    void everyDocumentedCommandIsListedByHelpAndExercisedHere() throws Exception {
        // given the commands the README and docs/ tell a user to type
        Set<String> documented = documentedCommands();
        assertThat(documented).contains("migrate", "generate", "pki", "trust-anchors");

        // when help is asked for
        CommandRun help = jar.run("help").assertSucceeded();

        // then it lists every one of them, and this test class runs every one
        for (String command : documented) {
            if (!command.equals("help")) {
                assertThat(help.output()).as(help.transcript()).containsPattern("(?m)^  " + Pattern.quote(command) + " +\\S");
            }
        }
        assertThat(EXERCISED).containsAll(documented);
        assertThat(jar.run("no-such-command").exitCode()).isEqualTo(2);
    }

    @Test
    void generateWritesSignedDocumentsAndTheirManifest() throws Exception {
        Path out = shared.resolve("generated");

        jar.run("generate", "--count", "3", "--seed", "11", "--out", out.toString(), "--organisation", ORGANISATION,
                "--keystore", pki.resolve("system.p12").toString(), "--keystore-password-env", PASSWORD_ENV,
                "--professional-keystore", pki.resolve("professional-1.p12").toString()).assertSucceeded();

        List<String> manifest = Files.readAllLines(out.resolve("manifest.csv"));
        assertThat(manifest).hasSize(4);
        for (String row : manifest.subList(1, 4)) {
            assertThat(Files.readString(out.resolve(row.split(",")[1]))).contains("signatureCollection");
        }
    }

    @Test
    void migrateRunsInThisProcessWhenNoServerRunsDrawingItsBarAndReportingExactlyTheBadRows() throws Exception {
        // given a legacy package made by the jar, a data directory, and an announcement left by a server that is gone
        Path work = Files.createDirectories(shared.resolve("in-process"));
        Path pkg = work.resolve("package");
        Path data = work.resolve("data");
        jar.run("legacy-package", "--count", "60", "--out", pkg.toString(), "--bad-percent", "10", "--seed", "7",
                "--controller", ORGANISATION).assertSucceeded();
        assertThat(pkg.resolve("expected-rejects.csv")).exists();
        Files.createDirectories(data);
        Files.writeString(data.resolve("local-server.properties"), "url=http://127.0.0.1:" + PackagedJar.freePort()
                + "\nclient=arkisto-local-tools\npassword=gone\npid=1\n");

        // when migrate is run as the README says, with the system signer configured
        CommandRun migrate = jar.run(migrateCommand(pki, pkg, data));

        // then it notices that no server answers, runs here, draws its bar and ends with the summary line
        migrate.assertSucceeded().assertNoStackTraceOrLogLines();
        assertThat(migrate.output()).contains("No server answers at", "migrating in this process",
                "log: " + data.resolve("logs").resolve("migrate.log"),
                "Migration process legacy-migration:" + ORGANISATION + ":package");
        Matcher bar = BAR.matcher(migrate.output());
        assertThat(bar.find()).as(migrate.transcript()).isTrue();
        assertThat(bar.group(1)).isEqualTo("60");
        Matcher summary = SUMMARY.matcher(migrate.lastLine());
        assertThat(summary.matches()).as(migrate.transcript()).isTrue();
        assertThat(summary.group(2)).isEqualTo("60");

        // and the reject report, under the data directory, lists exactly the rows the package says are bad
        Path report = Path.of(summary.group(5));
        assertThat(report).startsWith(data.resolve("migration-reports")).exists();
        assertThat(rejects(report)).isEqualTo(rejects(pkg.resolve("expected-rejects.csv")));
        assertThat(Long.parseLong(summary.group(4))).isEqualTo(rejects(report).size());
        assertThat(Long.parseLong(summary.group(3))).isEqualTo(60 - rejects(report).size());
        // and nothing was written into the working directory; the log went to its file
        assertThat(jar.workingDirectory().resolve("migration-reports")).doesNotExist();
        assertThat(Files.readString(data.resolve("logs").resolve("migrate.log"))).contains("Legacy migration " + summary.group(1));

        // when the finished migration is launched again, then one sentence refuses it with its own code
        CommandRun again = jar.run(migrateCommand(pki, pkg, data));
        assertThat(again.exitCode()).isEqualTo(1);
        again.assertNoStackTraceOrLogLines();
        assertThat(again.lastLine()).startsWith("Migration refused: ").endsWith("(MIGRATION_ALREADY_COMPLETED).");
    }

    @Test
    void migrateWithoutASystemSignerSaysHowToConfigureOneInOneSentence() throws Exception {
        Path work = Files.createDirectories(shared.resolve("no-signer"));
        jar.run("legacy-package", "--count", "3", "--out", work.resolve("package").toString(), "--bad-percent", "0",
                "--controller", ORGANISATION).assertSucceeded();

        CommandRun migrate = jar.run("migrate", "--package", work.resolve("package").toString(), "--controller", ORGANISATION,
                "--arkisto.data-dir=" + work.resolve("data"));

        assertThat(migrate.exitCode()).isEqualTo(1);
        migrate.assertNoStackTraceOrLogLines();
        assertThat(migrate.lastLine()).contains("arkisto.signature.system-signer.keystore", PASSWORD_ENV, "(MIGRATION_SIGNER_MISSING)");
        assertThat(jar.run("migrate", "--package", "x").exitCode()).as("a wrong command line").isEqualTo(2);
    }

    @Test
    void trustAnchorsWritesTheCertificateTheRealSampleCarries() throws Exception {
        Path sample = realSample(shared.resolve("asiakkuusasiakirja_S.xml"));
        Path anchors = shared.resolve("sample-anchors");

        CommandRun written = jar.run("trust-anchors", "--from-document", sample.toString(), "--out", anchors.toString());

        written.assertSucceeded();
        assertThat(written.output()).contains("SHA-256", "1 certificate written to " + anchors);
        try (Stream<Path> files = Files.list(anchors)) {
            assertThat(files.map(Path::toString)).singleElement().satisfies(name -> assertThat(name).endsWith(".pem"));
        }
        assertThat(jar.run("trust-anchors", "--from-document", shared.resolve("none.xml").toString(), "--out",
                anchors.toString()).exitCode()).isEqualTo(1);
    }

    @Test
    void citizenTokenPrintsATokenThatVerifiesWithTheJwkSetItWroteForTestCodesOnly() throws Exception {
        Path keys = shared.resolve("citizen-keys");

        // when a developer asks for a test citizen's token as docs/running.md shows
        CommandRun issued = jar.run("citizen-token", "--hetu", "010190-900P", "--key-dir", keys.toString(),
                "--minutes", "5");

        // then one line is a JWT signed by the key of the JWK set the archive is told to trust
        issued.assertSucceeded();
        assertThat(issued.output()).contains("arkisto.citizen.jwk-set-file=" + keys.resolve("jwks.json").toAbsolutePath());
        String token = issued.output().lines().filter(line -> line.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+"))
                .findFirst().orElseThrow();
        com.nimbusds.jose.jwk.RSAKey key = com.nimbusds.jose.jwk.JWKSet.load(keys.resolve("jwks.json").toFile())
                .getKeys().get(0).toRSAKey();
        com.nimbusds.jwt.SignedJWT jwt = com.nimbusds.jwt.SignedJWT.parse(token);
        assertThat(jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key))).isTrue();
        assertThat(jwt.getJWTClaimsSet().getStringClaim("urn:oid:1.2.246.21")).isEqualTo("010190-900P");
        // and a real person's code is refused
        assertThat(jar.run("citizen-token", "--hetu", "010190-123M", "--key-dir", keys.toString()).exitCode())
                .isEqualTo(1);
        // and a guardian's token vouches for the minors named
        CommandRun guardian = jar.run("citizen-token", "--hetu", "010190-900P", "--key-dir", keys.toString(),
                "--guardian-of", "020315A901M");
        guardian.assertSucceeded();
        String guardianToken = guardian.output().lines()
                .filter(line -> line.matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+")).findFirst().orElseThrow();
        assertThat(com.nimbusds.jwt.SignedJWT.parse(guardianToken).getJWTClaimsSet()
                .getStringListClaim("urn:arkisto:guardian-of")).containsExactly("020315A901M");
    }

    @Test
    void replayDeadLettersMovesEachDeadLetterBackToTheRequestQueueOfTheMachinesBroker() throws Exception {
        // given the queue channel's three queues on the machine's broker, names of this test's own, and two dead letters
        String prefix = "arkisto.replay-it." + UUID.randomUUID().toString().substring(0, 8);
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
            channel.exchangeDeclare(prefix, "direct", false, true, null);
            channel.queueDeclare(prefix + ".requests", false, false, false, null);
            channel.queueBind(prefix + ".requests", prefix, prefix + ".requests");
            channel.queueDeclare(prefix + ".dead-letter", false, false, false, null);
            for (String id : List.of("first", "second")) {
                channel.basicPublish("", prefix + ".dead-letter", new AMQP.BasicProperties.Builder().messageId(id)
                        .contentType("application/xml").headers(Map.of("x-arkisto-error-code", "STORAGE_UNAVAILABLE"))
                        .build(), ("<document id='" + id + "'/>").getBytes(StandardCharsets.UTF_8));
            }
            try {
                // when the operator replays them as docs/messages.md shows
                jar.withEnvironment("REPLAY_BROKER_PASSWORD", "guest");
                CommandRun replay = jar.run("replay-dead-letters", "--uri", "amqp://guest@127.0.0.1:5672",
                        "--password-env", "REPLAY_BROKER_PASSWORD", "--exchange", prefix,
                        "--request-queue", prefix + ".requests", "--dead-letter-queue", prefix + ".dead-letter");

                // then both are on the request queue, as they came but for the dead-lettering's headers
                replay.assertSucceeded();
                assertThat(replay.lastLine()).isEqualTo("Replayed 2 dead letters from " + prefix + ".dead-letter to "
                        + prefix + ".requests; 0 left in " + prefix + ".dead-letter.");
                for (String id : List.of("first", "second")) {
                    GetResponse replayed = channel.basicGet(prefix + ".requests", true);
                    assertThat(replayed.getProps().getMessageId()).isEqualTo(id);
                    assertThat(new String(replayed.getBody(), StandardCharsets.UTF_8)).contains(id);
                    assertThat(replayed.getProps().getHeaders()).doesNotContainKey("x-arkisto-error-code")
                            .containsEntry("x-arkisto-replays", 1);
                }
                // and a wrong command line is told as such
                assertThat(jar.run("replay-dead-letters", "--limit", "0").exitCode()).isEqualTo(2);
            } finally {
                channel.queueDelete(prefix + ".requests");
                channel.queueDelete(prefix + ".dead-letter");
                channel.exchangeDelete(prefix);
            }
        }
    }

    /**
     * The commands the README and docs/ name: {@code arkisto-app.jar <command>} in any example, and the first cell of
     * the tables in their "Command-line tools" sections.
     */
    static Set<String> documentedCommands() throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<Path> pages;
        try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
            pages = Stream.concat(Stream.of(root.resolve("README.md")), docs.filter(p -> p.toString().endsWith(".md"))).toList();
        }
        Set<String> commands = new TreeSet<>();
        Pattern example = Pattern.compile("arkisto-app\\.jar ([a-z][a-z-]*)");
        Pattern tableRow = Pattern.compile("^\\| `([a-z][a-z-]*)[ `]");
        for (Path page : pages) {
            boolean inToolsSection = false;
            for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
                if (line.startsWith("#")) {
                    inToolsSection = line.contains("Command-line tools");
                }
                Matcher examples = example.matcher(line);
                while (examples.find()) {
                    commands.add(examples.group(1));
                }
                Matcher row = tableRow.matcher(line);
                if (inToolsSection && row.find() && !row.group(1).equals("command")) {
                    commands.add(row.group(1));
                }
            }
        }
        return commands;
    }
}
