package fi.arkisto.app.api.organisation;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiSliceTest;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.organisation.ClientInformationSystem;
import fi.arkisto.store.organisation.FunctionState;
import fi.arkisto.store.organisation.FunctionUse;
import fi.arkisto.store.organisation.KantaFunction;
import fi.arkisto.store.organisation.Organisation;
import fi.arkisto.store.organisation.OrganisationId;
import fi.arkisto.store.organisation.OrganisationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MvcResult;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The organisation registry's read-only API: its views, an unknown id as a problem, and who may read it. */
@WebMvcTest(OrganisationController.class)
class OrganisationControllerWebMvcTest extends ApiSliceTest {

    private static final Organisation SAARIKKA = new Organisation(new OrganisationId(35), "Saarikka", "2133145-6",
            Oid.of("1.2.246.10.21331456.10.0"), List.of(new ClientInformationSystem("Sosiaalitieto", "5.2", "Testitoimittaja Oy")),
            List.of(new FunctionUse(KantaFunction.ARCHIVING, FunctionState.IN_USE, LocalDate.of(2019, 12, 11))));

    @MockitoBean
    OrganisationRegistry registry;

    @Test
    void anOrganisationIsShownWithItsSystemsAndFunctions() {
        when(registry.find(new OrganisationId(35))).thenReturn(Optional.of(SAARIKKA));

        MvcResult response = perform(as(OWN_CLIENT, get("/api/v1/organisations/35")));

        assertThat(response.getResponse().getStatus()).as(text(response)).isEqualTo(200);
        JsonNode saarikka = json(response);
        assertThat(saarikka.path("id").asLong()).isEqualTo(35);
        assertThat(saarikka.path("name").asText()).isEqualTo("Saarikka");
        assertThat(saarikka.path("organisationOid").asText()).isEqualTo("1.2.246.10.21331456.10.0");
        assertThat(saarikka.path("systems").get(0).path("product").asText()).isEqualTo("Sosiaalitieto");
        assertThat(saarikka.path("functions").get(0).path("function").asText()).isEqualTo("ARCHIVING");
        assertThat(saarikka.path("functions").get(0).path("state").asText()).isEqualTo("IN_USE");
        assertThat(saarikka.path("functions").get(0).path("startDate").asText()).isEqualTo("2019-12-11");
    }

    @Test
    void theListShowsEveryOrganisationAndOmitsAnOidNotYetKnown() {
        Organisation unidentified = new Organisation(new OrganisationId(7), "Wiitaunioni", null, null, List.of(), List.of());
        when(registry.findAll()).thenReturn(List.of(SAARIKKA, unidentified));

        JsonNode list = json(perform(as(OWN_CLIENT, get("/api/v1/organisations"))));

        assertThat(list.findValuesAsText("name")).containsExactly("Saarikka", "Wiitaunioni");
        assertThat(list.get(1).has("organisationOid")).isFalse();
    }

    @Test
    void anUnknownOrganisationIsAProblemAndAnonymousCallersAreRefused() {
        when(registry.find(any())).thenReturn(Optional.empty());

        assertProblem(perform(as(OWN_CLIENT, get("/api/v1/organisations/999999"))), 404, "ORGANISATION_NOT_FOUND");
        assertProblem(perform(as(OWN_CLIENT, get("/api/v1/organisations/0"))), 404, "ORGANISATION_NOT_FOUND");
        assertProblem(perform(get("/api/v1/organisations")), 401, "AUTHENTICATION_REQUIRED");
    }

    @Test
    void anIdThatIsNoNumberIs400NamingTheParameter() {
        MvcResult response = perform(as(OWN_CLIENT, get("/api/v1/organisations/saarikka")));

        assertThat(assertProblem(response, 400, "INVALID_REQUEST").path("detail").asText()).contains("Parameter id", "a number");
        verifyNoInteractions(registry);
    }

    @Test
    void onlyClientSystemsReadTheRegistry() {
        // the metrics scraper and Camunda users are no API clients; an unknown user is refused like a wrong password
        assertProblem(perform(get("/api/v1/organisations").header("Authorization", basic("testadmin", PASSWORD))),
                401, "AUTHENTICATION_REQUIRED");
        verifyNoInteractions(registry);
    }
}
