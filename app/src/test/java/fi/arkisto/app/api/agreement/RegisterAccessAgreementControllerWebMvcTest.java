package fi.arkisto.app.api.agreement;

import fi.arkisto.app.support.ApiSliceTest;
import fi.arkisto.store.accessrecords.RegisterAccessAgreementService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MvcResult;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Register access agreements (docs/access.md): the fields the HTTP layer reads and refuses with their own codes, naming
 * the field, before archive-store is asked anything.
 */
@WebMvcTest(RegisterAccessAgreementController.class)
class RegisterAccessAgreementControllerWebMvcTest extends ApiSliceTest {

    private static final String AGREEMENTS = "/api/v1/register-access-agreements";
    private static final String PROVIDER = "1.2.246.10.12345678.10.0";

    @MockitoBean
    RegisterAccessAgreementService agreements;

    private MvcResult create(String json) {
        return perform(asOwnClient(post(AGREEMENTS)).contentType("application/json").content(json));
    }

    private static String body(String organiser, String provider, String extra) {
        return "{\"organiser\": \"" + organiser + "\", \"provider\": \"" + provider + "\", \"contractReference\": "
                + "\"SOP-2026-4\"" + (extra.isEmpty() ? "" : ", " + extra) + "}";
    }

    @Test
    void aMissingOrMalformedOrganisationIsRefusedNamingTheField() {
        assertProblem(create("{\"organiser\": \"" + CONTROLLER + "\", \"contractReference\": \"x\"}"), 422,
                "MISSING_REQUEST_FIELD");
        assertProblem(create("{\"provider\": \"" + PROVIDER + "\", \"contractReference\": \"x\"}"), 422,
                "MISSING_REQUEST_FIELD");
        assertProblem(create(body(CONTROLLER, "Palvelu Oy", "")), 422, "INVALID_OID");
        assertProblem(create(body("Testilän kunta", PROVIDER, "")), 422, "INVALID_OID");
        verifyNoInteractions(agreements);
    }

    @Test
    void daysThatAreNoCalendarDaysAre422InvalidDate() {
        assertProblem(create(body(CONTROLLER, PROVIDER, "\"validFrom\": \"1.1.2026\"")), 422, "INVALID_DATE");
        assertProblem(create(body(CONTROLLER, PROVIDER, "\"validUntil\": \"2026-02-30\"")), 422, "INVALID_DATE");
        assertProblem(perform(asOwnClient(post(AGREEMENTS + "/" + java.util.UUID.randomUUID() + "/end"))
                .contentType("application/json").content("{\"endsOn\": \"huomenna\"}")), 422, "INVALID_DATE");
        verifyNoInteractions(agreements);
    }

    @Test
    void bodiesThatCannotBeReadSayWhy() {
        assertProblem(create("{\"organiser\": "), 400, "MALFORMED_JSON");
        assertProblem(create(body(CONTROLLER, PROVIDER, "\"extensive\": \"kyllä\"")), 400, "INVALID_REQUEST");
        assertProblem(create(body(CONTROLLER, PROVIDER, "\"serviceTasks\": \"24\"")), 400, "INVALID_REQUEST");
        assertProblem(perform(asOwnClient(post(AGREEMENTS)).contentType("text/plain").content("x")), 415,
                "UNSUPPORTED_MEDIA_TYPE");
        verifyNoInteractions(agreements);
    }

    @Test
    void anIdThatIsNoUuidIs400AndACounterpartThatIsNoOidIs422() {
        assertProblem(perform(asOwnClient(get(AGREEMENTS + "/not-a-uuid"))), 400, "INVALID_RECORD_ID");
        assertProblem(perform(asOwnClient(post(AGREEMENTS + "/not-a-uuid/end"))), 400, "INVALID_RECORD_ID");
        assertProblem(perform(asOwnClient(get(AGREEMENTS + "?counterpart=abc"))), 422, "INVALID_OID");
        verifyNoInteractions(agreements);
    }
}
