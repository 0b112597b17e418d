package fi.arkisto.app.api.accesslog;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.audit.AuditEvent;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.document.DocumentStatus;
import fi.arkisto.store.document.SignatureType;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.testsupport.ClientRelationshipForms.Provider;
import fi.arkisto.store.testsupport.KantaSamples;
import fi.arkisto.testkit.deployment.ExpectedDocument;
import fi.arkisto.testkit.generator.TestCaseDocuments;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller's log extract of a client through the API (docs/access.md, "Log extracts"; Act 703/2023 s. 11), over
 * signed test documents read by the controller, by a provider under register access right and by another controller
 * under sharing, each test with its own clients and organisations.
 */
class ClientAccessLogApiTest extends ApiIntegrationTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Helsinki"));
    private static final LocalDate JANUARY = LocalDate.of(2026, 1, 1);
    private static final String SHARING = "2";

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

    private HttpResponse<byte[]> as(String path, String organisation, String useContext) {
        return send(asOrganisation(path, organisation).setHeader("X-Purpose-Of-Use", useContext).GET().build());
    }

    private void readMetadata(String document, String organisation, String useContext) {
        HttpResponse<byte[]> read = as("/api/v1/documents/" + document + "/metadata", organisation, useContext);
        assertThat(read.statusCode()).as(text(read)).isEqualTo(200);
    }

    private void created(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
    }

    private static String accessLog(String client, String query) {
        return "/api/v1/clients/" + client + "/access-log" + (query.isEmpty() ? "" : "?" + query);
    }

    private JsonNode extract(String client, String organisation, String query) {
        HttpResponse<byte[]> answer = getAs(accessLog(client, query), organisation);
        assertThat(answer.statusCode()).as(text(answer)).isEqualTo(200);
        return json(answer);
    }

    private static List<JsonNode> entries(JsonNode extract) {
        List<JsonNode> entries = new ArrayList<>();
        extract.path("entries").forEach(entries::add);
        return entries;
    }

    private List<AuditEvent> extractReads(String client) {
        return audit.eventsForClient(client).stream().filter(e -> e.operation().equals("READ_ACCESS_LOG")).toList();
    }

    @Test
    void readsByTheControllerItsProviderAndAnotherControllerAllAppearWithTheirBasisAndNoOtherClientsEver() {
        // given the organiser's report of the client, a provider under register access right, and a second
        // controller with its own client relationship under the client's informing and consent
        String organiser = newOrganisation();
        String provider = newOrganisation();
        String second = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        String otherClient = KantaSamples.newTestIdentityCode();
        archiveClientRelationship(organiser, client, JANUARY, null, new Provider(unitOf(provider, 21), JANUARY, null));
        String report = archiveReport(organiser, client);
        String othersReport = archiveReport(organiser, otherClient);
        created(postJson("/api/v1/register-access-agreements", organiser, "{\"organiser\": \"" + organiser
                + "\", \"provider\": \"" + provider + "\", \"serviceTasks\": [\"24\"], \"validFrom\": \"2026-01-01\","
                + " \"contractReference\": \"SOP-12\"}"));
        created(postJson("/api/v1/clients/" + client + "/informing", organiser, "{}"));
        created(postJson("/api/v1/clients/" + client + "/consents", organiser, "{}"));
        archiveClientRelationship(second, client, JANUARY, null);

        // when the organiser, the provider and the second controller read the report (the second once more under a
        // statutory right to information), the provider lists the
        // client's documents, a stranger is refused, and the organiser reads the other client's report
        readMetadata(report, organiser, "1");
        readMetadata(report, provider, "1");
        readMetadata(report, second, SHARING);
        HttpResponse<byte[]> statutory = send(asOrganisation("/api/v1/documents/" + report + "/metadata", second)
                .setHeader("X-Purpose-Of-Use", SHARING).header("X-Statutory-Right", "SHL 41").GET().build());
        assertThat(statutory.statusCode()).as(text(statutory)).isEqualTo(200);
        HttpResponse<byte[]> listing = as("/api/v1/clients/" + client + "/documents", provider, "1");
        assertThat(listing.statusCode()).as(text(listing)).isEqualTo(200);
        assertThat(as("/api/v1/documents/" + report + "/metadata", newOrganisation(), "1").statusCode())
                .isEqualTo(403);
        readMetadata(othersReport, organiser, "1");

        // then the organiser's extract names each read of its register with who, why and on what basis
        JsonNode extract = extract(client, organiser, "");
        assertThat(extract.path("controller").asText()).isEqualTo(organiser);
        assertThat(extract.path("from").asText()).isEqualTo(TODAY.minusYears(2).toString());
        assertThat(extract.path("to").asText()).isEqualTo(TODAY.toString());
        List<JsonNode> entries = entries(extract);
        assertThat(entries.stream().filter(e -> e.path("operation").asText().equals("READ_METADATA")))
                .extracting(e -> e.path("organisation").asText(), e -> e.path("useContext").asText(),
                        e -> e.path("documentOid").asText(), e -> e.path("register").asText(),
                        e -> e.path("kind").asText(), e -> e.path("basis").asText(),
                        e -> e.path("basisDescription").asText())
                .containsExactly(
                        Tuple.tuple(organiser, "1", report, organiser, "USE", "OWN_REGISTER",
                                "own register " + organiser),
                        Tuple.tuple(provider, "1", report, organiser, "USE", "REGISTER_ACCESS_RIGHT",
                                "register access right in the register of " + organiser + ", service task 24"),
                        Tuple.tuple(second, SHARING, report, organiser, "DISCLOSURE", "SHARING_WITH_CONSENT",
                                "sharing with consent from the register of " + organiser),
                        Tuple.tuple(second, SHARING, report, organiser, "DISCLOSURE", "STATUTORY_RIGHT",
                                "statutory right SHL 41 to the register of " + organiser));
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.path("occurredAt").asText()).isNotEmpty();
            assertThat(e.path("professional").asText()).isNotEmpty();
        });
        // what the client system asserted for the professional is named with the entry it took part in
        assertThat(entries).extracting(e -> e.path("asserted").asText()).containsOnlyOnce("statutory right: SHL 41")
                .containsOnly("nothing", "statutory right: SHL 41", "");
        // the provider's listing covered the organiser's register; the organiser's own archiving and records are uses
        assertThat(entries).filteredOn(e -> e.path("operation").asText().equals("LIST_CLIENT_DOCUMENTS"))
                .singleElement().satisfies(e -> {
                    assertThat(e.path("organisation").asText()).isEqualTo(provider);
                    assertThat(e.path("basis").asText()).contains("REGISTER_ACCESS_RIGHT");
                    assertThat(e.path("basisDescription").asText()).contains(organiser);
                });
        assertThat(entries).extracting(e -> e.path("operation").asText())
                .contains("ARCHIVE", "RECORD_INFORMING", "RECORD_CONSENT");
        // nothing of the second controller's own register, of the refused read, nor of the other client
        assertThat(entries).noneSatisfy(e -> assertThat(e.path("documentOid").asText()).isEqualTo(othersReport));
        assertThat(entries).allSatisfy(e -> assertThat(e.path("register").asText()).isIn(organiser, ""));
        assertThat(entries).extracting(e -> e.path("organisation").asText()).containsOnly(organiser, provider, second);
        assertThat(extract.path("total").asLong()).isEqualTo(entries.size());

        // and an organisation whose registers hold none of the client's documents gets an empty extract
        JsonNode stranger = extract(client, newOrganisation(), "");
        assertThat(stranger.path("entries")).isEmpty();
        assertThat(stranger.path("total").asLong()).isZero();
    }

    @Test
    void aListingOfEveryOtherControllersRegisterIsADisclosureInTheExtractOfEachRegisterItListedFrom() {
        // given two controllers' reports of the client, each under the client's informing and consent, a second
        // controller with its own client relationship, and a stranger holding nothing of the client
        String organiser = newOrganisation();
        String third = newOrganisation();
        String second = newOrganisation();
        String stranger = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        String report = archiveReport(organiser, client);
        String thirdsReport = archiveReport(third, client);
        for (String controller : List.of(organiser, third)) {
            archiveClientRelationship(controller, client, JANUARY, null);
            created(postJson("/api/v1/clients/" + client + "/informing", controller, "{}"));
            created(postJson("/api/v1/clients/" + client + "/consents", controller, "{}"));
        }
        archiveClientRelationship(second, client, JANUARY, null);

        // when the second controller lists the client's documents in every other controller's register
        HttpResponse<byte[]> listing = as("/api/v1/clients/" + client + "/documents?scope=all-controllers", second,
                SHARING);
        assertThat(listing.statusCode()).as(text(listing)).isEqualTo(200);
        assertThat(json(listing).path("items").findValuesAsText("documentOid")).contains(report, thirdsReport);

        // then its audit event names the registers the listed documents came from, each with its basis
        assertThat(audit.eventsForClient(client)).filteredOn(e -> e.operation().equals("LIST_CLIENT_DOCUMENTS"))
                .singleElement().extracting(AuditEvent::detail).asString()
                .contains("listed from registers {", organiser + "=[SHARING_WITH_CONSENT]",
                        third + "=[SHARING_WITH_CONSENT]");
        // and each of those controllers' extracts holds the listing as a disclosure to the second controller on the
        // basis its documents were listed on
        for (String controller : List.of(organiser, third)) {
            assertThat(entries(extract(client, controller, "")))
                    .filteredOn(e -> e.path("operation").asText().equals("LIST_CLIENT_DOCUMENTS"))
                    .singleElement().satisfies(e -> {
                        assertThat(e.path("organisation").asText()).isEqualTo(second);
                        assertThat(e.path("useContext").asText()).isEqualTo(SHARING);
                        assertThat(e.path("kind").asText()).isEqualTo("DISCLOSURE");
                        assertThat(e.path("basis").asText()).isEqualTo("SHARING_WITH_CONSENT");
                        assertThat(e.path("basisDescription").asText()).contains(organiser, third);
                    });
        }
        // the second controller's own extract has it as its own use, and the stranger's register none of it
        assertThat(entries(extract(client, second, "")))
                .filteredOn(e -> e.path("operation").asText().equals("LIST_CLIENT_DOCUMENTS"))
                .singleElement().satisfies(e -> assertThat(e.path("kind").asText()).isEqualTo("USE"));
        assertThat(entries(extract(client, stranger, ""))).extracting(e -> e.path("operation").asText())
                .doesNotContain("LIST_CLIENT_DOCUMENTS");
    }

    @Test
    void readingTheExtractIsAuditedAndAppearsInTheNextOne() {
        // given the organiser's report of the client, read once
        String organiser = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        String report = archiveReport(organiser, client);
        readMetadata(report, organiser, "1");

        // when the organiser reads the extract, page by page
        JsonNode first = extract(client, organiser, "size=1");

        // then its own read is audited before it was answered, with the period and the page
        assertThat(first.path("entries")).hasSize(1);
        assertThat(first.path("total").asLong()).isEqualTo(2);
        assertThat(first.path("totalPages").asLong()).isEqualTo(2);
        assertThat(extractReads(client)).singleElement().satisfies(e -> {
            assertThat(e.organisation()).isEqualTo(organiser);
            assertThat(e.outcome()).isEqualTo("SUCCESS");
            assertThat(e.detail()).isEqualTo("log extract from " + TODAY.minusYears(2) + " to " + TODAY
                    + ", page 0 of size 1, 1 of 2 entries");
        });
        // and the next extract lists that read as the organiser's use
        JsonNode next = extract(client, organiser, "");
        assertThat(entries(next)).extracting(e -> e.path("operation").asText())
                .containsExactly("ARCHIVE", "READ_METADATA", "READ_ACCESS_LOG");
    }

    @Test
    void aPeriodReachingFurtherBackThanTwoYearsNeedsAReasonWhichIsRecorded() {
        // given a client with a document in the organiser's register
        String organiser = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        archiveReport(organiser, client);
        LocalDate beyond = TODAY.minusYears(2).minusDays(1);

        // when / then: a day further back without a reason is refused with its code, and nothing is audited
        assertProblem(getAs(accessLog(client, "from=" + beyond), organiser), 400, "ACCESS_LOG_REASON_REQUIRED");
        assertProblem(getAs(accessLog(client, "from=" + beyond + "&reason=%20"), organiser), 400,
                "ACCESS_LOG_REASON_REQUIRED");
        assertProblem(getAs(accessLog(client, "from=" + beyond + "&format=pdf"), organiser), 400,
                "ACCESS_LOG_REASON_REQUIRED");
        assertThat(extractReads(client)).isEmpty();
        // exactly two years back needs none
        assertThat(extract(client, organiser, "from=" + TODAY.minusYears(2)).path("entries")).hasSize(1);

        // with a reason the extract is given, and the reason is in its own audit event
        String reason = "Asiakkaan pyyntö koskee vuoden 2023 huostaanottoa";
        JsonNode extract = extract(client, organiser, "from=" + beyond + "&reason="
                + URLEncoder.encode(reason, StandardCharsets.UTF_8));
        assertThat(extract.path("reason").asText()).isEqualTo(reason);
        assertThat(extractReads(client)).last().extracting(AuditEvent::detail).asString()
                .startsWith("log extract from " + beyond + " to " + TODAY).endsWith("; reason: " + reason);
    }

    @Test
    void badRequestsAreRefusedWithTheirCodesAndAuditNothing() {
        String organiser = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();

        assertProblem(getAs(accessLog(client, "from=" + TODAY + "&to=" + TODAY.minusDays(1)), organiser), 400,
                "INVALID_REQUEST");
        assertProblem(getAs(accessLog(client, "format=xml"), organiser), 400, "INVALID_REQUEST");
        assertProblem(getAs(accessLog(client, "size=0"), organiser), 400, "INVALID_REQUEST");
        assertProblem(getAs(accessLog(client, "from=yesterday"), organiser), 400, "INVALID_REQUEST");
        assertProblem(getAs(accessLog(client, "reason=" + "x".repeat(1001) + "&from=2020-01-01"), organiser), 400,
                "INVALID_REQUEST");
        assertProblem(getAs(accessLog("123", ""), organiser), 422, "INVALID_IDENTITY_CODE");
        assertThat(extractReads(client)).isEmpty();
    }

    @Test
    void theExtractIsALetterToTheClientAsPdf() throws IOException {
        // given the organiser's report of the client read by a provider under register access right
        String organiser = newOrganisation();
        String provider = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        archiveClientRelationship(organiser, client, JANUARY, null, new Provider(unitOf(provider, 21), JANUARY, null));
        String report = archiveReport(organiser, client);
        created(postJson("/api/v1/register-access-agreements", organiser, "{\"organiser\": \"" + organiser
                + "\", \"provider\": \"" + provider + "\", \"serviceTasks\": [\"24\"], \"validFrom\": \"2026-01-01\","
                + " \"contractReference\": \"SOP-12\"}"));
        readMetadata(report, provider, "1");

        // when the organiser asks for the letter
        HttpResponse<byte[]> letter = getAs(accessLog(client, "format=pdf"), organiser);

        // then it is a PDF download naming the client, the controller, the provider and its basis
        assertThat(letter.statusCode()).as(text(letter)).isEqualTo(200);
        assertThat(letter.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(letter.headers().firstValue("Content-Disposition")).hasValueSatisfying(
                value -> assertThat(value).startsWith("attachment"));
        try (PDDocument pdf = Loader.loadPDF(letter.body())) {
            String text = new PDFTextStripper().getText(pdf).replaceAll("\\s+", " ");
            assertThat(text).contains("Lokiote", client, organiser, provider, "Peruste: REGISTER_ACCESS_RIGHT",
                    "register access right in the register of " + organiser);
        }
        // and the letter's own read is audited as one
        assertThat(extractReads(client)).singleElement().extracting(AuditEvent::detail).asString()
                .startsWith("log extract letter from " + TODAY.minusYears(2) + " to " + TODAY);
    }
}
