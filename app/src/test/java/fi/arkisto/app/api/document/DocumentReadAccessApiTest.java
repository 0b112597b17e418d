package fi.arkisto.app.api.document;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.audit.AuditEvent;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.testsupport.ClientRelationshipForms;
import fi.arkisto.store.testsupport.ClientRelationshipForms.Provider;
import fi.arkisto.store.testsupport.KantaSamples;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reading one document through the API as the access decision decides it (docs/access.md, "Reading one document"),
 * with documents signed by the test PKI, the records made through their own API, and the audit of every decision:
 * a provider under its register access right, another controller under sharing, and a client under non-disclosure.
 * Each test has its own clients and organisations.
 */
class DocumentReadAccessApiTest extends ApiIntegrationTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Helsinki"));
    private static final LocalDate JANUARY = LocalDate.of(2026, 1, 1);
    private static final String SHARING = "2";

    @Autowired
    AuditLog audit;

    /** Archives the signed document into its controller's register, as that controller. */
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

    private HttpResponse<byte[]> read(String path, String organisation, String useContext, String... headers) {
        HttpRequest.Builder request = asOrganisation(path, organisation).setHeader("X-Purpose-Of-Use", useContext);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.GET().build());
    }

    private static String metadata(String oid) {
        return "/api/v1/documents/" + oid + "/metadata";
    }

    private static String display(String oid) {
        return "/api/v1/documents/" + oid + "/display";
    }

    private static String original(String oid) {
        return "/api/v1/documents/" + oid;
    }

    private void agreement(String organiser, String provider) {
        HttpResponse<byte[]> created = postJson("/api/v1/register-access-agreements", organiser,
                "{\"organiser\": \"" + organiser + "\", \"provider\": \"" + provider + "\", \"serviceTasks\": [\"24\"],"
                        + " \"validFrom\": \"2026-01-01\", \"contractReference\": \"SOP-12\"}");
        assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
    }

    private void informedAndConsenting(String client, String recorder) {
        HttpResponse<byte[]> informing = postJson("/api/v1/clients/" + client + "/informing", recorder, "{}");
        assertThat(informing.statusCode()).as(text(informing)).isEqualTo(201);
        HttpResponse<byte[]> consent = postJson("/api/v1/clients/" + client + "/consents", recorder, "{}");
        assertThat(consent.statusCode()).as(text(consent)).isEqualTo(201);
    }

    private List<AuditEvent> readsOf(String oid, String organisation) {
        return audit.eventsForDocument(oid).stream()
                .filter(e -> e.organisation().equals(organisation) && e.operation().startsWith("READ_")).toList();
    }

    @Test
    void aProviderReadsTheOrganisersDocumentWhileItsRightIsInEffectAndIsRefusedAfterTheEnd() {
        // given the organiser's client relationship document naming a unit of the provider from January, and another
        // document of the client in service task 24
        String organiser = newOrganisation();
        String provider = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        Provider period = new Provider(unitOf(provider, 21), JANUARY, null);
        String relationship = archiveClientRelationship(organiser, client, JANUARY, null, period);
        String document = archiveReportAndOldDocument(organiser, client).get(0);

        // when / then: before the two have enabled the function for each other, the provider is refused
        assertProblem(read(metadata(document), provider, "1"), 403, "REGISTER_ACCESS_AGREEMENT_MISSING");

        // when the organiser creates the agreement, the provider reads the metadata, display form and original
        agreement(organiser, provider);
        HttpResponse<byte[]> read = read(metadata(document), provider, "1");
        assertThat(read.statusCode()).as(text(read)).isEqualTo(200);
        assertThat(json(read).path("access").path("basis").asText()).isEqualTo("REGISTER_ACCESS_RIGHT");
        assertThat(json(read).path("access").path("disclosure").asText()).isEqualTo("FULL");
        assertThat(json(read).has("maskedStructuredForm")).isFalse();
        assertThat(read(display(document), provider, "1").statusCode()).isEqualTo(200);
        assertThat(read(original(document), provider, "1").statusCode()).isEqualTo(200);

        // when the organiser archives a replacement of its client relationship document ending the provider's period
        archiveAs(organiser, derivedDocument().client(client).controller(organiser)
                .replacing(relationship, relationship).version(2).reasonOfCorrection("Palvelu päättyi")
                .structuredForm(form -> {
                    ClientRelationshipForms.relationship(form, JANUARY, null);
                    ClientRelationshipForms.providers(form, "24",
                            new Provider(unitOf(provider, 21), JANUARY, TODAY.minusDays(1)));
                }), false);

        // then every read of the provider is refused with the code that says the right has ended
        assertProblem(read(metadata(document), provider, "1"), 403, "REGISTER_ACCESS_RIGHT_ENDED");
        assertProblem(read(display(document), provider, "1"), 403, "REGISTER_ACCESS_RIGHT_ENDED");
        assertProblem(read(original(document), provider, "1"), 403, "REGISTER_ACCESS_RIGHT_ENDED");
        // while the organiser still reads its own register
        assertThat(read(metadata(document), organiser, "1").statusCode()).isEqualTo(200);

        // and each decision is audited with its basis, the register and service task, the use context and the code
        List<AuditEvent> events = readsOf(document, provider);
        assertThat(events).extracting(AuditEvent::operation, AuditEvent::outcome).containsExactly(
                Tuple.tuple("READ_METADATA", "DENIED"),
                Tuple.tuple("READ_METADATA", "SUCCESS"),
                Tuple.tuple("READ_DISPLAY", "SUCCESS"),
                Tuple.tuple("READ_CONTENT", "SUCCESS"),
                Tuple.tuple("READ_METADATA", "DENIED"),
                Tuple.tuple("READ_DISPLAY", "DENIED"),
                Tuple.tuple("READ_CONTENT", "DENIED"));
        assertThat(events.get(0).detail()).startsWith("REGISTER_ACCESS_AGREEMENT_MISSING: ");
        assertThat(events.get(1).detail()).isEqualTo("basis REGISTER_ACCESS_RIGHT (register access right in the "
                + "register of " + organiser + ", service task 24), disclosure FULL; use context 1; asserted: nothing");
        assertThat(events.get(4).detail()).startsWith("REGISTER_ACCESS_RIGHT_ENDED: The register access right has ended")
                .endsWith("; use context 1; asserted: nothing");
        assertThat(readsOf(document, organiser)).extracting(AuditEvent::detail).containsExactly(
                "basis OWN_REGISTER (own register " + organiser + "), disclosure FULL; use context 1; asserted: nothing");
    }

    @Test
    void anotherOrganisationReadsASharedDocumentOnlyWithInformingConsentAndItsOwnClientRelationship() {
        // given the organiser's documents of a client: a current one and an old one
        String organiser = newOrganisation();
        String second = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        archiveClientRelationship(organiser, client, JANUARY, null);
        List<String> documents = archiveReportAndOldDocument(organiser, client);
        String document = documents.get(0);
        String old = documents.get(1);

        // when / then: each missing condition refuses the second organisation with its own code
        assertProblem(read(metadata(document), second, SHARING), 403, "CLIENT_NOT_INFORMED");
        HttpResponse<byte[]> informing = postJson("/api/v1/clients/" + client + "/informing", organiser, "{}");
        assertThat(informing.statusCode()).as(text(informing)).isEqualTo(201);
        assertProblem(read(metadata(document), second, SHARING), 403, "NO_VALID_CONSENT");
        HttpResponse<byte[]> consent = postJson("/api/v1/clients/" + client + "/consents", organiser, "{}");
        assertThat(consent.statusCode()).as(text(consent)).isEqualTo(201);
        assertProblem(read(display(document), second, SHARING), 403, "NO_ACTIVE_CLIENT_RELATIONSHIP");

        // when the second organisation has an active client relationship of its own with the client
        archiveClientRelationship(second, client, JANUARY, null);

        // then it reads the shared document and its display form
        HttpResponse<byte[]> shared = read(metadata(document), second, SHARING);
        assertThat(shared.statusCode()).as(text(shared)).isEqualTo(200);
        assertThat(json(shared).path("access").path("basis").asText()).isEqualTo("SHARING_WITH_CONSENT");
        assertThat(read(display(document), second, SHARING).statusCode()).isEqualTo(200);
        // but the old document only with an accepted broad-search justification
        assertProblem(read(metadata(old), second, SHARING), 403, "OLD_DOCUMENT_NEEDS_BROAD_SEARCH");
        assertProblem(read(metadata(old), second, SHARING, "X-Broad-Search-Justification", "99"), 403,
                "BROAD_SEARCH_JUSTIFICATION_UNKNOWN");
        HttpResponse<byte[]> broad = read(metadata(old), second, SHARING, "X-Broad-Search-Justification", "1");
        assertThat(broad.statusCode()).as(text(broad)).isEqualTo(200);
        assertThat(json(broad).path("access").path("basis").asText()).isEqualTo("BROAD_SEARCH");

        // when the client denies disclosing the document, it is refused, and reached only by a justified broad search
        HttpResponse<byte[]> denial = postJson("/api/v1/clients/" + client + "/denials", organiser,
                "{\"targetType\": \"DOCUMENT\", \"target\": \"" + document + "\"}");
        assertThat(denial.statusCode()).as(text(denial)).isEqualTo(201);
        assertProblem(read(metadata(document), second, SHARING), 403, "DISCLOSURE_DENIED_DOCUMENT");
        assertProblem(read(original(document), second, SHARING), 403, "DISCLOSURE_DENIED_DOCUMENT");
        assertThat(read(metadata(document), second, SHARING, "X-Broad-Search-Justification", "2").statusCode())
                .isEqualTo(200);
        // a statutory right to information overrides the denial
        HttpResponse<byte[]> statutory = read(metadata(document), second, SHARING, "X-Statutory-Right", "SHL 41");
        assertThat(statutory.statusCode()).as(text(statutory)).isEqualTo(200);
        assertThat(json(statutory).path("access").path("basis").asText()).isEqualTo("STATUTORY_RIGHT");

        // and the audit names each basis with the use context and what was asserted
        assertThat(readsOf(document, second).stream().map(e -> e.outcome() + " " + e.detail()).toList()).satisfiesExactly(
                        e -> assertThat(e).startsWith("DENIED CLIENT_NOT_INFORMED: "),
                        e -> assertThat(e).startsWith("DENIED NO_VALID_CONSENT: "),
                        e -> assertThat(e).startsWith("DENIED NO_ACTIVE_CLIENT_RELATIONSHIP: "),
                        e -> assertThat(e).isEqualTo("SUCCESS basis SHARING_WITH_CONSENT (sharing with consent from the "
                                + "register of " + organiser + "), disclosure FULL; use context 2; asserted: nothing"),
                        e -> assertThat(e).startsWith("SUCCESS basis SHARING_WITH_CONSENT"),
                        e -> assertThat(e).startsWith("DENIED DISCLOSURE_DENIED_DOCUMENT: "),
                        e -> assertThat(e).startsWith("DENIED DISCLOSURE_DENIED_DOCUMENT: "),
                        e -> assertThat(e).isEqualTo("SUCCESS basis BROAD_SEARCH (broad search with justification 2 in "
                                + "the register of " + organiser + "), disclosure FULL; use context 2; asserted: "
                                + "broad-search justification 2"),
                        e -> assertThat(e).isEqualTo("SUCCESS basis STATUTORY_RIGHT (statutory right SHL 41 to the "
                                + "register of " + organiser + "), disclosure FULL; use context 2; asserted: statutory "
                                + "right: SHL 41"));
        assertThat(readsOf(old, second)).extracting(AuditEvent::detail).last().asString()
                .startsWith("basis BROAD_SEARCH (broad search with justification 1").contains("use context 2");
    }

    @Test
    void aNonDisclosureClientsLocationDataNeverReachesAnotherOrganisation() {
        // given a second organisation serving the client with the client's informing and consent, and then the
        // organiser's client relationship document putting the client under non-disclosure, naming the provider
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

        // when / then: the organiser's own professional reads it only with the asserted right, and then whole
        assertProblem(read(metadata(relationship), organiser, "1"), 403, "NON_DISCLOSURE_RIGHT_REQUIRED");
        assertProblem(read(display(relationship), organiser, "1"), 403, "NON_DISCLOSURE_RIGHT_REQUIRED");
        HttpResponse<byte[]> own = read(metadata(relationship), organiser, "1", "X-Non-Disclosure-Right", "true");
        assertThat(own.statusCode()).as(text(own)).isEqualTo(200);
        assertThat(json(own).path("access").path("disclosure").asText()).isEqualTo("FULL");
        assertThat(read(display(relationship), organiser, "1", "X-Non-Disclosure-Right", "true").statusCode())
                .isEqualTo(200);

        // the provider under its right and the second organisation under sharing, whatever they assert, get the
        // metadata with the location data masked, and neither the display form nor the original
        String[][] others = {{provider, "1"}, {second, SHARING}};
        for (String[] other : others) {
            HttpResponse<byte[]> masked = read(metadata(relationship), other[0], other[1], "X-Non-Disclosure-Right",
                    "true");
            assertThat(masked.statusCode()).as(text(masked)).isEqualTo(200);
            JsonNode answer = json(masked);
            assertThat(answer.path("access").path("disclosure").asText()).isEqualTo("STRUCTURED_FORM_MASKED");
            assertThat(answer.path("maskedFields")).extracting(JsonNode::asText)
                    .containsExactly("/asiakkuusasiakirja/asiakas/kotikunta");
            JsonNode person = answer.path("maskedStructuredForm").path("asiakkuusasiakirja").path("asiakas");
            assertThat(person.has("kotikunta")).isTrue();
            assertThat(person.path("kotikunta").isNull()).isTrue();
            assertThat(person.path("turvakielto").asBoolean()).isTrue();
            assertThat(text(masked)).doesNotContain("092 Vantaa");
            assertProblem(read(display(relationship), other[0], other[1], "X-Non-Disclosure-Right", "true"), 403,
                    "PROTECTED_LOCATION_DATA_WITHHELD");
            assertProblem(read(display(relationship) + "?format=pdf", other[0], other[1]), 403,
                    "PROTECTED_LOCATION_DATA_WITHHELD");
            assertProblem(read(original(relationship), other[0], other[1]), 403, "PROTECTED_LOCATION_DATA_WITHHELD");
            // nor does asking whether a copy is current confirm the original's hash
            assertProblem(read(original(relationship), other[0], other[1], "If-None-Match",
                    "\"" + answer.path("sha256").asText() + "\""), 403, "PROTECTED_LOCATION_DATA_WITHHELD");
        }

        // and the audit records the masked read with what was masked, the withheld ones as denied with the code
        List<AuditEvent> providerReads = readsOf(relationship, provider);
        assertThat(providerReads.get(0).outcome()).isEqualTo("SUCCESS");
        assertThat(providerReads.get(0).detail()).isEqualTo("basis REGISTER_ACCESS_RIGHT (register access right in the "
                + "register of " + organiser + ", service task 24), disclosure STRUCTURED_FORM_MASKED; use context 1; "
                + "asserted: asserted right to process non-disclosure data; masked [/asiakkuusasiakirja/asiakas/kotikunta]");
        // (the conditional read decides on the metadata first, then refuses the original)
        assertThat(providerReads).extracting(AuditEvent::operation, AuditEvent::outcome).containsExactly(
                Tuple.tuple("READ_METADATA", "SUCCESS"), Tuple.tuple("READ_DISPLAY", "DENIED"),
                Tuple.tuple("READ_DISPLAY", "DENIED"), Tuple.tuple("READ_CONTENT", "DENIED"),
                Tuple.tuple("READ_METADATA", "SUCCESS"), Tuple.tuple("READ_CONTENT", "DENIED"));
        assertThat(providerReads).filteredOn(e -> e.outcome().equals("DENIED")).allSatisfy(e -> assertThat(e.detail())
                .startsWith("PROTECTED_LOCATION_DATA_WITHHELD under basis REGISTER_ACCESS_RIGHT"));
        assertThat(readsOf(relationship, second).get(0).detail())
                .startsWith("basis SHARING_WITH_CONSENT (sharing with consent from the register of " + organiser + ")")
                .contains("disclosure STRUCTURED_FORM_MASKED; use context 2");
        assertThat(readsOf(relationship, organiser)).extracting(AuditEvent::outcome)
                .containsExactly("DENIED", "DENIED", "SUCCESS", "SUCCESS");
    }
}
