package fi.arkisto.app.api.client;

import fi.arkisto.app.support.ApiSliceTest;
import fi.arkisto.store.accessrecords.SharingRecordService;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MvcResult;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The client's informing, consent and denial records (docs/access.md): what the HTTP layer refuses with its own code
 * before archive-store is asked anything: days that are not calendar days, denial targets, bodies, record ids.
 */
@WebMvcTest(ClientSharingRecordsController.class)
class ClientSharingRecordsControllerWebMvcTest extends ApiSliceTest {

    private static final String CLIENT = KantaSamples.SAMPLE_CLIENT;

    @MockitoBean
    SharingRecordService records;

    private MvcResult postJson(String kind, String json) {
        return perform(asOwnClient(post("/api/v1/clients/" + CLIENT + "/" + kind)).contentType("application/json").content(json));
    }

    @Test
    void aDayThatIsNoCalendarDayIs422InvalidDate() {
        assertProblem(postJson("informing", "{\"informedOn\": \"2026-02-30\"}"), 422, "INVALID_DATE");
        assertProblem(postJson("consents", "{\"validFrom\": \"1.3.2026\"}"), 422, "INVALID_DATE");
        assertProblem(postJson("consents", "{\"validUntil\": \"tomorrow\"}"), 422, "INVALID_DATE");
        assertProblem(postJson("denials", "{\"targetType\": \"SERVICE_TASK\", \"target\": \"24\", \"validFrom\": \"2026-13-01\"}"),
                422, "INVALID_DATE");
        verifyNoInteractions(records);
    }

    @Test
    void aDenialNeedsAKnownTargetTypeAndATarget() {
        assertProblem(postJson("denials", "{\"targetType\": \"PERSON\", \"target\": \"x\"}"), 422, "INVALID_DENIAL_TARGET");
        assertProblem(postJson("denials", "{\"targetType\": \"CONTROLLER\"}"), 422, "MISSING_REQUEST_FIELD");
        assertProblem(postJson("denials", "{\"target\": \"24\"}"), 422, "MISSING_REQUEST_FIELD");
        assertProblem(postJson("denials", "{\"targetType\": \" \", \"target\": \"24\"}"), 422, "MISSING_REQUEST_FIELD");
        verifyNoInteractions(records);
    }

    @Test
    void bodiesThatCannotBeReadSayWhy() {
        assertProblem(postJson("consents", "{\"validFrom\": "), 400, "MALFORMED_JSON");
        assertProblem(postJson("consents", "{\"validFrom\": {\"day\": 1}}"), 400, "INVALID_REQUEST");
        assertProblem(perform(asOwnClient(post("/api/v1/clients/" + CLIENT + "/denials")).contentType("text/plain")
                .content("DOCUMENT")), 415, "UNSUPPORTED_MEDIA_TYPE");
        verifyNoInteractions(records);
    }

    @Test
    void aWithdrawalOfARecordIdThatIsNoUuidIs400() {
        for (String kind : new String[] {"informing", "consents", "denials"}) {
            assertProblem(postJson(kind + "/123/withdrawal", "{}"), 400, "INVALID_RECORD_ID");
        }
        verifyNoInteractions(records);
    }

    @Test
    void recordsNeedAClientSystemActingForARegisteredOrganisation() {
        assertProblem(perform(withContext(post("/api/v1/clients/" + CLIENT + "/consents"), CONTROLLER)
                .contentType("application/json").content("{}")), 401, "AUTHENTICATION_REQUIRED");
        assertProblem(perform(as(OWN_CLIENT, OTHER_ORGANISATION, post("/api/v1/clients/" + CLIENT + "/consents"))
                .contentType("application/json").content("{}")), 403, "ACCESS_DENIED");
        verifyNoInteractions(records);
    }
}
