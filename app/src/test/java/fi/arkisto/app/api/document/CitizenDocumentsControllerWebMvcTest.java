package fi.arkisto.app.api.document;

import fi.arkisto.app.citizen.CitizenProperties;
import fi.arkisto.app.citizen.CitizenSecurityConfiguration;
import fi.arkisto.app.support.ApiSliceTest;
import fi.arkisto.store.display.PdfRenderer;
import fi.arkisto.store.document.DocumentReadService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Nothing is trusted by default: without an issuer of citizens' tokens (arkisto.citizen.*) the citizen API answers
 * CITIZEN_API_NOT_CONFIGURED to every request, whatever it carries, and no read reaches the archive.
 */
@WebMvcTest(CitizenDocumentsController.class)
@Import(CitizenSecurityConfiguration.class)
@EnableConfigurationProperties(CitizenProperties.class)
class CitizenDocumentsControllerWebMvcTest extends ApiSliceTest {

    @MockitoBean
    DocumentReadService reads;

    @MockitoBean
    PdfRenderer pdf;

    @Test
    void everyCitizenRequestIs503WithoutAnIssuerWhateverItCarries() {
        assertProblem(perform(get("/api/v1/citizen/documents")), 503, "CITIZEN_API_NOT_CONFIGURED");
        assertProblem(perform(get("/api/v1/citizen/documents/1.2.246.10.1.2026.1")
                .header("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJ1cm46b2lkOjEuMi4yNDYuMjEiOiIwMTAxOTAtOTAwUCJ9.")),
                503, "CITIZEN_API_NOT_CONFIGURED");
        assertProblem(perform(as(OWN_CLIENT, get("/api/v1/citizen/documents"))), 503, "CITIZEN_API_NOT_CONFIGURED");
        verifyNoInteractions(reads, pdf);
    }
}
