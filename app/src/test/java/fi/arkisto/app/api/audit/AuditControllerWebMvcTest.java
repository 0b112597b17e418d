package fi.arkisto.app.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiSliceTest;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.audit.AuditVerification;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The audit chain's verification (invariant 5, docs/invariants.md) is for auditor client systems only
 * ({@code arkisto.security.api-clients[].auditor}), and answers what the chain's verification found.
 */
@WebMvcTest(AuditController.class)
class AuditControllerWebMvcTest extends ApiSliceTest {

    private static final String VERIFICATION = "/api/v1/audit/verification";

    @MockitoBean
    AuditLog auditLog;

    @Test
    void theAuditVerificationIsForAuditorsOnly() {
        // an ordinary client system is refused, and so is one registered for any organisation
        assertProblem(perform(as(OWN_CLIENT, get(VERIFICATION))), 403, "ACCESS_DENIED");
        assertProblem(perform(as(ANY_ORGANISATION_CLIENT, get(VERIFICATION))), 403, "ACCESS_DENIED");
        // the local tools' credential reaches migrations only
        assertProblem(perform(as(LOCAL_TOOLS, get(VERIFICATION))), 403, "ACCESS_DENIED");
        // and an anonymous caller must authenticate
        assertProblem(perform(get(VERIFICATION)), 401, "AUTHENTICATION_REQUIRED");
        verifyNoInteractions(auditLog);
    }

    @Test
    void anAuditorSeesWhereTheChainBreaks() {
        when(auditLog.verify()).thenReturn(new AuditVerification(false, 41, 17L, "hash of event 17 does not verify"));

        MvcResult response = perform(as(AUDITOR_CLIENT, get(VERIFICATION)));

        assertThat(response.getResponse().getStatus()).as(text(response)).isEqualTo(200);
        JsonNode verification = json(response);
        assertThat(verification.path("valid").asBoolean()).isFalse();
        assertThat(verification.path("events").asLong()).isEqualTo(41);
        assertThat(verification.path("firstBrokenEventId").asLong()).isEqualTo(17);
        assertThat(verification.path("problem").asText()).isEqualTo("hash of event 17 does not verify");
    }
}
