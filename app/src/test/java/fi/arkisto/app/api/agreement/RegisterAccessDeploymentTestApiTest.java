package fi.arkisto.app.api.agreement;

import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.audit.AuditEvent;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.deploymenttest.Arrival;
import fi.arkisto.store.deploymenttest.TestRun;
import fi.arkisto.store.deploymenttest.TestRunLedger;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.organisation.OrganisationRegistry;
import fi.arkisto.store.testsupport.ClientRelationshipForms.Provider;
import fi.arkisto.store.testsupport.KantaSamples;
import fi.arkisto.testkit.deployment.TestCaseCatalogue;
import fi.arkisto.testkit.deployment.VerificationFindings;
import fi.arkisto.testkit.generator.TestCaseDocuments;
import fi.arkisto.workflows.deploymenttest.DeploymentTestService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The register access right in its deployment test through the running application (docs/access.md, "The register
 * access right in its deployment test"): while the window of the organiser's and the provider's test is open, the
 * provider's own client information system archives the test case's document into the organiser's register and reads
 * it back, with no agreement; the verifier counts it; once the window has closed the provider is refused with its own
 * code, and another provider, or a real identity code, never had the right.
 */
class RegisterAccessDeploymentTestApiTest extends ApiIntegrationTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Helsinki"));
    private static final LocalDate FROM = TODAY.minusDays(7);
    /** The unit the generator names for an organisation's documents (TestCaseDocuments). */
    private static final int GENERATED_UNIT = 2001001;
    /** A valid code with individual number 308: a real person's kind of code (never used as data: only refused). */
    private static final String REAL_CODE = "131052-308T";

    @Autowired
    OrganisationRegistry registry;
    @Autowired
    TestRunLedger ledger;
    @Autowired
    DeploymentTestService deploymentTests;
    @Autowired
    AuditLog audit;

    @Test
    void whileTheWindowIsOpenTheProvidersOwnSystemArchivesTheTestCaseIntoTheOrganisersRegisterAndAfterItIsRefused() {
        // given an organiser and a provider with no agreement, a register access right test of the two in its window
        // with a test identity code handed out, and the organiser's client relationship document naming the
        // provider's unit for that client
        String organiser = joinedOrganisation();
        String provider = joinedOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        TestRun run = openRun(organiser, provider, client);
        archiveClientRelationship(organiser, client, FROM, null, new Provider(unitOf(provider, GENERATED_UNIT), FROM, null));
        TestCaseDocuments.TestCaseDocument document = providersTestDocument(organiser, provider, client);
        String metadata = "/api/v1/documents/" + document.documentOid() + "/metadata";

        // when the provider's own system archives the test case's client document into the organiser's register
        HttpResponse<byte[]> archived = archive(provider, signedBy(provider, xmlOfProvider(document, organiser, provider)));

        // then it is archived into the organiser's register on the deployment test's basis, and so audited
        assertThat(archived.statusCode()).as(text(archived)).isEqualTo(201);
        assertThat(events(document.documentOid(), "ARCHIVE")).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("SUCCESS");
            assertThat(e.organisation()).isEqualTo(provider);
            assertThat(e.detail()).contains("basis DEPLOYMENT_TEST_REGISTER_ACCESS (register access right deployment "
                    + "test window open in the register of " + organiser + ", service task 24, test identity code)");
        });

        // and the provider reads it back on the same basis
        HttpResponse<byte[]> read = getAs(metadata, provider);
        assertThat(read.statusCode()).as(text(read)).isEqualTo(200);
        assertThat(json(read).path("controllerOid").asText()).isEqualTo(organiser);
        assertThat(events(document.documentOid(), "READ_METADATA")).singleElement().satisfies(e -> {
            assertThat(e.organisation()).isEqualTo(provider);
            assertThat(e.outcome()).isEqualTo("SUCCESS");
            assertThat(e.detail()).contains("basis DEPLOYMENT_TEST_REGISTER_ACCESS");
        });

        // and its list of the client's documents reaches the organiser's register on the same basis
        HttpResponse<byte[]> listed = getAs("/api/v1/clients/" + client + "/documents", provider);
        assertThat(listed.statusCode()).as(text(listed)).isEqualTo(200);
        assertThat(json(listed).path("items")).anySatisfy(item -> {
            assertThat(item.path("documentOid").asText()).isEqualTo(document.documentOid());
            assertThat(item.path("basis").asText()).isEqualTo("DEPLOYMENT_TEST_REGISTER_ACCESS");
        });

        // when the window closes and the verifier compares what arrived with the test case
        VerificationFindings findings = deploymentTests.closeAndVerify(run.id());

        // then the provider's document is the test case's provider item, and the test passed
        assertThat(findings.items()).filteredOn(i -> i.key().equals(TestCaseCatalogue.PROVIDER_CASE_DOCUMENT))
                .singleElement().satisfies(i -> {
                    assertThat(i.documentOid()).isEqualTo(document.documentOid());
                    assertThat(i.ok()).as(i.findings().toString()).isTrue();
                });
        assertThat(findings.passed()).as(findings.summary()).isTrue();

        // and from now on the provider is refused, reading and archiving, with the test's own code, and lists nothing
        assertProblem(getAs(metadata, provider), 403, "REGISTER_ACCESS_TEST_WINDOW_NOT_OPEN");
        HttpResponse<byte[]> unlisted = getAs("/api/v1/clients/" + client + "/documents", provider);
        assertThat(unlisted.statusCode()).as(text(unlisted)).isEqualTo(200);
        assertThat(json(unlisted).path("items")).isEmpty();
        TestCaseDocuments.TestCaseDocument late = providersTestDocument(organiser, provider, client);
        assertProblem(archive(provider, signedBy(provider, xmlOfProvider(late, organiser, provider))), 403,
                "REGISTER_ACCESS_TEST_WINDOW_NOT_OPEN");
        assertThat(events(late.documentOid(), "ARCHIVE")).singleElement().satisfies(e -> assertThat(e.detail())
                .startsWith("REGISTER_ACCESS_TEST_WINDOW_NOT_OPEN: "));

        // and the organiser's own use of its register is unchanged
        HttpResponse<byte[]> own = getAs(metadata, organiser);
        assertThat(own.statusCode()).as(text(own)).isEqualTo(200);
    }

    @Test
    void duringTheWindowAnotherProviderAndARealIdentityCodeAreRefusedAndNothingIsArchived() {
        // given the two's test in its window, and the organiser's test client placed with the provider and with
        // another provider that has no part in the test
        String organiser = joinedOrganisation();
        String provider = joinedOrganisation();
        String otherProvider = joinedOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        TestRun run = openRun(organiser, provider, client);
        archiveClientRelationship(organiser, client, FROM, null,
                new Provider(unitOf(provider, GENERATED_UNIT), FROM, null),
                new Provider(unitOf(otherProvider, GENERATED_UNIT), FROM, null));

        // when the other provider archives the test client's document into the organiser's register
        TestCaseDocuments.TestCaseDocument others = providersTestDocument(organiser, otherProvider, client);
        HttpResponse<byte[]> byOther = archive(otherProvider, signedBy(otherProvider,
                xmlOfProvider(others, organiser, otherProvider)));

        // then it has no right: the test is not its, and it has no agreement
        assertProblem(byOther, 403, "REGISTER_ACCESS_AGREEMENT_MISSING");

        // when the provider's system archives a document of a real identity code into the organiser's register
        // (the test kit writes test identity codes only: the client's code is then swapped for the real one)
        TestCaseDocuments.TestCaseDocument real = providersTestDocument(organiser, provider, client);
        byte[] realClient = new String(xmlOfProvider(real, organiser, provider), StandardCharsets.UTF_8)
                .replace(client, REAL_CODE).getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> refused = archive(provider, signedBy(provider, realClient));

        // then it is refused, recorded with the run as refused, and the organiser's register holds neither
        assertProblem(refused, 422, "REAL_IDENTITY_CODE_IN_TEST");
        assertThat(ledger.arrivals(run.id(), run.attempt())).filteredOn(a -> a.documentOid().equals(real.documentOid()))
                .singleElement().extracting(Arrival::refusalCode).isEqualTo("REAL_IDENTITY_CODE_IN_TEST");
        for (String oid : List.of(others.documentOid(), real.documentOid())) {
            assertProblem(getAs("/api/v1/documents/" + oid + "/metadata", organiser), 404, "DOCUMENT_NOT_FOUND");
        }
    }

    // ---- steps ------------------------------------------------------------------------------

    /** A register access right test of the organiser with the provider as partner, its window open now. */
    private TestRun openRun(String organiser, String provider, String client) {
        TestRun run = RegisterAccessParties.registerTest(registry, ledger, organiser, provider, TODAY);
        ledger.schedule(run.id(), Instant.now(), Instant.now().plusSeconds(3600), List.of(client));
        return deploymentTests.open(run.id());
    }

    /** An organisation in the registry with the register access right planned and its own client system. */
    private String joinedOrganisation() {
        return RegisterAccessParties.joined(registry, newOrganisation());
    }

    /** The test case's client document recorded by the provider (custodian the organiser), as the test kit writes it. */
    private static TestCaseDocuments.TestCaseDocument providersTestDocument(String organiser, String provider, String client) {
        return TestCaseDocuments.write(List.of(TestCaseCatalogue.item(TestCaseCatalogue.PROVIDER_CASE_DOCUMENT)),
                new TestCaseDocuments.Options(Oid.of(organiser), "Organisaatio " + organiser, client, TODAY,
                        ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), bytes -> bytes, null)).get(0);
    }

    /** The document produced in the provider's unit, so the author's organisation is the provider's. */
    private static byte[] xmlOfProvider(TestCaseDocuments.TestCaseDocument document, String organiser, String provider) {
        return new String(document.xml(), StandardCharsets.UTF_8)
                .replace(unitOf(organiser, GENERATED_UNIT), unitOf(provider, GENERATED_UNIT))
                .getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<byte[]> archive(String organisation, byte[] signed) {
        return send(asOrganisation("/api/v1/documents", organisation).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(signed)).build());
    }

    private List<AuditEvent> events(String oid, String operation) {
        return audit.eventsForDocument(oid).stream().filter(e -> e.operation().equals(operation)).toList();
    }
}
