package fi.arkisto.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import fi.arkisto.app.citizen.CitizenTestIssuer;
import fi.arkisto.store.testsupport.ArchiveStoreTestInitializers;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.testsupport.ClientRelationshipForms;
import fi.arkisto.store.testsupport.KantaSamples;
import fi.arkisto.testkit.pki.TestPki;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import fi.arkisto.store.document.DocumentStatus;
import fi.arkisto.store.document.SignatureType;
import fi.arkisto.testkit.deployment.ExpectedDocument;
import fi.arkisto.testkit.generator.TestCaseDocuments;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.Base64;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the app's Spring tests: the whole application on a random port against a real PostgreSQL (a random
 * database on the local server) and the real S3 protocol (embedded S3), called over real HTTP. Every subclass shares this one configuration, so the
 * (slow, Camunda) context starts once per test JVM.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "arkisto.data-dir=target/unused-data-dir",
        "arkisto.api.max-document-size=256KB",
        "arkisto.camunda.admin.username=testadmin",
        "arkisto.camunda.admin.password=" + ApiIntegrationTest.CAMUNDA_ADMIN_PASSWORD,
        "arkisto.security.api-clients[0].name=" + ApiIntegrationTest.OWN_CLIENT,
        "arkisto.security.api-clients[0].password=" + ApiIntegrationTest.PASSWORD,
        "arkisto.security.api-clients[0].organisations[0]=" + ApiIntegrationTest.CONTROLLER,
        "arkisto.security.api-clients[1].name=" + ApiIntegrationTest.OTHER_CLIENT,
        "arkisto.security.api-clients[1].password=" + ApiIntegrationTest.PASSWORD,
        "arkisto.security.api-clients[1].organisations[0]=" + ApiIntegrationTest.OTHER_ORGANISATION,
        "arkisto.security.api-clients[2].name=" + ApiIntegrationTest.AUDITOR_CLIENT,
        "arkisto.security.api-clients[2].password=" + ApiIntegrationTest.PASSWORD,
        "arkisto.security.api-clients[2].organisations[0]=*",
        "arkisto.security.api-clients[2].auditor=true",
        "arkisto.security.api-clients[3].name=" + ApiIntegrationTest.ANY_ORGANISATION_CLIENT,
        "arkisto.security.api-clients[3].password=" + ApiIntegrationTest.PASSWORD,
        "arkisto.security.api-clients[3].organisations[0]=*",
        "arkisto.security.monitoring.name=" + ApiIntegrationTest.MONITORING_USER,
        "arkisto.security.monitoring.password=" + ApiIntegrationTest.MONITORING_PASSWORD,
        // The real sample was signed 2026-07-17 by a certificate that expired 2026-10-09; sent today it is, by the
        // default arrival window (P7D), a signature that claims a time its certificate no longer vouches for. The
        // tests send it as if it had just been signed; the rule itself is tested in archive-store (docs/trust.md).
        "arkisto.signature.arrival-window=P3650D",
        "arkisto.workflows.users[0].id=" + ApiIntegrationTest.COORDINATOR,
        "arkisto.workflows.users[0].password=" + ApiIntegrationTest.PASSWORD,
        "arkisto.workflows.users[0].groups[0]=kela-coordinators",
        "arkisto.workflows.users[1].id=" + ApiIntegrationTest.ARCHIVIST,
        "arkisto.workflows.users[1].password=" + ApiIntegrationTest.PASSWORD,
        "arkisto.workflows.users[1].groups[0]=kanta-archivists",
        "arkisto.workflows.users[2].id=" + ApiIntegrationTest.DEPLOYMENT_LEAD,
        "arkisto.workflows.users[2].password=" + ApiIntegrationTest.PASSWORD,
        "arkisto.workflows.users[2].groups[0]=deployment-leads",
        "arkisto.workflows.users[3].id=" + ApiIntegrationTest.OPERATOR,
        "arkisto.workflows.users[3].password=" + ApiIntegrationTest.PASSWORD,
        "arkisto.workflows.users[3].groups[0]=archive-operators",
        // deployment leads of one organisation each (docs/workflows.md, "People and groups")
        "arkisto.workflows.users[4].id=" + ApiIntegrationTest.LEAD_OF_OLD,
        "arkisto.workflows.users[4].password=" + ApiIntegrationTest.PASSWORD,
        "arkisto.workflows.users[4].groups[0]=deployment-leads",
        "arkisto.workflows.users[4].organisations[0]=" + ApiIntegrationTest.LED_OLD_CONTROLLER,
        "arkisto.workflows.users[5].id=" + ApiIntegrationTest.LEAD_OF_NEW,
        "arkisto.workflows.users[5].password=" + ApiIntegrationTest.PASSWORD,
        "arkisto.workflows.users[5].groups[0]=deployment-leads",
        "arkisto.workflows.users[5].organisations[0]=" + ApiIntegrationTest.LED_NEW_CONTROLLER,
        "arkisto.workflows.users[6].id=" + ApiIntegrationTest.LEAD_OF_THIRD,
        "arkisto.workflows.users[6].password=" + ApiIntegrationTest.PASSWORD,
        "arkisto.workflows.users[6].groups[0]=deployment-leads",
        "arkisto.workflows.users[6].organisations[0]=" + ApiIntegrationTest.LED_THIRD_ORGANISATION,
        // a controller that has not begun its stage-2 use: whatever it archives is a stage-1 document
        "arkisto.access.stage-two.start-days[" + ApiIntegrationTest.STAGE_ONE_CONTROLLER + "]=2999-12-31",
        // registers the citizen's view hides as payment commitments and as prevention of intimate-partner violence
        // (their codes are the operator's to set; shelter services keep the default, THL's register)
        "arkisto.access.citizen.payment-commitments.controllers[0]=" + ApiIntegrationTest.PAYMENT_COMMITMENT_CONTROLLER,
        "arkisto.access.citizen.intimate-partner-violence.controllers[0]="
                + ApiIntegrationTest.INTIMATE_PARTNER_VIOLENCE_CONTROLLER,
        "camunda.bpm.job-execution.enabled=false",
        "logging.level.org.camunda=WARN"})
@ContextConfiguration(initializers = ArchiveStoreTestInitializers.Local.class)
// where test classes run in parallel (the failsafe ITs), those of this one application run one at a time
@ResourceLock(ApiIntegrationTest.APPLICATION)
public abstract class ApiIntegrationTest {

    /** The lock of the one application the subclasses share ({@link ResourceLock}). */
    public static final String APPLICATION = "fi.arkisto.app.support.ApiIntegrationTest";

    /** The controller (custodian) of the real sample document. */
    public static final String CONTROLLER = KantaSamples.SAMPLE_CONTROLLER;
    /** A controller whose stage-2 start day is far ahead (arkisto.access.stage-two.start-days): its documents are stage 1. */
    public static final String STAGE_ONE_CONTROLLER = "1.2.246.10.99999901.10.0";
    /** A register whose documents the test context's citizen's view hides as payment commitments. */
    public static final String PAYMENT_COMMITMENT_CONTROLLER = "1.2.246.10.99999902.10.0";
    /** A register whose documents the test context's citizen's view hides as prevention of intimate-partner violence. */
    public static final String INTIMATE_PARTNER_VIOLENCE_CONTROLLER = "1.2.246.10.99999903.10.0";
    public static final String OTHER_ORGANISATION = "1.2.246.10.1246109.10.0";
    public static final String OWN_CLIENT = "own-cis";
    public static final String OTHER_CLIENT = "other-cis";
    public static final String AUDITOR_CLIENT = "auditor";
    /** A client system registered for every organisation: tests give each test organisations of its own. */
    public static final String ANY_ORGANISATION_CLIENT = "any-cis";
    public static final String PASSWORD = "test-only-password-1";
    public static final String CAMUNDA_ADMIN_PASSWORD = "camunda-test-password";
    public static final String MONITORING_USER = "test-scraper";
    public static final String MONITORING_PASSWORD = "test-only-scrape-password";
    /** The password of the PKCS#12 key stores of the test PKI ({@link #systemKeystore()}). */
    public static final String PKI_PASSWORD = "test-only-signer-password";
    public static final String COORDINATOR = "coordinator-1";
    public static final String ARCHIVIST = "archivist-1";
    public static final String DEPLOYMENT_LEAD = "lead-1";
    public static final String OPERATOR = "operator-1";
    /** Deployment leads configured for one organisation each (only the controller change tests use these OIDs). */
    public static final String LEAD_OF_OLD = "lead-of-old";
    public static final String LEAD_OF_NEW = "lead-of-new";
    public static final String LEAD_OF_THIRD = "lead-of-third";
    public static final String LED_OLD_CONTROLLER = "1.2.246.10.99999911.10.0";
    public static final String LED_NEW_CONTROLLER = "1.2.246.10.99999912.10.0";
    public static final String LED_THIRD_ORGANISATION = "1.2.246.10.99999913.10.0";
    /** The test PKI's keystore password, as the system signer reads it (by the name of its "environment variable"). */
    private static final String SIGNER_PASSWORD_PROPERTY = "ARKISTO_TEST_SIGNER_PASSWORD";
    private static final String SIGNER_PASSWORD = PKI_PASSWORD;
    public static final String SAMPLE_OID = KantaSamples.SAMPLE_OID;
    public static final String SAMPLE_CLIENT = KantaSamples.SAMPLE_CLIENT;

    protected static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SIGNATURE_COLLECTION =
            Pattern.compile("<signatureCollection xmlns=\"urn:hl7finland\">.*?</signatureCollection>", Pattern.DOTALL);
    private static final TestPki PKI = TestPki.create(Oid.of(CONTROLLER), "Vantaan ja Keravan hyvinvointialue", 1, Instant.now());
    private static final Path PKI_DIRECTORY = writePki();
    private static final Path TRUST_ANCHORS = PKI_DIRECTORY.resolve("trust-anchors");
    /** The issuer of citizens' bearer tokens the test context trusts (arkisto.citizen.jwk-set-file). */
    protected static final CitizenTestIssuer CITIZEN_ISSUER = CitizenTestIssuer.openOrCreate(
            PKI_DIRECTORY.resolve("citizen-issuer"));
    /** The claim in which the test issuer vouches for a guardian's minors (arkisto.citizen.guardian-of-claim). */
    protected static final String GUARDIAN_OF_CLAIM = "urn:arkisto:test:guardian-of";
    /** The {@code iss} the test context requires of citizens' tokens (arkisto.citizen.issuer). */
    protected static final String CITIZEN_ISSUER_NAME = "urn:arkisto:test:citizen-issuer";
    /** Whether this JVM's database holds the real sample ({@link #sampleIsArchived()}). */
    private static boolean sampleArchived;
    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    protected URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A request as the client system registered for the sample's controller, with a complete request context. */
    protected HttpRequest.Builder asOwnClient(String path) {
        return withContext(authenticated(path, OWN_CLIENT), CONTROLLER);
    }

    /** A request as a client system acting for the organisation, with a complete request context (use context 1). */
    protected HttpRequest.Builder asOrganisation(String path, String organisation) {
        return withContext(authenticated(path, ANY_ORGANISATION_CLIENT), organisation);
    }

    /** A fresh organisation OID {@code 1.2.246.10.<business id>.10.0} that no other test uses. */
    public static String newOrganisation() {
        return "1.2.246.10." + (10_000_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(89_999_999))
                + ".10.0";
    }

    /** A unit {@code n} of the organisation, {@code 1.2.246.10.<business id>.10.<n>}. */
    public static String unitOf(String organisation, int n) {
        return organisation.substring(0, organisation.length() - 1) + n;
    }

    /**
     * The system signature of the organisation's client information system, certified by the test PKI's CA (the
     * archive takes a system signature only from the register's controller or one acting for it).
     */
    public static java.util.function.UnaryOperator<byte[]> systemSignerFor(String organisation) {
        return PKI.systemSignerFor(Oid.of(organisation), "Organisaatio " + organisation, Clock.systemUTC())::sign;
    }

    /** A document derived from the sample, signed by its controller's own client information system. */
    public static byte[] signedFor(String organisation, KantaSamples.Builder derived) {
        return signedBy(organisation, derived.build());
    }

    /**
     * The document signed anew by the organisation's client information system, any signature it had removed (a
     * provider's system signing the organiser's document under a register access right, docs/trust.md).
     */
    public static byte[] signedBy(String organisation, byte[] xml) {
        String unsigned = SIGNATURE_COLLECTION.matcher(new String(xml, StandardCharsets.UTF_8)).replaceFirst("");
        return systemSignerFor(organisation).apply(unsigned.getBytes(StandardCharsets.UTF_8));
    }

    /** The professional signature of the test PKI (decisions and statements need one). */
    public static java.util.function.UnaryOperator<byte[]> professionalSigner() {
        return PKI.professionalSigner(0, Clock.systemUTC())::sign;
    }

    protected HttpRequest.Builder authenticated(String path, String client) {
        return HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", basic(client, PASSWORD));
    }

    protected static HttpRequest.Builder withContext(HttpRequest.Builder request, String organisation) {
        return request.header("X-Organisation-Oid", organisation)
                .header("X-User-Id", "test-professional")
                .header("X-Purpose-Of-Use", "1");
    }

    protected static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    protected HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<byte[]> archive(byte[] cda) {
        return send(asOwnClient("/api/v1/documents").header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(cda)).build());
    }

    /**
     * Archives, as the organiser, a signed client relationship document of the organiser for the client: its own
     * relationship from {@code start} to {@code end} (null: goes on) in service task 24, with the provider entries
     * given; answers the document's OID.
     */
    protected String archiveClientRelationship(String organiser, String client, java.time.LocalDate start,
                                               java.time.LocalDate end, ClientRelationshipForms.Provider... providers) {
        KantaSamples.Builder document = derivedDocument().client(client).controller(organiser).structuredForm(form -> {
            ClientRelationshipForms.relationship(form, start, end);
            ClientRelationshipForms.providers(form, "24", providers);
        });
        HttpResponse<byte[]> archived = send(asOrganisation("/api/v1/documents", organiser)
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(signedFor(organiser, document))).build());
        assertThat(archived.statusCode()).as(text(archived)).isEqualTo(201);
        return document.oidValue();
    }

    /** POSTs the JSON body as the organisation. */
    /**
     * Archives, as the organiser, its client report of the client in service task 24 (document group 3, general type 4)
     * and an old document (group 4), as the test kit's client information system writes them; answers their OIDs.
     */
    protected List<String> archiveReportAndOldDocument(String organiser, String client) {
        List<ExpectedDocument> items = List.of(
                new ExpectedDocument("report", "Asiakaskertomus", "Client report", "3", "4", 1, DocumentStatus.ACTIVE,
                        SignatureType.SYSTEM, true),
                new ExpectedDocument("old", "Vanha asiakirja", "Old document", "4", "9", 1, DocumentStatus.ACTIVE,
                        SignatureType.SYSTEM, false));
        List<TestCaseDocuments.TestCaseDocument> documents = TestCaseDocuments.write(items, new TestCaseDocuments.Options(
                Oid.of(organiser), "Organisaatio " + organiser, client, LocalDate.now(ZoneId.of("Europe/Helsinki")),
                ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), systemSignerFor(organiser), null));
        for (TestCaseDocuments.TestCaseDocument document : documents) {
            HttpResponse<byte[]> archived = send(asOrganisation("/api/v1/documents", organiser)
                    .header("Content-Type", "application/xml")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(document.xml())).build());
            assertThat(archived.statusCode()).as(document.key() + ": " + text(archived)).isEqualTo(201);
        }
        return documents.stream().map(TestCaseDocuments.TestCaseDocument::documentOid).toList();
    }

    protected HttpResponse<byte[]> postJson(String path, String organisation, String json) {
        return send(asOrganisation(path, organisation).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** GETs the path as the organisation. */
    protected HttpResponse<byte[]> getAs(String path, String organisation) {
        return send(asOrganisation(path, organisation).GET().build());
    }

    /**
     * Archives the real sample once per test JVM, as its first archiving: exactly 201 with a Location at it. The
     * sample's OID is fixed and the database is the JVM's ({@code ArchiveStoreTestEnvironment.local()}), so every
     * test that needs the sample archived asks here and no test archives it otherwise.
     */
    protected void sampleIsArchived() {
        synchronized (ApiIntegrationTest.class) {
            if (sampleArchived) {
                return;
            }
            HttpResponse<byte[]> response = archive(sample());
            assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
            assertThat(response.headers().firstValue("Location")).hasValue(uri("/api/v1/documents/" + SAMPLE_OID).toString());
            sampleArchived = true;
        }
    }

    protected static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + text(response), e);
        }
    }

    protected static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    /** Asserts an RFC 9457 problem with the stable code and the status of that code. */
    protected static JsonNode assertProblem(HttpResponse<byte[]> response, int status, String code) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.path("code").asText()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("title").asText()).isNotBlank();
        return problem;
    }

    public static byte[] sample() {
        return KantaSamples.realSample();
    }

    /**
     * A document derived from the sample (same client and controller, new OID), signed anew as a client
     * information system of the controller would: the sample's own signature no longer holds for it.
     */
    public static byte[] signed(KantaSamples.Builder derived) {
        String xml = new String(derived.build(), StandardCharsets.UTF_8);
        String unsigned = SIGNATURE_COLLECTION.matcher(xml).replaceFirst("");
        return PKI.systemSigner(Clock.systemUTC()).sign(unsigned.getBytes(StandardCharsets.UTF_8));
    }

    /** The test PKI of the sample's controller (the trust anchors of the test context hold its CA). */
    protected static TestPki testPki() {
        return PKI;
    }

    /** A builder of documents derived from the sample; sign them with {@link #signed}. */
    public static KantaSamples.Builder derivedDocument() {
        return KantaSamples.document();
    }

    /**
     * Trust anchors of the test context: the real sample's system certificate (pinned) and the CA of a test
     * PKI of the sample's controller, which signs the derived documents; that PKI's system certificate is the
     * archive's system signer (legacy migrations sign with it).
     */
    @DynamicPropertySource
    static void trustAnchors(DynamicPropertyRegistry registry) {
        signatureProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("arkisto.citizen.jwk-set-file", () -> CITIZEN_ISSUER.jwkSetFile().toString());
        registry.add("arkisto.citizen.issuer", () -> CITIZEN_ISSUER_NAME);
        registry.add("arkisto.citizen.guardian-of-claim", () -> GUARDIAN_OF_CLAIM);
    }

    /** A citizen's request with a bearer token of the trusted test issuer for the (test) identity code, valid 10 minutes. */
    protected HttpRequest.Builder asCitizen(String path, String identityCode) {
        return withBearer(path, CITIZEN_ISSUER.token("urn:oid:1.2.246.21", identityCode, CITIZEN_ISSUER_NAME,
                Instant.now(), Duration.ofMinutes(10)));
    }

    protected HttpRequest.Builder withBearer(String path, String token) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token);
    }

    /**
     * The signature settings of the test context ({@link #trustAnchors}), for a harness that starts the application
     * itself and sends documents made by {@link #signedFor}.
     */
    public static java.util.Map<String, String> signatureProperties() {
        return java.util.Map.of(
                "arkisto.signature.trust-anchors", TRUST_ANCHORS.toString(),
                "arkisto.signature.system-signer.keystore", PKI_DIRECTORY.resolve("system.p12").toString(),
                "arkisto.signature.system-signer.password-env", SIGNER_PASSWORD_PROPERTY,
                SIGNER_PASSWORD_PROPERTY, SIGNER_PASSWORD);
    }

    /** The PKCS#12 system key of the test PKI whose CA is a trust anchor of the test context (password {@link #PKI_PASSWORD}). */
    protected static Path systemKeystore() {
        return PKI_DIRECTORY.resolve("system.p12");
    }

    private static Path writePki() {
        try {
            Path directory = Files.createTempDirectory("arkisto-app-pki");
            PKI.writeTo(directory, SIGNER_PASSWORD.toCharArray());
            Path anchors = directory.resolve("trust-anchors");
            try (InputStream sampleCertificate = ApiIntegrationTest.class.getResourceAsStream(
                    "/signature/anchors/kanta-sample-system-certificate.pem")) {
                assertThat(sampleCertificate).as("the sample's certificate from archive-store's test resources").isNotNull();
                Files.copy(sampleCertificate, anchors.resolve("kanta-sample-system-certificate.pem"));
            }
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
