package fi.arkisto.app.packaged;

import fi.arkisto.app.packaged.PackagedJar.CommandRun;
import fi.arkisto.app.packaged.PackagedJar.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Matcher;

import static fi.arkisto.app.packaged.PackagedFixtures.ORGANISATION;
import static fi.arkisto.app.packaged.PackagedFixtures.PASSWORD_ENV;
import static fi.arkisto.app.packaged.PackagedFixtures.SUMMARY;
import static fi.arkisto.app.packaged.PackagedFixtures.migrateCommand;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Transport security through the packaged jar, as docs/running.md shows it: a start bound beyond the loopback without
 * TLS is refused with its one sentence; the mutual TLS demo with the {@code pki} command's certificates serves client
 * systems by certificate on every interface, refuses the expired and the revoked client, and {@code migrate} beside it
 * still hands its migration over, to https.
 */
class PackagedTlsIT {

    @TempDir
    Path temp;

    @Test
    void aStartOnAnotherAddressWithoutTlsIsRefusedWithItsSentence() throws Exception {
        PackagedJar jar = PackagedFixtures.jar(temp);
        int port = PackagedJar.freePort();

        CommandRun refused = jar.run("--server.address=0.0.0.0", "--server.port=" + port,
                "--arkisto.data-dir=" + temp.resolve("data"));

        assertThat(refused.exitCode()).as(refused.transcript()).isNotZero();
        assertThat(refused.output()).as(refused.transcript()).contains("APPLICATION FAILED TO START",
                "Arkisto will not listen on every network interface port " + port + " without TLS: configure the"
                        + " server's key store (server.ssl.bundle naming a spring.ssl.bundle.jks.* or .pem.* bundle), bind it"
                        + " to the loopback address (server.address=127.0.0.1), or declare TLS terminated by a reverse proxy"
                        + " (arkisto.security.reverse-proxy.enabled=true with its .addresses).");
    }

    @Test
    void theMutualTlsDemoServesClientSystemsByCertificateAndMigrateHandsOverToIt() throws Exception {
        // given the demo's test PKI and a signed document, made by the jar's own tools
        PackagedJar jar = PackagedFixtures.jar(temp);
        String password = "packaged-tls-" + System.nanoTime();
        jar.withEnvironment(PASSWORD_ENV, password);
        Path pki = PackagedFixtures.testPki(jar, temp.resolve("pki"));
        Path generated = temp.resolve("generated");
        jar.run("generate", "--count", "1", "--seed", "5", "--out", generated.toString(), "--organisation", ORGANISATION,
                "--keystore", pki.resolve("system.p12").toString(), "--keystore-password-env", PASSWORD_ENV).assertSucceeded();
        String[] row = Files.readAllLines(generated.resolve("manifest.csv")).get(1).split(",");
        byte[] document = Files.readAllBytes(generated.resolve(row[1]));
        Path data = temp.resolve("data");

        // when the server starts as the demo says, with TLS on every network interface
        try (RunningServer server = jar.startTlsServer(data, tls(pki, null, password), "--server.address=0.0.0.0",
                "--spring.config.import=file:" + pki.resolve("tls.properties"),
                "--arkisto.signature.trust-anchors=" + pki.resolve("trust-anchors"),
                "--arkisto.signature.system-signer.keystore=" + pki.resolve("system.p12"))) {
            assertThat(server.log()).contains("The server speaks TLSv1.3 and TLSv1.2 with 11 cipher suites on every network"
                    + " interface port " + server.port() + " (client certificates: requested)");

            // then the organisation's client system archives with its certificate, no password
            HttpResponse<String> archived = send(tls(pki, "client.p12", password), server, archive(server, document));
            assertThat(archived.statusCode()).as(archived.body()).isEqualTo(201);
            assertThat(archived.body()).contains(row[2]);
            // a caller without a certificate is asked for one, the revoked client is refused with its code
            HttpResponse<String> anonymous = send(tls(pki, null, password), server, archive(server, document));
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).contains("AUTHENTICATION_REQUIRED");
            HttpResponse<String> revoked = send(tls(pki, "revoked-client.p12", password), server, archive(server, document));
            assertThat(revoked.statusCode()).isEqualTo(401);
            assertThat(revoked.body()).contains("CLIENT_CERTIFICATE_REVOKED");
            // and the expired client does not get through the handshake
            assertThatThrownBy(() -> send(tls(pki, "expired-client.p12", password), server, archive(server, document)))
                    .isInstanceOf(IOException.class);

            // the announcement for local tools names the https URL and the server's certificate
            Properties announcement = new Properties();
            try (InputStream in = Files.newInputStream(data.resolve("local-server.properties"))) {
                announcement.load(in);
            }
            assertThat(announcement.getProperty("url")).isEqualTo("https://127.0.0.1:" + server.port());
            assertThat(announcement.getProperty("certificate")).isNotBlank();

            // and migrate beside the server hands its migration over to it, over TLS
            Path pkg = temp.resolve("package");
            jar.run("legacy-package", "--count", "20", "--out", pkg.toString(), "--bad-percent", "0", "--seed", "31",
                    "--controller", ORGANISATION).assertSucceeded();
            CommandRun migrate = jar.run(migrateCommand(pki, pkg, data));
            migrate.assertSucceeded().assertNoStackTraceOrLogLines();
            assertThat(migrate.output()).contains("Handed to the running server at https://127.0.0.1:" + server.port());
            Matcher summary = SUMMARY.matcher(migrate.lastLine());
            assertThat(summary.matches()).as(migrate.transcript()).isTrue();
            assertThat(summary.group(2)).isEqualTo("20");
            assertThat(summary.group(3)).isEqualTo("20");
            server.stop();
        }
    }

    private static HttpRequest archive(RunningServer server, byte[] document) {
        return HttpRequest.newBuilder(server.uri("/api/v1/documents")).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/xml").header("X-Organisation-Oid", ORGANISATION)
                .header("X-User-Id", "packaged-test").header("X-Purpose-Of-Use", "1")
                .POST(HttpRequest.BodyPublishers.ofByteArray(document)).build();
    }

    private static HttpResponse<String> send(SSLContext tls, RunningServer server, HttpRequest request)
            throws IOException, InterruptedException {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(tls).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** As curl with {@code --cacert pki/ca.pem [--cert-type P12 --cert pki/<keyStore>]}. */
    private static SSLContext tls(Path pki, String keyStore, String password) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pki.resolve("ca.pem"))) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        KeyManagerFactory keys = null;
        if (keyStore != null) {
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(KeyStore.getInstance(pki.resolve(keyStore).toFile(), password.toCharArray()), password.toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
