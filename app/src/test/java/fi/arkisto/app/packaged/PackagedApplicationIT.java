package fi.arkisto.app.packaged;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the packaged jar as a user would ({@code java -jar arkisto-app.jar} with nothing configured but the
 * port, a data directory and the trust anchors its signature check needs), archives generated documents and
 * the real sample through HTTP, restarts on the same data directory and reads them back: the no-setup
 * defaults (embedded PostgreSQL and S3) keep every archived document. The test PKI and the signed documents
 * come from the jar's own tools ({@code pki}, {@code generate}).
 */
class PackagedApplicationIT {

    private static final Pattern API_PASSWORD = Pattern.compile("API client: (\\S+)\\s+password: (\\S+)");
    private static final Pattern CAMUNDA_PASSWORD = Pattern.compile("Camunda administrator '(\\S+)' with the generated password: (\\S+)");
    private static final String ORGANISATION = "1.2.246.10.32213561.10.0";
    private static final String SAMPLE_OID = "1.2.246.10.32213561.95777.2026.688883.2809773";
    private static final String KEYSTORE_PASSWORD_ENV = "ARKISTO_TEST_PKI_PASSWORD";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path temp;

    @Test
    void archivesThroughHttpAndKeepsTheDocumentsAcrossARestart() throws Exception {
        // given the packaged jar, a test PKI and signed documents made by its own tools, and an empty data directory
        Path jar = Path.of(System.getProperty("arkisto.app.jar", "target/arkisto-app.jar"));
        assertThat(jar).exists();
        Path dataDir = temp.resolve("data");
        Path pki = temp.resolve("pki");
        Path generated = temp.resolve("generated");
        Map<String, String> environment = Map.of(KEYSTORE_PASSWORD_ENV, "packaged-test-" + System.nanoTime());
        runTool(jar, environment, "pki", "--out", pki.toString(), "--organisation", ORGANISATION, "--professionals", "1",
                "--password-env", KEYSTORE_PASSWORD_ENV);
        runTool(jar, environment, "generate", "--count", "3", "--seed", "11", "--out", generated.toString(),
                "--organisation", ORGANISATION, "--keystore", pki.resolve("system.p12").toString(),
                "--keystore-password-env", KEYSTORE_PASSWORD_ENV,
                "--professional-keystore", pki.resolve("professional-1.p12").toString());
        Path anchors = pki.resolve("trust-anchors");
        try (InputStream sampleCertificate = getClass().getResourceAsStream("/signature/anchors/kanta-sample-system-certificate.pem")) {
            assertThat(sampleCertificate).isNotNull();
            Files.copy(sampleCertificate, anchors.resolve("kanta-sample-system-certificate.pem"));
        }
        Map<String, byte[]> documents = new LinkedHashMap<>();
        for (String row : Files.readAllLines(generated.resolve("manifest.csv")).subList(1, 4)) {
            String[] columns = row.split(",");
            documents.put(columns[2], Files.readAllBytes(generated.resolve(columns[1])));
        }
        documents.put(SAMPLE_OID, sampleDocument());
        List<Process> started = new ArrayList<>();
        try {
            // when it starts with nothing else configured
            int port = freePort();
            Path firstLog = temp.resolve("first.log");
            Process first = start(jar, port, dataDir, anchors, firstLog);
            started.add(first);
            awaitHealthy(first, port, firstLog);
            String log = Files.readString(firstLog);
            Matcher api = API_PASSWORD.matcher(log);
            assertThat(api.find()).as("the generated API client is announced in the log").isTrue();
            String auth = basic(api.group(1), api.group(2));
            assertThat(CAMUNDA_PASSWORD.matcher(log).find()).as("the generated Camunda admin password is printed once").isTrue();

            // then it archives the documents through HTTP and gives each back byte-exact
            for (Map.Entry<String, byte[]> document : documents.entrySet()) {
                HttpResponse<String> archived = http.send(HttpRequest.newBuilder(uri(port, "/api/v1/documents"))
                        .header("Authorization", auth).header("Content-Type", "application/xml")
                        .header("X-Organisation-Oid", ORGANISATION).header("X-User-Id", "packaged-test")
                        .header("X-Purpose-Of-Use", "1")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(document.getValue())).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(archived.statusCode()).as(archived.body()).isEqualTo(201);
                assertThat(archived.body()).contains(document.getKey());
                assertThat(getDocument(port, auth, document.getKey())).isEqualTo(document.getValue());
            }
            assertThat(http.send(HttpRequest.newBuilder(uri(port, "/engine-rest/process-definition")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).as("the Camunda REST API is closed").isEqualTo(401);
            stop(first);

            // when it starts again on the same data directory
            int secondPort = freePort();
            Path secondLog = temp.resolve("second.log");
            Process second = start(jar, secondPort, dataDir, anchors, secondLog);
            started.add(second);
            awaitHealthy(second, secondPort, secondLog);
            String secondOutput = Files.readString(secondLog);
            Matcher secondApi = API_PASSWORD.matcher(secondOutput);
            assertThat(secondApi.find()).isTrue();

            // then every document is still there, byte-exact, and the Camunda admin was not re-created
            for (Map.Entry<String, byte[]> document : documents.entrySet()) {
                assertThat(getDocument(secondPort, basic(secondApi.group(1), secondApi.group(2)), document.getKey()))
                        .isEqualTo(document.getValue());
            }
            assertThat(CAMUNDA_PASSWORD.matcher(secondOutput).find()).isFalse();
            stop(second);
        } finally {
            started.forEach(Process::destroyForcibly);
        }
    }

    private void runTool(Path jar, Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(java().toString(), "-Xmx256m", "-jar", jar.toAbsolutePath().toString()));
        command.addAll(List.of(arguments));
        Path log = temp.resolve(arguments[0] + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process tool = builder.start();
        try {
            assertThat(tool.waitFor(120, TimeUnit.SECONDS)).as(arguments[0] + " finished").isTrue();
            assertThat(tool.exitValue()).as(Files.readString(log)).isZero();
        } finally {
            tool.destroyForcibly();
        }
    }

    private byte[] getDocument(int port, String auth, String oid) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri(port, "/api/v1/documents/" + oid))
                .header("Authorization", auth).header("X-Organisation-Oid", ORGANISATION)
                .header("X-User-Id", "packaged-test").header("X-Purpose-Of-Use", "1").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return response.body();
    }

    private static byte[] sampleDocument() throws IOException {
        try (InputStream in = PackagedApplicationIT.class.getResourceAsStream("/kanta/asiakkuusasiakirja_S.xml")) {
            assertThat(in).as("the real sample from archive-store's test resources").isNotNull();
            return in.readAllBytes();
        }
    }

    private static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    private static Process start(Path jar, int port, Path dataDir, Path anchors, Path log) throws IOException {
        return new ProcessBuilder(java().toString(), "-Xmx512m", "-jar", jar.toAbsolutePath().toString(),
                "--server.port=" + port, "--arkisto.data-dir=" + dataDir.toAbsolutePath(),
                "--arkisto.signature.trust-anchors=" + anchors.toAbsolutePath(),
                // the real sample's certificate expired 2026-10-09, after it was signed: see ApiIntegrationTest
                "--arkisto.signature.arrival-window=P3650D")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
    }

    private void awaitHealthy(Process process, int port, Path log) throws Exception {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("The application exited with " + process.exitValue() + ":\n" + tail(log));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(uri(port, "/actuator/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the server socket opens only once the context is up
            }
            // polling an external process: there is no event to wait on
            process.waitFor(250, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("The application did not become healthy within " + START_TIMEOUT + ":\n" + tail(log));
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("The application did not stop within 60 s of SIGTERM");
        }
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log);
        return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
