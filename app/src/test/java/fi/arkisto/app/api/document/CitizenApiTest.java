package fi.arkisto.app.api.document;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.citizen.CitizenTestIssuer;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.audit.AuditEvent;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The citizen API through HTTP (docs/access.md, "The citizen API"): a bearer token of the trusted test issuer for a
 * test identity code, signed documents archived by their controller through the client systems' API, and the
 * citizen's view deciding what is shown. Each test has its own citizens and organisation.
 */
class CitizenApiTest extends ApiIntegrationTest {

    private static final LocalDate JANUARY = LocalDate.of(2026, 1, 1);
    private static final String CLAIM = "urn:oid:1.2.246.21";
    private static final String INACCESSIBLE = "<ep2:inaccessibleArgument code=\"1\" "
            + "codeSystem=\"1.2.246.537.6.1288.201901\"/>";

    @Autowired
    AuditLog audit;

    private String archiveAs(String organisation, KantaSamples.Builder document) {
        HttpResponse<byte[]> archived = send(asOrganisation("/api/v1/documents", organisation)
                .header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(signedFor(organisation, document))).build());
        assertThat(archived.statusCode()).as(text(archived)).isEqualTo(201);
        return document.oidValue();
    }

    private HttpResponse<byte[]> get(HttpRequest.Builder request) {
        return send(request.GET().build());
    }

    private static List<String> listed(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        JsonNode answer = json(response);
        List<String> oids = new ArrayList<>();
        answer.path("items").forEach(item -> oids.add(item.path("documentOid").asText()));
        assertThat(answer.path("total").asLong()).as("total counts the shown documents only").isEqualTo(oids.size());
        return oids;
    }

    @Test
    void aCitizenSeesTheirOwnDocumentsNewestFirstButNeitherAnOldNorARestrictedOneNorAnotherPersons() {
        // given a citizen's client relationship document, report, old document and a document a professional marked
        // not to be shown, and another person's document in the same register
        String organisation = newOrganisation();
        String citizen = KantaSamples.newTestIdentityCode();
        String someoneElse = KantaSamples.newTestIdentityCode();
        String relationship = archiveClientRelationship(organisation, citizen, JANUARY, null);
        List<String> reportAndOld = archiveReportAndOldDocument(organisation, citizen);
        String restricted = archiveAs(organisation, derivedDocument().client(citizen).controller(organisation)
                .serviceTask("21").localHeader(INACCESSIBLE));
        String othersDocument = archiveClientRelationship(organisation, someoneElse, JANUARY, null);

        // when the citizen lists their documents with a token of the trusted issuer
        HttpResponse<byte[]> list = get(asCitizen("/api/v1/citizen/documents", citizen));

        // then exactly the shown ones, newest first by effective time
        assertThat(listed(list)).containsExactlyInAnyOrder(relationship, reportAndOld.get(0));
        List<OffsetDateTime> times = new ArrayList<>();
        json(list).path("items").forEach(item -> times.add(OffsetDateTime.parse(item.path("effectiveTime").asText())));
        assertThat(times).isSortedAccordingTo(Comparator.reverseOrder());
        json(list).path("items").forEach(item -> assertThat(item.path("basis").asText()).isEqualTo("CITIZEN_OWN"));

        // and each read of one document is decided by the citizen's view with its own code
        HttpResponse<byte[]> metadata = get(asCitizen("/api/v1/citizen/documents/" + relationship, citizen));
        assertThat(metadata.statusCode()).as(text(metadata)).isEqualTo(200);
        assertThat(json(metadata).path("clientId").asText()).isEqualTo(citizen);
        assertThat(json(metadata).path("access").path("basis").asText()).isEqualTo("CITIZEN_OWN");
        assertProblem(get(asCitizen("/api/v1/citizen/documents/" + reportAndOld.get(1), citizen)), 403,
                "CITIZEN_OLD_DOCUMENT");
        assertProblem(get(asCitizen("/api/v1/citizen/documents/" + restricted, citizen)), 403,
                "CITIZEN_INACCESSIBLE_ARGUMENT");
        assertProblem(get(asCitizen("/api/v1/citizen/documents/" + othersDocument, citizen)), 403,
                "NOT_THE_CLIENTS_DOCUMENT");
        assertProblem(get(asCitizen("/api/v1/citizen/documents/" + othersDocument + "/display", citizen)), 403,
                "NOT_THE_CLIENTS_DOCUMENT");

        // and every read is audited as the citizen's own use, refusals included
        List<AuditEvent> events = audit.eventsForClient(citizen).stream()
                .filter(e -> e.purposeOfUse().equals("CITIZEN_OWN")).toList();
        assertThat(events).extracting(AuditEvent::operation, AuditEvent::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple("LIST_CLIENT_DOCUMENTS", "SUCCESS"),
                org.assertj.core.groups.Tuple.tuple("READ_METADATA", "SUCCESS"),
                org.assertj.core.groups.Tuple.tuple("READ_METADATA", "DENIED"),
                org.assertj.core.groups.Tuple.tuple("READ_METADATA", "DENIED"));
        assertThat(events).allSatisfy(e -> {
            assertThat(e.organisation()).isEqualTo("1.2.246.21");
            assertThat(e.userId()).isEqualTo(citizen);
        });
        assertThat(events.get(0).detail()).contains("citizen's own view", "2 of 2 documents",
                "2 left out by the access rules", "{CITIZEN_OWN=2}");
        assertThat(events.get(2).detail()).startsWith("CITIZEN_OLD_DOCUMENT");
        // the refusal of another person's document is in the audit trail of that person
        assertThat(audit.eventsForClient(someoneElse)).filteredOn(e -> e.userId().equals(citizen))
                .extracting(AuditEvent::outcome).containsExactly("DENIED", "DENIED");
    }

    @Test
    void theListFiltersByServiceTaskAndEffectiveTimeAndPages() {
        // given a citizen's relationship document (service task 24 in its header? none: the sample's) and a report
        String organisation = newOrganisation();
        String citizen = KantaSamples.newTestIdentityCode();
        archiveClientRelationship(organisation, citizen, JANUARY, null);
        String report = archiveReportAndOldDocument(organisation, citizen).get(0);
        String task21 = archiveAs(organisation, derivedDocument().client(citizen).controller(organisation)
                .serviceTask("21").effectiveTime("20260301120000+0200"));

        // when / then the service task filter and the time window select, and pages hold their size
        assertThat(listed(get(asCitizen("/api/v1/citizen/documents?serviceTask=21", citizen)))).containsExactly(task21);
        assertThat(listed(get(asCitizen("/api/v1/citizen/documents?from=2026-03-01T00:00:00%2B02:00"
                + "&to=2026-03-02T00:00:00%2B02:00", citizen)))).containsExactly(task21);
        HttpResponse<byte[]> firstPage = get(asCitizen("/api/v1/citizen/documents?size=1", citizen));
        assertThat(json(firstPage).path("items")).hasSize(1);
        assertThat(json(firstPage).path("total").asLong()).isEqualTo(3);
        assertThat(json(firstPage).path("items").get(0).path("documentOid").asText()).isEqualTo(report);
        assertProblem(get(asCitizen("/api/v1/citizen/documents?size=0", citizen)), 400, "INVALID_REQUEST");
    }

    @Test
    void aCitizenReadsTheDisplayFormOfTheirDocumentAsXhtmlOrPdf() {
        // given a citizen's document
        String organisation = newOrganisation();
        String citizen = KantaSamples.newTestIdentityCode();
        String relationship = archiveClientRelationship(organisation, citizen, JANUARY, null);

        // when / then the display form as archived, and rendered to PDF as a download
        HttpResponse<byte[]> xhtml = get(asCitizen("/api/v1/citizen/documents/" + relationship + "/display", citizen));
        assertThat(xhtml.statusCode()).as(text(xhtml)).isEqualTo(200);
        assertThat(xhtml.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/xhtml+xml"));
        assertThat(xhtml.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).startsWith("sandbox"));
        assertThat(text(xhtml)).contains(citizen.substring(0, 6) + "*****");
        HttpResponse<byte[]> pdf = get(asCitizen("/api/v1/citizen/documents/" + relationship + "/display?format=pdf",
                citizen));
        assertThat(pdf.statusCode()).as(text(pdf)).isEqualTo(200);
        assertThat(new String(pdf.body(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(audit.eventsForDocument(relationship)).filteredOn(e -> e.userId().equals(citizen))
                .extracting(AuditEvent::operation).containsExactly("READ_DISPLAY", "READ_DISPLAY");
    }

    @Test
    void tokensThatDoNotAuthenticateACitizenAreRefusedEachWithItsOwnCode(@TempDir Path otherKeys) {
        String citizen = KantaSamples.newTestIdentityCode();
        String path = "/api/v1/citizen/documents";
        Instant now = Instant.now();

        // no token, and a client system's password: not a citizen's token
        HttpResponse<byte[]> none = get(withBearer(path, "").setHeader("Authorization", basic(OWN_CLIENT, PASSWORD)));
        assertProblem(none, 401, "CITIZEN_TOKEN_MISSING");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(value ->
                assertThat(value).startsWith("Bearer"));
        // a token of a key the archive does not trust
        String foreign = CitizenTestIssuer.openOrCreate(otherKeys).token(CLAIM, citizen, CITIZEN_ISSUER_NAME, now,
                Duration.ofMinutes(10));
        assertProblem(get(withBearer(path, foreign)), 401, "CITIZEN_TOKEN_INVALID");
        // not a JWT at all, and a trusted key's token of another issuer
        assertProblem(get(withBearer(path, "not-a-jwt")), 401, "CITIZEN_TOKEN_INVALID");
        assertProblem(get(withBearer(path, CITIZEN_ISSUER.token(CLAIM, citizen, "urn:someone-else", now,
                Duration.ofMinutes(10)))), 401, "CITIZEN_TOKEN_INVALID");
        // an expired token
        assertProblem(get(withBearer(path, CITIZEN_ISSUER.token(CLAIM, citizen, CITIZEN_ISSUER_NAME,
                now.minus(Duration.ofHours(2)), Duration.ofMinutes(10)))), 401, "CITIZEN_TOKEN_EXPIRED");
        // a token with the identity code in another claim, and one with an invalid code
        assertProblem(get(withBearer(path, CITIZEN_ISSUER.token("hetu", citizen, CITIZEN_ISSUER_NAME, now,
                Duration.ofMinutes(10)))), 401, "CITIZEN_IDENTITY_CLAIM_MISSING");
        String wrongCheck = citizen.substring(0, 10) + (citizen.charAt(10) == 'A' ? 'B' : 'A');
        assertProblem(get(withBearer(path, CITIZEN_ISSUER.token(CLAIM, wrongCheck, CITIZEN_ISSUER_NAME, now,
                Duration.ofMinutes(10)))), 401, "CITIZEN_IDENTITY_CLAIM_INVALID");

        // and none of them reached the archive: nothing audited for the citizen
        assertThat(audit.eventsForClient(citizen)).isEmpty();
        // while a citizen's valid token opens no professional operation
        assertProblem(get(asCitizen("/api/v1/clients/" + citizen + "/documents", citizen)), 401,
                "AUTHENTICATION_REQUIRED");
    }
}
