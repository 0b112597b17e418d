package fi.arkisto.app.api.agreement;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Register access agreements through the API: the organiser creates and ends them, both parties read them. */
class RegisterAccessAgreementApiTest extends ApiIntegrationTest {

    private static final String AGREEMENTS = "/api/v1/register-access-agreements";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Europe/Helsinki"));

    @Autowired
    DataSource dataSource;

    private static String body(String organiser, String provider, String extra) {
        return "{\"organiser\": \"" + organiser + "\", \"provider\": \"" + provider + "\", \"contractReference\": "
                + "\"SOP-2026-4\"" + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    @Test
    void theOrganiserCreatesAnAgreementThatTheProviderReadsAndNoOtherOrganisationSees() {
        // given
        String organiser = newOrganisation();
        String provider = newOrganisation();
        String third = newOrganisation();

        // when the organiser creates an extensive agreement for family services from January
        HttpResponse<byte[]> created = postJson(AGREEMENTS, organiser, body(organiser, provider,
                "\"extensive\": true, \"serviceTasks\": [\"24\"], \"validFrom\": \"2026-01-01\""));

        // then 201, Location names it, and it is what was asked for, in effect today
        assertThat(created.statusCode()).as(text(created)).isEqualTo(201);
        JsonNode agreement = json(created);
        String id = agreement.path("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValue(uri(AGREEMENTS + "/" + id).toString());
        assertThat(agreement.path("organiser").asText()).isEqualTo(organiser);
        assertThat(agreement.path("provider").asText()).isEqualTo(provider);
        assertThat(agreement.path("extensive").asBoolean()).isTrue();
        assertThat(agreement.path("serviceTasks").toString()).isEqualTo("[\"24\"]");
        assertThat(agreement.path("validFrom").asText()).isEqualTo("2026-01-01");
        assertThat(agreement.has("validUntil")).isFalse();
        assertThat(agreement.path("contractReference").asText()).isEqualTo("SOP-2026-4");
        assertThat(agreement.path("inEffect").asBoolean()).isTrue();
        assertThat(agreement.path("created").path("organisation").asText()).isEqualTo(organiser);

        // and the provider reads it alone and in its list; a third organisation sees nothing
        HttpResponse<byte[]> read = getAs(AGREEMENTS + "/" + id, provider);
        assertThat(read.statusCode()).as(text(read)).isEqualTo(200);
        assertThat(json(read)).isEqualTo(agreement);
        assertThat(json(getAs(AGREEMENTS, provider)).path("items").findValuesAsText("id")).containsExactly(id);
        assertThat(json(getAs(AGREEMENTS + "?counterpart=" + organiser, provider)).path("items")).hasSize(1);
        assertThat(json(getAs(AGREEMENTS + "?counterpart=" + third, provider)).path("items")).isEmpty();
        assertProblem(getAs(AGREEMENTS + "/" + id, third), 404, "AGREEMENT_NOT_FOUND");
        assertThat(json(getAs(AGREEMENTS, third)).path("items")).isEmpty();

        // and the creation and every read are audited
        assertThat(auditOf(id)).containsExactly("CREATE_ACCESS_AGREEMENT SUCCESS " + organiser,
                "READ_ACCESS_AGREEMENTS SUCCESS " + provider, "READ_ACCESS_AGREEMENTS NOT_FOUND " + third);
    }

    @Test
    void onlyTheOrganiserEndsAnAgreementWhichStaysReadableWithItsEnd() {
        // given an agreement in effect
        String organiser = newOrganisation();
        String provider = newOrganisation();
        String id = json(postJson(AGREEMENTS, organiser, body(organiser, provider, "\"validFrom\": \"2026-01-01\"")))
                .path("id").asText();

        // when the provider tries to end it, then the organiser ends it
        HttpResponse<byte[]> byProvider = postJson(AGREEMENTS + "/" + id + "/end", provider, "{}");
        HttpResponse<byte[]> past = postJson(AGREEMENTS + "/" + id + "/end", organiser,
                "{\"endsOn\": \"" + TODAY.minusDays(1) + "\"}");
        HttpResponse<byte[]> ended = postJson(AGREEMENTS + "/" + id + "/end", organiser,
                "{\"reason\": \"Palvelusopimus päättyi\"}");

        // then the provider is refused, a retroactive end too, and the organiser's end takes effect today
        assertProblem(byProvider, 403, "AGREEMENT_ORGANISER_REQUIRED");
        assertProblem(past, 422, "AGREEMENT_END_IN_PAST");
        assertThat(ended.statusCode()).as(text(ended)).isEqualTo(200);
        JsonNode end = json(ended);
        assertThat(end.path("inEffect").asBoolean()).isFalse();
        assertThat(end.path("lastDay").asText()).isEqualTo(TODAY.minusDays(1).toString());
        assertThat(end.path("end").path("endsOn").asText()).isEqualTo(TODAY.toString());
        assertThat(end.path("end").path("organisation").asText()).isEqualTo(organiser);
        assertThat(end.path("end").path("reason").asText()).isEqualTo("Palvelusopimus päättyi");

        // and it stays readable to both, and is not ended twice
        assertThat(json(getAs(AGREEMENTS + "/" + id, provider))).isEqualTo(end);
        assertProblem(postJson(AGREEMENTS + "/" + id + "/end", organiser, "{}"), 409, "AGREEMENT_ALREADY_ENDED");
        assertThat(auditOf(id)).contains("END_ACCESS_AGREEMENT DENIED " + provider,
                "END_ACCESS_AGREEMENT REJECTED " + organiser, "END_ACCESS_AGREEMENT SUCCESS " + organiser);
    }

    @Test
    void badInputGetsItsOwnProblemCodeAndCreatesNothing() {
        String organiser = newOrganisation();
        String provider = newOrganisation();

        assertProblem(postJson(AGREEMENTS, provider, body(organiser, provider, "")), 403, "AGREEMENT_ORGANISER_REQUIRED");
        assertProblem(postJson(AGREEMENTS, organiser, "{\"organiser\": \"" + organiser + "\", \"contractReference\": \"x\"}"),
                422, "MISSING_REQUEST_FIELD");
        assertProblem(postJson(AGREEMENTS, organiser, body(organiser, "Palvelu Oy", "")), 422, "INVALID_OID");
        assertProblem(postJson(AGREEMENTS, organiser, body(organiser, organiser, "")), 422, "AGREEMENT_WITH_ITSELF");
        assertProblem(postJson(AGREEMENTS, organiser, "{\"organiser\": \"" + organiser + "\", \"provider\": \""
                + provider + "\"}"), 422, "CONTRACT_REFERENCE_REQUIRED");
        assertProblem(postJson(AGREEMENTS, organiser, body(organiser, provider, "\"serviceTasks\": [\"perhe\"]")), 422,
                "INVALID_SERVICE_TASK");
        assertProblem(postJson(AGREEMENTS, organiser, body(organiser, provider, "\"validFrom\": \"1.1.2026\"")), 422,
                "INVALID_DATE");
        assertProblem(postJson(AGREEMENTS, organiser, body(organiser, provider,
                "\"validFrom\": \"2026-06-01\", \"validUntil\": \"2026-05-31\"")), 422, "INVALID_VALIDITY_PERIOD");
        assertProblem(postJson(AGREEMENTS, organiser, "{\"organiser\": "), 400, "MALFORMED_JSON");
        assertProblem(postJson(AGREEMENTS, organiser, body(organiser, provider, "\"extensive\": \"kyllä\"")), 400,
                "INVALID_REQUEST");
        assertProblem(getAs(AGREEMENTS + "/not-a-uuid", organiser), 400, "INVALID_RECORD_ID");
        assertProblem(getAs(AGREEMENTS + "/" + UUID.randomUUID(), organiser), 404, "AGREEMENT_NOT_FOUND");
        assertProblem(getAs(AGREEMENTS + "?counterpart=abc", organiser), 422, "INVALID_OID");
        assertThat(json(getAs(AGREEMENTS, organiser)).path("items")).isEmpty();

        // and an agreement overlapping another in days and service tasks is a conflict
        assertThat(postJson(AGREEMENTS, organiser, body(organiser, provider, "\"serviceTasks\": [\"24\", \"25\"]"))
                .statusCode()).isEqualTo(201);
        assertProblem(postJson(AGREEMENTS, organiser, body(organiser, provider, "\"serviceTasks\": [\"25\"]")), 409,
                "AGREEMENT_OVERLAP");
        assertThat(postJson(AGREEMENTS, organiser, body(organiser, provider, "\"serviceTasks\": [\"22\"]"))
                .statusCode()).isEqualTo(201);
        assertThat(json(getAs(AGREEMENTS, organiser)).path("items")).hasSize(2);
    }

    /** The agreement's audit events as "OPERATION OUTCOME organisation", oldest first. */
    private List<String> auditOf(String id) {
        return new JdbcTemplate(dataSource).queryForList("SELECT operation || ' ' || outcome || ' ' || organisation"
                + " FROM archive.audit_event WHERE detail LIKE ? ORDER BY id", String.class, "%" + id + "%");
    }
}
