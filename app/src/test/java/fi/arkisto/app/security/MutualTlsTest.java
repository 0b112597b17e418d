package fi.arkisto.app.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.arkisto.app.local.LocalToolsCredential;
import fi.arkisto.app.support.TlsTestPki;
import fi.arkisto.testkit.pki.CertificateIssuer;
import fi.arkisto.store.testsupport.ArchiveStoreTestInitializers;
import fi.arkisto.store.testsupport.KantaSamples;
import fi.arkisto.testkit.pki.TestPki.Issued;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Client systems authenticated by their certificates over real TLS (mutual TLS): the server's listener and the
 * management server's speak TLS 1.2/1.3 only; a client system with a valid certificate acts for its organisation; an
 * untrusted or expired certificate is refused in the handshake, a revoked one or one without an organisation with its
 * code; the organisation header and an Authorization header cannot widen what the certificate allows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.server.port=0",
        "management.server.address=127.0.0.1",
        "arkisto.security.client-certificates.trust-anchors-reload-interval=1s",
        "camunda.bpm.job-execution.enabled=false",
        "logging.level.org.camunda=WARN"})
@ContextConfiguration(initializers = ArchiveStoreTestInitializers.Local.class)
class MutualTlsTest {

    private static final TlsTestPki PKI = TlsTestPki.create();
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    LocalToolsCredential localTools;

    @DynamicPropertySource
    static void tls(DynamicPropertyRegistry registry) throws IOException {
        PKI.serverProperties().forEach((key, value) -> registry.add(key, () -> value));
        Path data = Files.createTempDirectory("arkisto-tls-data");
        registry.add("arkisto.data-dir", data::toString);
    }

    @Test
    void aClientSystemWithAValidCertificateActsForItsOrganisation() throws Exception {
        // given a document of the controller, signed by its system
        String oid = KantaSamples.newOid();
        byte[] document = PKI.signed(KantaSamples.document().oid(oid));

        // when the controller's client system sends it with its certificate, no password
        HttpResponse<String> archived = send(PKI.client(PKI.client()), post("/api/v1/documents", TlsTestPki.CONTROLLER, document));

        // then it is archived, and the same system reads it back
        assertThat(archived.statusCode()).as(archived.body()).isEqualTo(201);
        HttpResponse<String> metadata = send(PKI.client(PKI.client()), get("/api/v1/documents/" + oid + "/metadata",
                TlsTestPki.CONTROLLER));
        assertThat(metadata.statusCode()).as(metadata.body()).isEqualTo(200);
        assertThat(json(metadata).path("documentOid").asText()).isEqualTo(oid);
    }

    @Test
    void anUntrustedCertificateIsRefusedInTheHandshake() {
        assertThatThrownBy(() -> send(PKI.client(PKI.untrustedClient()), get("/api/v1/documents/" + KantaSamples.newOid()
                + "/metadata", TlsTestPki.CONTROLLER))).isInstanceOf(IOException.class);
    }

    @Test
    void anExpiredCertificateIsRefusedInTheHandshake() {
        assertThatThrownBy(() -> send(PKI.client(PKI.expiredClient()), get("/api/v1/documents/" + KantaSamples.newOid()
                + "/metadata", TlsTestPki.CONTROLLER))).isInstanceOf(IOException.class);
    }

    @Test
    void aRevokedCertificateIsRefusedWithItsCode() throws Exception {
        HttpResponse<String> refused = send(PKI.client(PKI.revokedClient()), post("/api/v1/documents", TlsTestPki.CONTROLLER,
                PKI.signed(KantaSamples.document())));

        assertProblem(refused, 401, "CLIENT_CERTIFICATE_REVOKED");
        assertThat(json(refused).path("detail").asText()).contains("was revoked at", "KEY_COMPROMISE");
    }

    @Test
    void aCertificateWithoutAnOrganisationIsRefusedWithItsCode() throws Exception {
        HttpResponse<String> refused = send(PKI.client(PKI.clientWithoutOrganisation()),
                get("/api/v1/documents/" + KantaSamples.newOid() + "/metadata", TlsTestPki.CONTROLLER));

        assertProblem(refused, 401, "CLIENT_CERTIFICATE_WITHOUT_ORGANISATION");
    }

    @Test
    void anotherOrganisationsCertificateCannotActForTheController() throws Exception {
        // given a document in the controller's register
        String oid = KantaSamples.newOid();
        assertThat(send(PKI.client(PKI.client()), post("/api/v1/documents", TlsTestPki.CONTROLLER,
                PKI.signed(KantaSamples.document().oid(oid)))).statusCode()).isEqualTo(201);

        // when another organisation's system names the controller in its request context, it is refused, for reads
        HttpResponse<String> read = send(PKI.client(PKI.otherOrganisationClient()), get("/api/v1/documents/" + oid,
                TlsTestPki.CONTROLLER));
        assertProblem(read, 403, "ACCESS_DENIED");
        // and writes alike
        HttpResponse<String> write = send(PKI.client(PKI.otherOrganisationClient()), post("/api/v1/documents",
                TlsTestPki.CONTROLLER, PKI.signed(KantaSamples.document())));
        assertProblem(write, 403, "ACCESS_DENIED");
    }

    @Test
    void theOrganisationHeaderChoosesAmongWhatTheCertificateAllowsAndNeverWidensIt() throws Exception {
        // an IT service provider configured to act for the controller archives into the controller's register
        HttpResponse<String> forController = send(PKI.client(PKI.providerClient()), post("/api/v1/documents",
                TlsTestPki.CONTROLLER, PKI.signed(KantaSamples.document())));
        assertThat(forController.statusCode()).as(forController.body()).isEqualTo(201);

        // but it may not act for an organisation it is not configured for
        HttpResponse<String> forOther = send(PKI.client(PKI.providerClient()), get("/api/v1/clients/"
                + KantaSamples.SAMPLE_CLIENT + "/documents", TlsTestPki.OTHER_ORGANISATION));
        assertProblem(forOther, 403, "ACCESS_DENIED");

        // and the controller's own system may not act for the provider
        HttpResponse<String> forProvider = send(PKI.client(PKI.client()), get("/api/v1/clients/"
                + KantaSamples.SAMPLE_CLIENT + "/documents", TlsTestPki.PROVIDER));
        assertProblem(forProvider, 403, "ACCESS_DENIED");
    }

    @Test
    void anAuthorizationHeaderBesideACertificateIsNotRead() throws Exception {
        // given a migration request for the controller with the local tools' credential, which may act for any
        // organisation on migrations: alone, it reaches the migration (whose package does not exist)
        String body = "{\"package\": \"no-such-package\", \"controller\": \"" + TlsTestPki.CONTROLLER + "\"}";
        HttpRequest.Builder request = context(HttpRequest.newBuilder(uri("/api/v1/migrations")), TlsTestPki.CONTROLLER)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (localTools.client() + ":" + localTools.password()).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        assertProblem(send(PKI.client(null), request.build()), 422, "LEGACY_PACKAGE_NOT_FOUND");

        // when another organisation's certificate comes with the same header, the certificate alone decides: refused
        assertProblem(send(PKI.client(PKI.otherOrganisationClient()), request.build()), 403, "ACCESS_DENIED");
    }

    @Test
    void withoutACertificateTheApiAsksForOneAndNoPasswordIsAccepted() throws Exception {
        HttpResponse<String> anonymous = send(PKI.client(null), get("/api/v1/clients/" + KantaSamples.SAMPLE_CLIENT
                + "/documents", TlsTestPki.CONTROLLER));

        assertProblem(anonymous, 401, "AUTHENTICATION_REQUIRED");
        assertThat(json(anonymous).path("detail").asText()).contains("TLS client certificate");
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).isEmpty();
    }

    @Test
    void theAuditVerificationIsForTheConfiguredAuditorsOnly() throws Exception {
        HttpRequest verification = HttpRequest.newBuilder(uri("/api/v1/audit/verification")).GET().build();

        assertProblem(send(PKI.client(PKI.client()), verification), 403, "ACCESS_DENIED");
        HttpResponse<String> audited = send(PKI.client(PKI.auditorClient()), verification);
        assertThat(audited.statusCode()).as(audited.body()).isEqualTo(200);
        assertThat(json(audited).path("valid").asBoolean()).isTrue();
    }

    @Test
    void everyListenerSpeaksTls12Or13OnlyWithForwardSecretAeadSuites() throws Exception {
        for (int listener : new int[]{port, managementPort}) {
            // the default handshake is TLS 1.3
            assertThat(handshake(listener, null, null)).isEqualTo("TLSv1.3");
            // TLS 1.2 with an AEAD suite works
            assertThat(handshake(listener, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")).isEqualTo("TLSv1.2");
            // TLS 1.2 with a CBC suite (which the JDK still offers) is refused, and so is RSA key exchange
            assertThatThrownBy(() -> handshake(listener, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> handshake(listener, "TLSv1.2", "TLS_RSA_WITH_AES_128_GCM_SHA256"))
                    .isInstanceOf(IOException.class);
        }
    }

    @Test
    void theCockpitAndTheActuatorAnswerOverTlsAndNotOverPlainHttp() throws Exception {
        HttpClient https = PKI.client(null);
        HttpResponse<String> cockpit = send(https, HttpRequest.newBuilder(uri("/camunda/app/cockpit/default/")).GET().build());
        assertThat(cockpit.statusCode()).isEqualTo(200);
        HttpResponse<String> health = send(https, HttpRequest.newBuilder(
                URI.create("https://localhost:" + managementPort + "/actuator/health")).GET().build());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");

        HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String url : new String[]{"http://localhost:" + port + "/camunda/app/cockpit/default/",
                "http://localhost:" + managementPort + "/actuator/health"}) {
            HttpResponse<String> answer = plain.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            // Tomcat answers a plain request on a TLS port with a 400 that says TLS is required, nothing else
            assertThat(answer.statusCode()).as(url).isEqualTo(400);
            assertThat(answer.body()).doesNotContain("UP", "Camunda");
        }
    }

    @Test
    void aCaAddedToTheClientTrustAnchorsIsTrustedWithoutARestart() throws Exception {
        // given a client of a CA the archive does not know: refused in the handshake
        Issued newcomer = PKI.newcomer().client();
        HttpRequest request = get("/api/v1/clients/" + KantaSamples.SAMPLE_CLIENT + "/documents", TlsTestPki.CONTROLLER);
        assertThatThrownBy(() -> send(PKI.client(newcomer), request)).isInstanceOf(IOException.class);

        // when the operator adds that CA to the client trust anchors
        Files.writeString(PKI.directory().resolve("client-trust-anchors").resolve("newcomer-ca.pem"),
                CertificateIssuer.pem(PKI.newcomer().ca().certificate()));

        // then within a few reloads the handshake and the checks trust it
        HttpResponse<String> answer = await("a request with the newly trusted CA's client certificate")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> send(PKI.client(newcomer), request), Objects::nonNull);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private String handshake(int listener, String protocol, String cipher) throws Exception {
        SSLContext context = PKI.sslContext(null);
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", listener)) {
            socket.setSoTimeout(5000);
            if (protocol != null) {
                socket.setEnabledProtocols(new String[]{protocol});
                socket.setEnabledCipherSuites(new String[]{cipher});
            }
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }

    private URI uri(String path) {
        return URI.create("https://localhost:" + port + path);
    }

    private HttpRequest get(String path, String organisation) {
        return context(HttpRequest.newBuilder(uri(path)), organisation).GET().build();
    }

    private HttpRequest post(String path, String organisation, byte[] document) {
        return context(HttpRequest.newBuilder(uri(path)), organisation).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(document)).build();
    }

    private static HttpRequest.Builder context(HttpRequest.Builder request, String organisation) {
        return request.timeout(Duration.ofSeconds(60)).header("X-Organisation-Oid", organisation)
                .header("X-User-Id", "tls-test").header("X-Purpose-Of-Use", "1");
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json(response).path("code").asText()).isEqualTo(code);
    }
}
