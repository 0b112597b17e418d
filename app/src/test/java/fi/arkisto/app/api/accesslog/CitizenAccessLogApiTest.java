package fi.arkisto.app.api.accesslog;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.citizen.CitizenTestIssuer;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.audit.AuditEvent;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.document.DocumentStatus;
import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.testsupport.KantaSamples;
import fi.arkisto.testkit.deployment.ExpectedDocument;
import fi.arkisto.testkit.generator.TestCaseDocuments;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The citizen's own log extract through HTTP (docs/access.md, "The citizen's access log"): signed test documents read
 * by their controller and by another controller under sharing, the citizen's bearer token of the trusted test issuer,
 * each test with its own citizens and organisations.
 */
class CitizenAccessLogApiTest extends ApiIntegrationTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Helsinki"));
    private static final LocalDate JANUARY = LocalDate.of(2026, 1, 1);
    private static final String SHARING = "2";
    private static final String CLAIM = "urn:oid:1.2.246.21";
    private static final String PATH = "/api/v1/citizen/access-log";

    @Autowired
    AuditLog audit;

    /** Archives, as the organiser, its signed client report of the client in service task 24; answers its OID. */
    private String archiveReport(String organiser, String client) {
        ExpectedDocument report = new ExpectedDocument("report", "Asiakaskertomus", "Client report", "3", "4", 1,
                DocumentStatus.ACTIVE, SignatureType.SYSTEM, true);
        TestCaseDocuments.TestCaseDocument document = TestCaseDocuments.write(List.of(report),
                new TestCaseDocuments.Options(Oid.of(organiser), "Organisaatio " + organiser, client, TODAY,
                        ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE), systemSignerFor(organiser), null))
                .get(0);
        HttpResponse<byte[]> archived = send(asOrganisation("/api/v1/documents", organiser)
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(document.xml())).build());
        assertThat(archived.statusCode()).as(text(archived)).isEqualTo(201);
        return document.documentOid();
    }

    private void ok(HttpResponse<byte[]> response, int status) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
    }

    private void readMetadata(String document, String organisation, String useContext, String professional) {
        ok(send(asOrganisation("/api/v1/documents/" + document + "/metadata", organisation)
                .setHeader("X-Purpose-Of-Use", useContext).setHeader("X-User-Id", professional).GET().build()), 200);
    }

    private static List<JsonNode> entries(JsonNode extract) {
        List<JsonNode> entries = new ArrayList<>();
        extract.path("entries").forEach(entries::add);
        return entries;
    }

    @Test
    void theLogListsEveryUseAndDisclosureOfTheCitizensDataNewestFirstByOrganisationWithItsBasis() {
        // given the organiser's report of the citizen, and a second controller serving the citizen under informing
        // and consent; another client's report in the same register
        String organiser = newOrganisation();
        String second = newOrganisation();
        String citizen = KantaSamples.newTestIdentityCode();
        String otherClient = KantaSamples.newTestIdentityCode();
        archiveClientRelationship(organiser, citizen, JANUARY, null);
        String report = archiveReport(organiser, citizen);
        String othersReport = archiveReport(organiser, otherClient);
        ok(postJson("/api/v1/clients/" + citizen + "/informing", organiser, "{}"), 201);
        ok(postJson("/api/v1/clients/" + citizen + "/consents", organiser, "{}"), 201);
        archiveClientRelationship(second, citizen, JANUARY, null);

        // when the organiser's worker and the second controller's worker read the report, the organiser reads the
        // other client's, and the citizen reads their own documents
        readMetadata(report, organiser, "1", "worker-of-organiser");
        readMetadata(report, second, SHARING, "worker-of-second");
        readMetadata(othersReport, organiser, "1", "worker-of-organiser");
        ok(send(asCitizen("/api/v1/citizen/documents", citizen).GET().build()), 200);
        ok(send(asCitizen("/api/v1/citizen/documents/" + report + "/display", citizen).GET().build()), 200);
        HttpResponse<byte[]> answer = send(asCitizen(PATH, citizen).GET().build());

        // then the citizen's log holds every successful use by an organisation the audit trail holds, newest first
        ok(answer, 200);
        JsonNode extract = json(answer);
        List<JsonNode> entries = entries(extract);
        List<AuditEvent> organisationsUses = audit.eventsForClient(citizen).stream()
                .filter(e -> e.outcome().equals("SUCCESS") && !e.organisation().equals("1.2.246.21")).toList();
        assertThat(entries).extracting(e -> e.path("operation").asText(), e -> e.path("organisation").asText(),
                        e -> e.path("documentOid").asText())
                .containsExactlyInAnyOrderElementsOf(organisationsUses.stream().map(e -> Tuple.tuple(e.operation(),
                        e.organisation(), e.documentOid() == null ? "" : e.documentOid())).toList());
        assertThat(entries).extracting(e -> Instant.parse(e.path("occurredAt").asText()))
                .isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(extract.path("total").asLong()).isEqualTo(entries.size());
        // each read of the report with its organisation, use context, kind and basis, newest first
        assertThat(entries.stream().filter(e -> e.path("operation").asText().equals("READ_METADATA")))
                .extracting(e -> e.path("organisation").asText(), e -> e.path("useContext").asText(),
                        e -> e.path("documentOid").asText(), e -> e.path("register").asText(),
                        e -> e.path("kind").asText(), e -> e.path("basis").asText())
                .containsExactly(
                        Tuple.tuple(second, SHARING, report, organiser, "DISCLOSURE", "SHARING_WITH_CONSENT"),
                        Tuple.tuple(organiser, "1", report, organiser, "USE", "OWN_REGISTER"));
        assertThat(entries).extracting(e -> e.path("operation").asText()).contains("ARCHIVE", "RECORD_INFORMING",
                "RECORD_CONSENT");
        // the professionals are the controllers' to name, the citizen's own reads are not listed, nor another client's
        assertThat(extract.path("professionalsNamed").asBoolean()).isFalse();
        assertThat(extract.path("ownUseListed").asBoolean()).isFalse();
        assertThat(entries).allSatisfy(e -> assertThat(e.hasNonNull("professional")).isFalse());
        assertThat(answer.body()).asString().doesNotContain("worker-of-");
        assertThat(entries).noneSatisfy(e -> assertThat(e.path("documentOid").asText()).isEqualTo(othersReport));
        assertThat(extract.path("from").asText()).isEqualTo(TODAY.minusYears(2).toString());
        assertThat(extract.path("to").asText()).isEqualTo(TODAY.toString());

        // and reading the log is audited as the citizen's own use, which the next reading does not list
        assertThat(audit.eventsForClient(citizen)).filteredOn(e -> e.operation().equals("READ_ACCESS_LOG"))
                .singleElement().satisfies(e -> {
                    assertThat(e.organisation()).isEqualTo("1.2.246.21");
                    assertThat(e.userId()).isEqualTo(citizen);
                    assertThat(e.purposeOfUse()).isEqualTo("CITIZEN_OWN");
                });
        JsonNode again = json(send(asCitizen(PATH + "?size=2", citizen).GET().build()));
        assertThat(again.path("total").asLong()).isEqualTo(entries.size());
        assertThat(again.path("entries")).hasSize(2);
        assertThat(again.path("totalPages").asLong()).isEqualTo((entries.size() + 1) / 2);
    }

    @Test
    void tokensThatDoNotAuthenticateACitizenAreRefusedWithTheirCodesAndNothingIsRead(@TempDir Path otherKeys) {
        // given a citizen whose document its controller has read
        String organiser = newOrganisation();
        String citizen = KantaSamples.newTestIdentityCode();
        archiveClientRelationship(organiser, citizen, JANUARY, null);
        int before = audit.eventsForClient(citizen).size();
        Instant now = Instant.now();

        // when / then a token of another key, of another issuer, an expired one and one without the claim are refused
        assertProblem(send(withBearer(PATH, CitizenTestIssuer.openOrCreate(otherKeys).token(CLAIM, citizen,
                CITIZEN_ISSUER_NAME, now, Duration.ofMinutes(10))).GET().build()), 401, "CITIZEN_TOKEN_INVALID");
        assertProblem(send(withBearer(PATH, CITIZEN_ISSUER.token(CLAIM, citizen, "urn:someone-else", now,
                Duration.ofMinutes(10))).GET().build()), 401, "CITIZEN_TOKEN_INVALID");
        assertProblem(send(withBearer(PATH, CITIZEN_ISSUER.token(CLAIM, citizen, CITIZEN_ISSUER_NAME,
                now.minus(Duration.ofHours(2)), Duration.ofMinutes(10))).GET().build()), 401, "CITIZEN_TOKEN_EXPIRED");
        assertProblem(send(withBearer(PATH, CITIZEN_ISSUER.token("hetu", citizen, CITIZEN_ISSUER_NAME, now,
                Duration.ofMinutes(10))).GET().build()), 401, "CITIZEN_IDENTITY_CLAIM_MISSING");
        assertProblem(send(HttpRequest.newBuilder(uri(PATH)).header("Authorization", basic(OWN_CLIENT, PASSWORD))
                .GET().build()), 401, "CITIZEN_TOKEN_MISSING");

        // and no log was read: nothing audited
        assertThat(audit.eventsForClient(citizen)).hasSize(before);
    }

    @Test
    void badPeriodsAndPagesAreRefusedWithTheirCodesAndAuditNothing() {
        String citizen = KantaSamples.newTestIdentityCode();

        assertProblem(send(asCitizen(PATH + "?from=" + TODAY + "&to=" + TODAY.minusDays(1), citizen).GET().build()),
                400, "INVALID_REQUEST");
        assertProblem(send(asCitizen(PATH + "?from=" + TODAY.minusYears(3), citizen).GET().build()), 400,
                "CITIZEN_ACCESS_LOG_TOO_OLD");
        assertProblem(send(asCitizen(PATH + "?size=0", citizen).GET().build()), 400, "INVALID_REQUEST");
        assertProblem(send(asCitizen(PATH + "?from=yesterday", citizen).GET().build()), 400, "INVALID_REQUEST");

        assertThat(audit.eventsForClient(citizen)).isEmpty();
    }
}
