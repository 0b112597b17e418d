package fi.arkisto.app.api.client;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.audit.AuditEvent;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.testsupport.ClientRelationshipForms.Provider;
import fi.arkisto.store.testsupport.KantaSamples;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client's informing, consents and denials through the API against the real store: what the organisation serving
 * the client records and withdraws, what it and others are refused, and that nothing is ever deleted.
 */
class ClientSharingRecordsApiTest extends ApiIntegrationTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Helsinki"));
    private static final LocalDate JANUARY = LocalDate.of(2026, 1, 1);

    @Autowired
    AuditLog audit;

    private static String records(String client, String kind) {
        return "/api/v1/clients/" + client + "/" + kind;
    }

    @Test
    void theServingOrganisationRecordsInformingConsentAndDenialAndAWithdrawalLeavesTheHistory() {
        // given a client in an active client relationship with the organiser
        String organiser = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        String document = archiveClientRelationship(organiser, client, JANUARY, null);

        // when the organiser records informing, a consent and a denial of one of the client's documents
        HttpResponse<byte[]> informing = postJson(records(client, "informing"), organiser,
                "{\"informedOn\": \"2026-02-01\", \"description\": \"Kerrottu kirjeellä\"}");
        HttpResponse<byte[]> consent = postJson(records(client, "consents"), organiser,
                "{\"validUntil\": \"" + TODAY.plusYears(2) + "\"}");
        HttpResponse<byte[]> denial = postJson(records(client, "denials"), organiser,
                "{\"targetType\": \"DOCUMENT\", \"target\": \"" + document + "\"}");

        // then each answers 201 with what was recorded, by whom
        assertThat(informing.statusCode()).as(text(informing)).isEqualTo(201);
        assertThat(json(informing).path("kind").asText()).isEqualTo("INFORMING");
        assertThat(json(informing).path("informedOn").asText()).isEqualTo("2026-02-01");
        assertThat(json(informing).path("description").asText()).isEqualTo("Kerrottu kirjeellä");
        assertThat(json(informing).path("inEffect").asBoolean()).isTrue();
        assertThat(consent.statusCode()).as(text(consent)).isEqualTo(201);
        JsonNode recordedConsent = json(consent);
        assertThat(recordedConsent.path("validFrom").asText()).isEqualTo(TODAY.toString());
        assertThat(recordedConsent.path("validUntil").asText()).isEqualTo(TODAY.plusYears(2).toString());
        assertThat(recordedConsent.path("recorded").path("organisation").asText()).isEqualTo(organiser);
        assertThat(recordedConsent.path("recorded").path("userId").asText()).isEqualTo("test-professional");
        assertThat(recordedConsent.path("recorded").path("purposeOfUse").asText()).isEqualTo("1");
        assertThat(recordedConsent.has("withdrawal")).isFalse();
        assertThat(denial.statusCode()).as(text(denial)).isEqualTo(201);
        assertThat(json(denial).path("targetType").asText()).isEqualTo("DOCUMENT");
        assertThat(json(denial).path("target").asText()).isEqualTo(document);

        // when the consent is withdrawn
        String consentId = recordedConsent.path("id").asText();
        HttpResponse<byte[]> withdrawn = postJson(records(client, "consents") + "/" + consentId + "/withdrawal",
                organiser, "{\"reason\": \"Asiakas perui suostumuksen\"}");

        // then it is no longer in effect, and the history still holds it with its withdrawal
        assertThat(withdrawn.statusCode()).as(text(withdrawn)).isEqualTo(200);
        HttpResponse<byte[]> history = getAs(records(client, "consents"), organiser);
        assertThat(history.statusCode()).as(text(history)).isEqualTo(200);
        JsonNode items = json(history).path("items");
        assertThat(items).hasSize(1);
        JsonNode kept = items.get(0);
        assertThat(kept.path("id").asText()).isEqualTo(consentId);
        assertThat(kept.path("validFrom").asText()).isEqualTo(TODAY.toString());
        assertThat(kept.path("inEffect").asBoolean()).isFalse();
        assertThat(kept.path("withdrawal").path("on").asText()).isEqualTo(TODAY.toString());
        assertThat(kept.path("withdrawal").path("reason").asText()).isEqualTo("Asiakas perui suostumuksen");
        assertThat(kept.path("withdrawal").path("organisation").asText()).isEqualTo(organiser);
        assertThat(json(getAs(records(client, "informing"), organiser)).path("items")).hasSize(1);
        assertThat(json(getAs(records(client, "denials"), organiser)).path("items")).hasSize(1);

        // and every change and read is audited with who, the organisation, the use context and the outcome
        assertThat(audit.eventsForClient(client)).extracting(AuditEvent::operation, AuditEvent::outcome,
                AuditEvent::organisation, AuditEvent::purposeOfUse).containsExactly(
                Tuple.tuple("ARCHIVE", "SUCCESS", organiser, "1"),
                Tuple.tuple("RECORD_INFORMING", "SUCCESS", organiser, "1"),
                Tuple.tuple("RECORD_CONSENT", "SUCCESS", organiser, "1"),
                Tuple.tuple("RECORD_DENIAL", "SUCCESS", organiser, "1"),
                Tuple.tuple("WITHDRAW_CONSENT", "SUCCESS", organiser, "1"),
                Tuple.tuple("READ_CONSENTS", "SUCCESS", organiser, "1"),
                Tuple.tuple("READ_INFORMING", "SUCCESS", organiser, "1"),
                Tuple.tuple("READ_DENIALS", "SUCCESS", organiser, "1"));
        assertThat(audit.eventsForClient(client)).allSatisfy(e -> assertThat(e.userId()).isEqualTo("test-professional"));
    }

    @Test
    void anotherOrganisationWithNoRelationshipWithTheClientIsRefusedAndNothingIsRecorded() {
        // given a client of one organiser only
        String organiser = newOrganisation();
        String stranger = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        archiveClientRelationship(organiser, client, JANUARY, null);

        // when another organisation records a consent for the client, or reads the client's denials
        HttpResponse<byte[]> consent = postJson(records(client, "consents"), stranger, "{}");
        HttpResponse<byte[]> denials = getAs(records(client, "denials"), stranger);

        // then both are refused with the code that says why, audited as denied
        assertProblem(consent, 403, "CLIENT_NOT_SERVED");
        assertProblem(denials, 403, "CLIENT_NOT_SERVED");
        assertThat(json(getAs(records(client, "consents"), organiser)).path("items")).isEmpty();
        assertThat(audit.eventsForClient(client)).filteredOn(e -> e.organisation().equals(stranger))
                .extracting(AuditEvent::operation, AuditEvent::outcome).containsExactly(
                        Tuple.tuple("RECORD_CONSENT", "DENIED"), Tuple.tuple("READ_DENIALS", "DENIED"));

        // and an organisation whose client relationship has ended is refused too
        String former = newOrganisation();
        archiveClientRelationship(former, client, JANUARY, TODAY.minusDays(1));
        assertProblem(postJson(records(client, "informing"), former, "{}"), 403, "CLIENT_NOT_SERVED");
    }

    @Test
    void aProviderRecordsOnlyWhileItsRegisterAccessRightIsInEffect() {
        // given the organiser's client relationship document naming a unit of the provider from January
        String organiser = newOrganisation();
        String provider = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        archiveClientRelationship(organiser, client, JANUARY, null, new Provider(unitOf(provider, 21), JANUARY, null));

        // when / then: without an agreement between the two, the provider is refused
        assertProblem(postJson(records(client, "informing"), provider, "{}"), 403, "CLIENT_NOT_SERVED");

        // when the organiser creates the agreement, the provider records informing
        HttpResponse<byte[]> agreement = postJson("/api/v1/register-access-agreements", organiser,
                "{\"organiser\": \"" + organiser + "\", \"provider\": \"" + provider + "\", \"serviceTasks\": [\"24\"],"
                        + " \"validFrom\": \"2026-01-01\", \"contractReference\": \"SOP-77\"}");
        assertThat(agreement.statusCode()).as(text(agreement)).isEqualTo(201);
        HttpResponse<byte[]> informing = postJson(records(client, "informing"), provider, "{}");
        assertThat(informing.statusCode()).as(text(informing)).isEqualTo(201);
        assertThat(json(informing).path("recorded").path("organisation").asText()).isEqualTo(provider);

        // and once the organiser ends the agreement, the provider can no longer read the records
        String id = json(agreement).path("id").asText();
        HttpResponse<byte[]> ended = postJson("/api/v1/register-access-agreements/" + id + "/end", organiser, "{}");
        assertThat(ended.statusCode()).as(text(ended)).isEqualTo(200);
        assertProblem(getAs(records(client, "informing"), provider), 403, "CLIENT_NOT_SERVED");
        assertThat(json(getAs(records(client, "informing"), organiser)).path("items")).hasSize(1);
    }

    @Test
    void badInputGetsItsOwnProblemCodeAndChangesNothing() {
        String organiser = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        archiveClientRelationship(organiser, client, JANUARY, null);
        String othersDocument = archiveClientRelationship(organiser, KantaSamples.newTestIdentityCode(), JANUARY, null);

        // the client id must be a personal identity code, and the answer never echoes it whole
        JsonNode invalid = assertProblem(postJson(records("010101-900A", "consents"), organiser, "{}"), 422,
                "INVALID_IDENTITY_CODE");
        assertThat(invalid.toString()).doesNotContain("010101-900A");
        // days
        assertProblem(postJson(records(client, "informing"), organiser, "{\"informedOn\": \"2026-02-30\"}"), 422,
                "INVALID_DATE");
        assertProblem(postJson(records(client, "informing"), organiser,
                "{\"informedOn\": \"" + TODAY.plusDays(1) + "\"}"), 422, "DATE_IN_FUTURE");
        assertProblem(postJson(records(client, "consents"), organiser,
                "{\"validFrom\": \"2026-03-01\", \"validUntil\": \"2026-02-28\"}"), 422, "INVALID_VALIDITY_PERIOD");
        // denial targets
        assertProblem(postJson(records(client, "denials"), organiser, "{\"targetType\": \"PERSON\", \"target\": \"x\"}"),
                422, "INVALID_DENIAL_TARGET");
        assertProblem(postJson(records(client, "denials"), organiser, "{\"targetType\": \"CONTROLLER\"}"), 422,
                "MISSING_REQUEST_FIELD");
        assertProblem(postJson(records(client, "denials"), organiser,
                "{\"targetType\": \"CONTROLLER\", \"target\": \"Testilän kunta\"}"), 422, "INVALID_OID");
        assertProblem(postJson(records(client, "denials"), organiser,
                "{\"targetType\": \"SERVICE_TASK\", \"target\": \"lastensuojelu\"}"), 422, "INVALID_SERVICE_TASK");
        assertProblem(postJson(records(client, "denials"), organiser,
                "{\"targetType\": \"DOCUMENT\", \"target\": \"" + othersDocument + "\"}"), 422, "DENIED_DOCUMENT_UNKNOWN");
        assertProblem(postJson(records(client, "consents"), organiser,
                "{\"description\": \"" + "x".repeat(1001) + "\"}"), 422, "TEXT_TOO_LONG");
        // bodies
        assertProblem(postJson(records(client, "consents"), organiser, "{\"validFrom\": "), 400, "MALFORMED_JSON");
        assertProblem(postJson(records(client, "consents"), organiser, "{\"validFrom\": {\"day\": 1}}"), 400,
                "INVALID_REQUEST");
        assertProblem(send(asOrganisation(records(client, "denials"), organiser).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("DOCUMENT")).build()), 415, "UNSUPPORTED_MEDIA_TYPE");
        // withdrawals of what is not there
        assertProblem(postJson(records(client, "consents") + "/123/withdrawal", organiser, "{}"), 400,
                "INVALID_RECORD_ID");
        assertProblem(postJson(records(client, "consents") + "/" + UUID.randomUUID() + "/withdrawal", organiser, "{}"),
                404, "SHARING_RECORD_NOT_FOUND");
        // a use context for reading another controller's documents keeps no records
        assertProblem(send(withContext(authenticated(records(client, "consents"), ANY_ORGANISATION_CLIENT), organiser)
                .setHeader("X-Purpose-Of-Use", "2").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build()), 403, "USE_CONTEXT_NOT_FOR_CLIENT_RECORDS");

        // and none of it left a record
        for (String kind : new String[]{"informing", "consents", "denials"}) {
            assertThat(json(getAs(records(client, kind), organiser)).path("items")).as(kind).isEmpty();
        }
    }

    @Test
    void nothingIsDeletedAndARecordIsWithdrawnOnce() {
        // given a denial of a service task
        String organiser = newOrganisation();
        String client = KantaSamples.newTestIdentityCode();
        archiveClientRelationship(organiser, client, JANUARY, null);
        HttpResponse<byte[]> denial = postJson(records(client, "denials"), organiser,
                "{\"targetType\": \"service_task\", \"target\": \"25\", \"validFrom\": \"2026-01-01\"}");
        assertThat(denial.statusCode()).as(text(denial)).isEqualTo(201);
        String id = json(denial).path("id").asText();

        // when someone tries to delete it, or withdraws it twice
        HttpResponse<byte[]> deleted = send(asOrganisation(records(client, "denials") + "/" + id, organiser)
                .DELETE().build());
        HttpResponse<byte[]> deletedAll = send(asOrganisation(records(client, "denials"), organiser).DELETE().build());
        HttpResponse<byte[]> first = postJson(records(client, "denials") + "/" + id + "/withdrawal", organiser, "{}");
        HttpResponse<byte[]> second = postJson(records(client, "denials") + "/" + id + "/withdrawal", organiser, "{}");

        // then there is no deletion, the first withdrawal holds, the second is a conflict
        assertThat(deleted.statusCode()).as("no such resource").isEqualTo(404);
        assertThat(deletedAll.statusCode()).as("no such method").isEqualTo(405);
        assertThat(first.statusCode()).as(text(first)).isEqualTo(200);
        assertProblem(second, 409, "SHARING_RECORD_ALREADY_WITHDRAWN");
        JsonNode items = json(getAs(records(client, "denials"), organiser)).path("items");
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("targetType").asText()).isEqualTo("SERVICE_TASK");
        assertThat(items.get(0).path("target").asText()).isEqualTo("25");
        assertThat(items.get(0).path("withdrawal").path("on").asText()).isEqualTo(TODAY.toString());
    }
}
