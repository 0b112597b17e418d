package fi.arkisto.app.api.document;

import fi.arkisto.app.support.ApiSliceTest;
import fi.arkisto.store.document.ClientDocumentsPage;
import fi.arkisto.store.document.ClientDocumentsScope;
import fi.arkisto.store.document.ClientDocumentsQuery;
import fi.arkisto.store.document.DocumentReadService;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MvcResult;

import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/** The client's document list: paging and filters checked and handed to archive-store as given, the page counted. */
@WebMvcTest(ClientDocumentsController.class)
class ClientDocumentsControllerWebMvcTest extends ApiSliceTest {

    private static final String SAMPLE_CLIENT = KantaSamples.SAMPLE_CLIENT;
    private static final String LIST = "/api/v1/clients/" + SAMPLE_CLIENT + "/documents";

    @MockitoBean
    DocumentReadService reads;

    @Test
    void badPagingIs400() {
        assertProblem(perform(asOwnClient(get(LIST + "?size=100000"))), 400, "INVALID_REQUEST");
        assertProblem(perform(asOwnClient(get(LIST + "?page=-1"))), 400, "INVALID_REQUEST");
        assertProblem(perform(asOwnClient(get(LIST + "?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z"))),
                400, "INVALID_REQUEST");
        assertProblem(perform(asOwnClient(get(LIST + "?size=0"))), 400, "INVALID_REQUEST");
        assertProblem(perform(asOwnClient(get(LIST + "?scope=everything"))), 400, "INVALID_REQUEST");
        verifyNoInteractions(reads);
    }

    @Test
    void aPageThatIsNoNumberIs400AndTheIdentityCodeInThePathIsNeverEchoed() {
        MvcResult badPage = perform(asOwnClient(get(LIST + "?page=x")));

        assertProblem(badPage, 400, "INVALID_REQUEST");
        assertThat(text(badPage)).doesNotContain(SAMPLE_CLIENT);
        verifyNoInteractions(reads);
    }

    @Test
    void theFiltersAndTheDefaultPageSizeGoToTheArchiveAndTheTotalIsCountedInPages() {
        // given 45 documents in all
        when(reads.clientDocuments(any(), any(), any(), any())).thenReturn(new ClientDocumentsPage(List.of(), 1, 20, 45));

        // when the second page is asked with blank and padded filters
        MvcResult response = perform(asOwnClient(get(LIST)).param("page", "1").param("serviceTask", " 24 ")
                .param("documentGroup", "  ").param("from", "2026-01-01T00:00:00+02:00"));

        // then the archive is asked with the default page size and the filters as given, blanks as none
        assertThat(response.getResponse().getStatus()).as(text(response)).isEqualTo(200);
        ArgumentCaptor<ClientDocumentsQuery> query = ArgumentCaptor.forClass(ClientDocumentsQuery.class);
        verify(reads).clientDocuments(eq(SAMPLE_CLIENT), query.capture(), eq(ClientDocumentsScope.REGISTERS), any());
        assertThat(query.getValue()).isEqualTo(new ClientDocumentsQuery("24", null, null,
                OffsetDateTime.parse("2026-01-01T00:00:00+02:00"), null, 1, 20));
        // and three pages hold the 45
        assertThat(json(response).path("total").asLong()).isEqualTo(45);
        assertThat(json(response).path("totalPages").asLong()).isEqualTo(3);
        assertThat(json(response).path("items")).isEmpty();
    }
}
