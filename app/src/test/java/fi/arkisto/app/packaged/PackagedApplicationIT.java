package fi.arkisto.app.packaged;

import fi.arkisto.app.packaged.PackagedJar.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static fi.arkisto.app.packaged.PackagedFixtures.API_PASSWORD;
import static fi.arkisto.app.packaged.PackagedFixtures.ORGANISATION;
import static fi.arkisto.app.packaged.PackagedFixtures.PASSWORD_ENV;
import static fi.arkisto.app.packaged.PackagedFixtures.SAMPLE_OID;
import static fi.arkisto.app.packaged.PackagedFixtures.basic;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the packaged jar as a user would ({@code java -jar arkisto-app.jar} with nothing configured but the
 * port, a data directory and the trust anchors its signature check needs), archives generated documents and
 * the real sample through HTTP, restarts on the same data directory and reads them back: the no-setup
 * defaults (embedded PostgreSQL and S3) keep every archived document. The test PKI and the signed documents
 * come from the jar's own tools ({@code pki}, {@code generate}).
 */
class PackagedApplicationIT {

    private static final Pattern CAMUNDA_PASSWORD = Pattern.compile("Camunda administrator '(\\S+)' with the generated password: (\\S+)");

    @TempDir
    Path temp;

    @Test
    void archivesThroughHttpAndKeepsTheDocumentsAcrossARestart() throws Exception {
        // given the packaged jar, a test PKI and signed documents made by its own tools, and an empty data directory
        PackagedJar jar = PackagedFixtures.jar(temp);
        Path dataDir = temp.resolve("data");
        Path pki = PackagedFixtures.testPki(jar, temp.resolve("pki"));
        Path generated = temp.resolve("generated");
        jar.run("generate", "--count", "3", "--seed", "11", "--out", generated.toString(), "--organisation", ORGANISATION,
                "--keystore", pki.resolve("system.p12").toString(), "--keystore-password-env", PASSWORD_ENV,
                "--professional-keystore", pki.resolve("professional-1.p12").toString()).assertSucceeded();
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
        documents.put(SAMPLE_OID, PackagedFixtures.realSample());

        // when it starts with nothing else configured
        String auth;
        try (RunningServer first = jar.startServer(dataDir, "--arkisto.signature.trust-anchors=" + anchors,
                PackagedFixtures.SAMPLE_ARRIVAL_WINDOW)) {
            String log = first.log();
            Matcher api = API_PASSWORD.matcher(log);
            assertThat(api.find()).as("the generated API client is announced in the log").isTrue();
            auth = basic(api.group(1), api.group(2));
            assertThat(CAMUNDA_PASSWORD.matcher(log).find()).as("the generated Camunda admin password is printed once").isTrue();

            // then it archives the documents through HTTP and gives each back byte-exact
            for (Map.Entry<String, byte[]> document : documents.entrySet()) {
                HttpResponse<String> archived = first.send(HttpRequest.newBuilder(first.uri("/api/v1/documents"))
                        .header("Authorization", auth).header("Content-Type", "application/xml")
                        .header("X-Organisation-Oid", ORGANISATION).header("X-User-Id", "packaged-test")
                        .header("X-Purpose-Of-Use", "1")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(document.getValue())).build());
                assertThat(archived.statusCode()).as(archived.body()).isEqualTo(201);
                assertThat(archived.body()).contains(document.getKey());
                assertThat(getDocument(first, auth, document.getKey())).isEqualTo(document.getValue());
            }
            assertThat(first.send(HttpRequest.newBuilder(first.uri("/engine-rest/process-definition")).build()).statusCode())
                    .as("the Camunda REST API is closed").isEqualTo(401);
            first.stop();
        }

        // when it starts again on the same data directory
        try (RunningServer second = jar.startServer(dataDir, "--arkisto.signature.trust-anchors=" + anchors,
                PackagedFixtures.SAMPLE_ARRIVAL_WINDOW)) {
            String secondOutput = second.log();
            Matcher secondApi = API_PASSWORD.matcher(secondOutput);
            assertThat(secondApi.find()).isTrue();

            // then every document is still there, byte-exact, and the Camunda admin was not re-created
            for (Map.Entry<String, byte[]> document : documents.entrySet()) {
                assertThat(getDocument(second, basic(secondApi.group(1), secondApi.group(2)), document.getKey()))
                        .isEqualTo(document.getValue());
            }
            assertThat(CAMUNDA_PASSWORD.matcher(secondOutput).find()).isFalse();
            second.stop();
        }
    }

    private static byte[] getDocument(RunningServer server, String auth, String oid) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = server.send(HttpRequest.newBuilder(server.uri("/api/v1/documents/" + oid))
                .header("Authorization", auth).header("X-Organisation-Oid", ORGANISATION)
                .header("X-User-Id", "packaged-test").header("X-Purpose-Of-Use", "1").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        return response.body();
    }
}
