package fi.arkisto.app.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.arkisto.app.support.TcpRelay;
import fi.arkisto.app.support.TlsTestPki;
import fi.arkisto.testkit.pki.CertificateIssuer;
import fi.arkisto.store.testsupport.ArchiveStoreTestInitializers;
import fi.arkisto.store.testsupport.KantaSamples;
import fi.arkisto.testkit.pki.TestPki.Issued;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS terminated by a reverse proxy: the server listens on every interface without TLS of its own (allowed because
 * the proxy is declared), and reads the client certificate from the proxy's header only when the TCP peer is the
 * configured proxy (here 127.0.0.2, a relay in this test), not when a client sends the header itself, even behind a
 * forwarded-for header that Tomcat's remote-IP valve believes. A forwarded certificate is checked as one from the
 * handshake is.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=0.0.0.0",
        "arkisto.security.reverse-proxy.enabled=true",
        "arkisto.security.reverse-proxy.addresses[0]=127.0.0.2",
        // the remote-IP valve trusts the loopback's forwarded-for headers: the certificate must still not be taken
        "server.forward-headers-strategy=native",
        "server.tomcat.remoteip.internal-proxies=127\\\\.0\\\\.0\\\\.\\\\d{1,3}",
        "camunda.bpm.job-execution.enabled=false",
        "logging.level.org.camunda=WARN"})
@ContextConfiguration(initializers = ArchiveStoreTestInitializers.Local.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReverseProxyTest {

    private static final TlsTestPki PKI = TlsTestPki.create();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "X-SSL-Client-Cert";

    @LocalServerPort
    int port;

    private TcpRelay proxy;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void clientCertificates(DynamicPropertyRegistry registry) throws IOException {
        registry.add("arkisto.security.client-certificates.trust-anchors",
                () -> PKI.directory().resolve("client-trust-anchors").toString());
        PKI.clientSystemRules().forEach((key, value) -> registry.add(key, () -> value));
        PKI.signatureProperties().forEach((key, value) -> registry.add(key, () -> value));
        String data = Files.createTempDirectory("arkisto-proxy-data").toString();
        registry.add("arkisto.data-dir", () -> data);
    }

    @BeforeAll
    void theProxy() throws IOException {
        // the proxy connects to the server from 127.0.0.2, the configured proxy address
        proxy = TcpRelay.from(InetAddress.getByName("127.0.0.2"), new InetSocketAddress("127.0.0.1", port));
    }

    @AfterAll
    void closeTheProxy() throws IOException {
        proxy.close();
    }

    @Test
    void aClientCertificateForwardedByTheProxyActsForItsOrganisation() throws Exception {
        String oid = KantaSamples.newOid();

        HttpResponse<String> archived = send(archive(proxy.port(), oid).header(HEADER, nginx(PKI.client())).build());
        assertThat(archived.statusCode()).as(archived.body()).isEqualTo(201);

        HttpResponse<String> read = send(request(proxy.port(), "/api/v1/documents/" + oid + "/metadata")
                .header(HEADER, nginx(PKI.client())).GET().build());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(json(read).path("documentOid").asText()).isEqualTo(oid);
    }

    @Test
    void theProxysOtherFormsOfTheHeaderAreReadToo() throws Exception {
        // HAProxy's Base64 DER
        String der = Base64.getEncoder().encodeToString(PKI.client().certificate().getEncoded());
        HttpResponse<String> fromDer = send(archive(proxy.port(), KantaSamples.newOid()).header(HEADER, der).build());
        assertThat(fromDer.statusCode()).as(fromDer.body()).isEqualTo(201);
        // Apache's PEM with its line breaks as spaces
        String pem = CertificateIssuer.pem(PKI.client().certificate()).replace("\r", "").replace("\n", " ").strip();
        HttpResponse<String> fromPem = send(archive(proxy.port(), KantaSamples.newOid()).header(HEADER, pem).build());
        assertThat(fromPem.statusCode()).as(fromPem.body()).isEqualTo(201);
    }

    @Test
    void aForwardedCertificateHeaderFromAnAddressThatIsNotAProxyIsIgnored() throws Exception {
        // a client that talks to the server directly (from 127.0.0.1) and sends a valid certificate in the header
        HttpResponse<String> direct = send(clientDocuments(port).header(HEADER, nginx(PKI.client())).build());

        assertProblem(direct, 401, "AUTHENTICATION_REQUIRED");
    }

    @Test
    void aForwardedCertificateHeaderIsIgnoredEvenWhenAForwardedForHeaderNamesTheProxy() throws Exception {
        HttpResponse<String> spoofed = send(clientDocuments(port).header(HEADER, nginx(PKI.client()))
                .header("X-Forwarded-For", "127.0.0.2").build());

        assertProblem(spoofed, 401, "AUTHENTICATION_REQUIRED");
    }

    @Test
    void forwardedCertificatesAreCheckedAsHandshakeCertificatesAre() throws Exception {
        assertProblem(viaProxy(nginx(PKI.untrustedClient())), 401, "CLIENT_CERTIFICATE_UNTRUSTED");
        assertProblem(viaProxy(nginx(PKI.expiredClient())), 401, "CLIENT_CERTIFICATE_EXPIRED");
        assertProblem(viaProxy(nginx(PKI.revokedClient())), 401, "CLIENT_CERTIFICATE_REVOKED");
        assertProblem(viaProxy(nginx(PKI.clientWithoutOrganisation())), 401, "CLIENT_CERTIFICATE_WITHOUT_ORGANISATION");
        assertProblem(viaProxy("not a certificate at all"), 400, "CLIENT_CERTIFICATE_MALFORMED");
    }

    @Test
    void aForwardedCertificateOfAnotherOrganisationCannotActForTheController() throws Exception {
        assertProblem(viaProxy(nginx(PKI.otherOrganisationClient())), 403, "ACCESS_DENIED");
    }

    @Test
    void behindTheProxyNoPasswordClientIsGeneratedAndNoneIsAccepted() throws Exception {
        HttpResponse<String> anonymous = send(clientDocuments(port).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString("arkisto:guess".getBytes(StandardCharsets.UTF_8))).build());

        assertProblem(anonymous, 401, "AUTHENTICATION_REQUIRED");
        assertThat(json(anonymous).path("detail").asText()).contains("TLS client certificate");
    }

    /** The header as nginx forwards it: {@code proxy_set_header X-SSL-Client-Cert $ssl_client_escaped_cert;}. */
    private static String nginx(Issued identity) {
        return URLEncoder.encode(CertificateIssuer.pem(identity.certificate()), StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The controller's client documents, as the proxy forwards the request with this certificate in its header. */
    private HttpResponse<String> viaProxy(String certificate) throws IOException, InterruptedException {
        return send(clientDocuments(proxy.port()).header(HEADER, certificate).build());
    }

    private HttpRequest.Builder clientDocuments(int port) {
        return request(port, "/api/v1/clients/" + KantaSamples.SAMPLE_CLIENT + "/documents").GET();
    }

    private HttpRequest.Builder archive(int port, String oid) {
        return request(port, "/api/v1/documents").header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(PKI.signed(KantaSamples.document().oid(oid))));
    }

    /** A request to the server directly ({@link #port}) or through the proxy ({@code proxy.port()}). */
    private static HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .header("X-Organisation-Oid", TlsTestPki.CONTROLLER).header("X-User-Id", "proxy-test")
                .header("X-Purpose-Of-Use", "1");
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).path("code").asText()).isEqualTo(code);
    }
}
