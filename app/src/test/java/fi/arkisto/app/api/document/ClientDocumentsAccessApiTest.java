package fi.arkisto.app.api.document;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.audit.AuditEvent;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.testsupport.ClientRelationshipForms;
import fi.arkisto.store.testsupport.ClientRelationshipForms.Provider;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client's document list through the API as the access rules decide it (docs/access.md, "A client's document
 * list"), with signed documents and the records made through their own API: the organiser's own register, a provider
 * under its register access right, another controller under sharing, and a client under non-disclosure. Each test has
 * its own clients and organisations.
 */
class ClientDocumentsAccessApiTest extends ApiIntegrationTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Helsinki"));
    private static final LocalDate JANUARY = LocalDate.of(2026, 1, 1);
    private static final String SHARING = "2";

    @Autowired
    AuditLog audit;

    private String archiveAs(String organisation, KantaSamples.Builder document, boolean nonDisclosureRight) {
        HttpRequest.Builder request = asOrganisation("/api/v1/documents", organisation)
                .header("Content-Type", "application/xml");
        if (nonDisclosureRight) {
            request.header("X-Non-Disclosure-Right", "true");
        }
        HttpResponse<byte[]> archived = send(request
                .POST(HttpRequest.BodyPublishers.ofByteArray(signedFor(organisation, document))).build());
        assertThat(archived.statusCode()).as(text(archived)).isEqualTo(201);
        return document.oidValue();
    }

    private HttpResponse<byte[]> list(String client, String query, String organisation, String useContext,
                                      String... headers) {
        HttpRequest.Builder request = asOrganisation("/api/v1/clients/" + client + "/documents" + query, organisation)
                .setHeader("X-Purpose-Of-Use", useContext);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.GET().build());
    }

    /** The listed items as OID to "basis disclosure controller", after checking the answer is 200. */
    private static Map<String, String> items(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        JsonNode answer = json(response);
        Map<String, String> items = new HashMap<>();
        for (JsonNode item : answer.path("items")) {
            items.put(item.path("documentOid").asText(), item.path("basis").asText() + " "
                    + item.path("disclosure").asText() + " " + item.path("controllerOid").asText());
        }
        assertThat(answer.path("total").asLong()).as("total counts the allowed items only").isEqualTo(items.size());
        return items;
    }

    private List<AuditEvent> listings(String client, String organisation) {
        return audit.eventsForClient(client).stream().filter(e -> e.operation().equals("LIST_CLIENT_DOCUMENTS")
                && e.organisation().equals(organisation)).toList();
    }

    private void agreement(String organiser, String provider) {
        HttpResponse<byte[]> created = postJson("/api/v1/register-access-agreements", organiser,
                "{\"organiser\": \"" + organiser + "\", \"provider\": \"" + provider + "\", \"serviceTasks\": [\"24\"],"
                        + " \"validFrom\": \"2026-01-01\", \"contractReference\": \"SOP-12\"}");
        assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
    }

    private void informedAndConsenting(String client, String recorder) {
        assertThat(postJson("/api/v1/clients/" + client + "/informing", recorder, "{}").statusCode()).isEqualTo(201);
        assertThat(postJson("/api/v1/clients/" + client + "/consents", recorder, "{}").statusCode()).isEqualTo(201);
    }

    @Test
    void theOrganiserListsItsOwnAndAProviderUnderItsRightListsThatServiceTasksDocumentsUntilTheRightEnds() {
        // given the organiser's client relationship document naming a unit of the provider from January (no service
        // task in its header), a report and an old document in service task 24, and a document of service task 21
        String organiser = newOrganisation();
        String provider = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        String relationship = archiveClientRelationship(organiser, client, JANUARY, null,
                new Provider(unitOf(provider, 21), JANUARY, null));
        List<String> task24 = archiveReportAndOldDocument(organiser, client);
        String task21 = archiveAs(organiser, derivedDocument().client(client).controller(organiser).serviceTask("21"),
                false);
        agreement(organiser, provider);

        // when / then the organiser lists every document of its register, whole
        assertThat(items(list(client, "", organiser, "1"))).containsOnly(
                Map.entry(relationship, "OWN_REGISTER FULL " + organiser),
                Map.entry(task24.get(0), "OWN_REGISTER FULL " + organiser),
                Map.entry(task24.get(1), "OWN_REGISTER FULL " + organiser),
                Map.entry(task21, "OWN_REGISTER FULL " + organiser));

        // and the provider, by default scope, the organiser's documents of service task 24 only
        assertThat(items(list(client, "", provider, "1"))).containsOnly(
                Map.entry(task24.get(0), "REGISTER_ACCESS_RIGHT FULL " + organiser),
                Map.entry(task24.get(1), "REGISTER_ACCESS_RIGHT FULL " + organiser));
        HttpResponse<byte[]> firstPage = list(client, "?scope=registers&size=1", provider, "1");
        assertThat(json(firstPage).path("items")).hasSize(1);
        assertThat(json(firstPage).path("total").asLong()).isEqualTo(2);
        assertThat(json(firstPage).path("totalPages").asLong()).isEqualTo(2);

        // when the organiser ends the provider's period with a replacement of its client relationship document
        String replacement = archiveAs(organiser, derivedDocument().client(client).controller(organiser)
                .replacing(relationship, relationship).version(2).reasonOfCorrection("Palvelu päättyi")
                .structuredForm(form -> {
                    ClientRelationshipForms.relationship(form, JANUARY, null);
                    ClientRelationshipForms.providers(form, "24",
                            new Provider(unitOf(provider, 21), JANUARY, TODAY.minusDays(1)));
                }), false);

        // then the provider lists none of them, and the organiser its register with the replacement
        assertThat(items(list(client, "", provider, "1"))).isEmpty();
        assertThat(items(list(client, "", organiser, "1"))).containsOnlyKeys(replacement, task24.get(0),
                task24.get(1), task21);

        // and each listing is one audit event naming the scope, registers, bases and use context
        List<AuditEvent> providerListings = listings(client, provider);
        assertThat(providerListings).hasSize(3).allSatisfy(e -> assertThat(e.outcome()).isEqualTo("SUCCESS"));
        assertThat(providerListings.get(0).detail()).isEqualTo("scope registers, registers [" + provider + ", "
                + organiser + "], page 0 of size 20, 2 of 2 documents, 2 left out by the access rules; bases "
                + "{REGISTER_ACCESS_RIGHT=2}; use context 1; asserted: nothing");
        assertThat(providerListings.get(2).detail()).startsWith("scope registers, registers [" + provider + "],")
                .contains("0 of 0 documents");
        assertThat(listings(client, organiser).get(0).detail()).contains("registers [" + organiser + "]",
                "4 of 4 documents", "bases {OWN_REGISTER=4}");
    }

    @Test
    void aStageOneDocumentReachesAnotherControllerOnlyOnABroadSearchWhileItsControllerHasItAsItsOwn() {
        // given a controller archiving before its stage-2 start day (arkisto.access.stage-two.start-days), a report
        // of a client who is informed and consents, and a second organisation's own client relationship with the client
        String controller = STAGE_ONE_CONTROLLER;
        String second = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        String relationship = archiveClientRelationship(controller, client, JANUARY, null);
        String report = archiveReportAndOldDocument(controller, client).get(0);
        informedAndConsenting(client, controller);
        archiveClientRelationship(second, client, JANUARY, null);

        // when / then the second organisation's list across controllers leaves the stage-1 documents out, and a broad
        // search with an accepted justification reaches them
        assertThat(items(list(client, "?scope=all-controllers", second, SHARING))).doesNotContainKeys(relationship,
                report);
        assertThat(items(list(client, "?scope=all-controllers", second, SHARING, "X-Broad-Search-Justification", "1")))
                .contains(Map.entry(relationship, "BROAD_SEARCH FULL " + controller),
                        Map.entry(report, "BROAD_SEARCH FULL " + controller));
        // and one document read is refused with the rule's own code without the justification
        HttpResponse<byte[]> read = send(asOrganisation("/api/v1/documents/" + report + "/metadata", second)
                .setHeader("X-Purpose-Of-Use", SHARING).GET().build());
        assertProblem(read, 403, "STAGE_ONE_DOCUMENT_NEEDS_BROAD_SEARCH");
        // while the controller lists them as the documents of its own register
        assertThat(items(list(client, "", controller, "1"))).contains(
                Map.entry(relationship, "OWN_REGISTER FULL " + controller),
                Map.entry(report, "OWN_REGISTER FULL " + controller));
    }

    @Test
    void anotherControllerListsSharedDocumentsAcrossControllersOnlyAsTheSharingRulesAllow() {
        // given the organiser's documents of a client, and a second organisation with its own client relationship
        String organiser = newOrganisation();
        String second = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        String relationship = archiveClientRelationship(organiser, client, JANUARY, null);
        List<String> documents = archiveReportAndOldDocument(organiser, client);
        String report = documents.get(0);
        String old = documents.get(1);
        archiveClientRelationship(second, client, JANUARY, null);

        // when / then: a use context that does not fit the scope refuses the whole list
        assertProblem(list(client, "?scope=all-controllers", second, "1"), 403, "USE_CONTEXT_NOT_FOR_SHARING");
        assertProblem(list(client, "", second, SHARING), 403, "USE_CONTEXT_NOT_FOR_REGISTER_LIST");
        assertProblem(list(client, "?scope=all-controllers", second, "77"), 403, "USE_CONTEXT_UNKNOWN");
        assertProblem(list(client, "?scope=all-controllers", second, SHARING, "X-Broad-Search-Justification", "99"),
                403, "BROAD_SEARCH_JUSTIFICATION_UNKNOWN");
        // and before the client is informed and consents, nothing is shared
        assertThat(items(list(client, "?scope=all-controllers", second, SHARING))).isEmpty();

        // when the client is informed and consents
        informedAndConsenting(client, organiser);

        // then the second organisation lists the organiser's current documents, never its own, the old one only
        // with a broad-search justification
        assertThat(items(list(client, "?scope=all-controllers", second, SHARING))).containsOnly(
                Map.entry(relationship, "SHARING_WITH_CONSENT FULL " + organiser),
                Map.entry(report, "SHARING_WITH_CONSENT FULL " + organiser));
        assertThat(items(list(client, "?scope=all-controllers", second, SHARING, "X-Broad-Search-Justification", "1")))
                .containsOnly(Map.entry(relationship, "SHARING_WITH_CONSENT FULL " + organiser),
                        Map.entry(report, "SHARING_WITH_CONSENT FULL " + organiser),
                        Map.entry(old, "BROAD_SEARCH FULL " + organiser));

        // when the client denies disclosing the report, it is no longer listed
        HttpResponse<byte[]> denial = postJson("/api/v1/clients/" + client + "/denials", organiser,
                "{\"targetType\": \"DOCUMENT\", \"target\": \"" + report + "\"}");
        assertThat(denial.statusCode()).as(text(denial)).isEqualTo(201);
        assertThat(items(list(client, "?scope=all-controllers", second, SHARING))).containsOnlyKeys(relationship);

        // and every listing and refusal is one audit event with the use context, bases and justification
        List<AuditEvent> events = listings(client, second);
        assertThat(events).extracting(AuditEvent::outcome).containsExactly("DENIED", "DENIED", "DENIED", "DENIED",
                "SUCCESS", "SUCCESS", "SUCCESS", "SUCCESS");
        assertThat(events.get(0).detail()).startsWith("USE_CONTEXT_NOT_FOR_SHARING: ")
                .endsWith("; scope all-controllers; use context 1; asserted: nothing");
        assertThat(events.get(4).detail()).contains("0 of 0 documents, 3 left out by the access rules");
        // (naming the registers the listed documents came from with their bases: their controllers' log extracts)
        assertThat(events.get(6).detail()).isEqualTo("scope all-controllers, every other controller's register, listed"
                + " from registers {" + organiser + "=[SHARING_WITH_CONSENT, BROAD_SEARCH]}, page 0"
                + " of size 20, 3 of 3 documents; bases {SHARING_WITH_CONSENT=2, BROAD_SEARCH=1}; use context 2;"
                + " asserted: broad-search justification 1");
    }

    @Test
    void aNonDisclosureClientsLocationDataDocumentIsListedMaskedToOthersAndAsMetadataToTheOwnWithoutTheRight() {
        // given a second organisation serving the client with informing and consent, and the organiser's client
        // relationship document in service task 24 putting the client under non-disclosure and naming the provider
        String organiser = newOrganisation();
        String provider = newOrganisation();
        String second = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        archiveClientRelationship(second, client, JANUARY, null);
        informedAndConsenting(client, second);
        String relationship = archiveAs(organiser, derivedDocument().client(client).controller(organiser)
                .serviceTask("24").structuredForm(form -> {
                    ClientRelationshipForms.relationship(form, JANUARY, null);
                    ClientRelationshipForms.providers(form, "24", new Provider(unitOf(provider, 31), JANUARY, null));
                    ClientRelationshipForms.nonDisclosure(form, true);
                }), true);
        agreement(organiser, provider);

        // when / then the provider and the second organisation, whatever they assert, see it listed masked
        assertThat(items(list(client, "", provider, "1", "X-Non-Disclosure-Right", "true")))
                .containsOnly(Map.entry(relationship, "REGISTER_ACCESS_RIGHT STRUCTURED_FORM_MASKED " + organiser));
        assertThat(items(list(client, "?scope=all-controllers", second, SHARING, "X-Non-Disclosure-Right", "true")))
                .containsOnly(Map.entry(relationship, "SHARING_WITH_CONSENT STRUCTURED_FORM_MASKED " + organiser));
        // and the organiser's own professional as metadata only without the asserted right, whole with it
        assertThat(items(list(client, "", organiser, "1")))
                .containsOnly(Map.entry(relationship, "OWN_REGISTER METADATA_ONLY " + organiser));
        assertThat(items(list(client, "", organiser, "1", "X-Non-Disclosure-Right", "true")))
                .containsOnly(Map.entry(relationship, "OWN_REGISTER FULL " + organiser));
        assertThat(listings(client, provider).get(0).detail())
                .contains("disclosures {STRUCTURED_FORM_MASKED=1}", "asserted: asserted right to process non-disclosure data");
    }
}
