package fi.arkisto.app.api.organisation;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiIntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OrganisationApiTest extends ApiIntegrationTest {

    @Test
    void listsTheOrganisationsKantaPublishesWithTheirArchiveStartDates() {
        HttpResponse<byte[]> response = send(authenticated("/api/v1/organisations", OWN_CLIENT).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        json(response).forEach(o -> names.add(o.path("name").asText()));
        assertThat(names).contains("Social- och hälsovårdsväsendet i Vasa", "Äänekosken perusturva", "Wiitaunioni");
        JsonNode saarikka = json(send(authenticated("/api/v1/organisations/35", OWN_CLIENT).GET().build()));
        assertThat(saarikka.path("name").asText()).isEqualTo("Saarikka");
        assertThat(saarikka.path("functions").get(0).path("function").asText()).isEqualTo("ARCHIVING");
        assertThat(saarikka.path("functions").get(0).path("state").asText()).isEqualTo("IN_USE");
        assertThat(saarikka.path("functions").get(0).path("startDate").asText()).isEqualTo("2019-12-11");
    }

    @Test
    void anOrganisationTheRegistryDoesNotHoldIsAProblem() {
        // (id 0 and anonymous callers: OrganisationControllerWebMvcTest)
        assertProblem(send(authenticated("/api/v1/organisations/999999", OWN_CLIENT).GET().build()), 404,
                "ORGANISATION_NOT_FOUND");
    }
}
