package fi.arkisto.app.api.document;

import fi.arkisto.app.citizen.CitizenProperties;
import fi.arkisto.app.citizen.CitizenSecurityConfiguration;
import fi.arkisto.app.citizen.CitizenTestIssuer;
import fi.arkisto.app.support.ApiSliceTest;
import fi.arkisto.store.display.PdfRenderer;
import fi.arkisto.store.document.DocumentReadService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * An issuer that cannot be reached for its keys: the archive starts, and a citizen's token that cannot be checked is
 * 503 CITIZEN_ISSUER_UNAVAILABLE (retry later), never accepted and never a 500. Port 9 (discard) on the loopback
 * answers nothing here.
 */
@WebMvcTest(CitizenDocumentsController.class)
@Import(CitizenSecurityConfiguration.class)
@EnableConfigurationProperties(CitizenProperties.class)
@TestPropertySource(properties = "arkisto.citizen.jwk-set-uri=http://127.0.0.1:9/jwks")
class CitizenIssuerUnavailableWebMvcTest extends ApiSliceTest {

    @MockitoBean
    DocumentReadService reads;

    @MockitoBean
    PdfRenderer pdf;

    @Test
    void aTokenThatCannotBeCheckedIs503AndReachesNothing(@TempDir Path keys) {
        String token = CitizenTestIssuer.openOrCreate(keys).token("urn:oid:1.2.246.21", "010190-900P", "urn:idp",
                Instant.now(), Duration.ofMinutes(5));

        assertProblem(perform(get("/api/v1/citizen/documents").header("Authorization", "Bearer " + token)), 503,
                "CITIZEN_ISSUER_UNAVAILABLE");
        assertProblem(perform(get("/api/v1/citizen/documents")), 401, "CITIZEN_TOKEN_MISSING");
        verifyNoInteractions(reads, pdf);
    }
}
