package fi.arkisto.app.api.document;

import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.app.support.HostileDocuments;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.document.EarlierRelease;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpHeaders;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import javax.sql.DataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the archive serves carries headers that keep browsers from running it, whatever it holds: originals and PDFs
 * as sandboxed downloads, display forms as sandboxed UTF-8 XHTML that may load nothing; and a document with active
 * content outside its display form is refused at archiving with its own code.
 */
class ServedDocumentsAreInertTest extends ApiIntegrationTest {

    private static final String TARGET = "https://evil.example";
    private static final RequestContext OWNER = new RequestContext(Oid.of(CONTROLLER), "test-professional", "1");

    @Autowired
    ObjectStore objects;
    @Autowired
    DataSource dataSource;

    @Test
    void theOriginalIsASandboxedDownload() {
        // given a validly signed document archived
        byte[] document = signed(derivedDocument());
        String oid = oidOf(archive(document));

        // when the original is read
        HttpResponse<byte[]> original = send(asOwnClient("/api/v1/documents/" + oid).GET().build());

        // then it is the stored bytes, as a download under a sandbox that loads nothing
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(document);
        HttpHeaders headers = original.headers();
        assertThat(headers.firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/xml"));
        assertThat(headers.firstValue("Content-Disposition")).hasValue("attachment; filename=\"" + oid + ".xml\"");
        assertThat(headers.firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).startsWith("sandbox; default-src 'none'"));
        assertThat(headers.allValues("X-Content-Type-Options")).containsExactly("nosniff");
        assertThat(headers.firstValue("Cross-Origin-Resource-Policy")).hasValue("same-origin");
    }

    @Test
    void theDisplayFormIsSandboxedUtf8XhtmlWhateverMediaTypeItsDocumentNames() {
        // given a document an earlier release archived, whose display form claims another charset
        byte[] document = HostileDocuments.withDisplayForm(signed(derivedDocument()),
                "<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>Päätös</p></div>".getBytes(StandardCharsets.UTF_8),
                "application/xhtml+xml; charset=UTF-7");
        String oid = EarlierRelease.archived(document, OWNER, objects, dataSource).oid().value();

        // when its display form is read
        HttpResponse<byte[]> display = send(asOwnClient("/api/v1/documents/" + oid + "/display").GET().build());

        // then it is served in the encoding the archive knows, sandboxed, loading only inline styles and data: images
        assertThat(display.statusCode()).as(text(display)).isEqualTo(200);
        assertThat(display.headers().firstValue("Content-Type")).hasValue("application/xhtml+xml;charset=UTF-8");
        assertThat(display.headers().firstValue("Content-Security-Policy")).hasValue(InertResponses.DISPLAY_FORM_POLICY);
        assertThat(InertResponses.DISPLAY_FORM_POLICY).startsWith("sandbox; default-src 'none'")
                .contains("base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'");
        assertThat(display.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
    }

    @Test
    void pdfsAreSandboxedDownloadsRenderedOrArchived() {
        // given the sample (its PDF rendered on request) and an earlier release's document with a PDF display form
        sampleIsArchived();
        byte[] withPdf = HostileDocuments.withDisplayForm(signed(derivedDocument()), HostileDocuments.activePdf(TARGET),
                "application/pdf");
        String pdfOid = EarlierRelease.archived(withPdf, OWNER, objects, dataSource).oid().value();

        for (String path : new String[]{SAMPLE_OID + "/display?format=pdf", pdfOid + "/display",
                pdfOid + "/display?format=pdf"}) {
            // when read
            HttpResponse<byte[]> pdf = send(asOwnClient("/api/v1/documents/" + path).GET().build());

            // then a PDF comes as a download under a sandbox
            assertThat(pdf.statusCode()).as(path).isEqualTo(200);
            assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
            assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(pdf.headers().firstValue("Content-Disposition")).hasValueSatisfying(d ->
                    assertThat(d).startsWith("attachment; filename=\""));
            assertThat(pdf.headers().firstValue("Content-Security-Policy")).hasValue(InertResponses.ORIGINAL_POLICY);
            assertThat(pdf.headers().allValues("X-Content-Type-Options")).containsExactly("nosniff");
        }
    }

    @Test
    void activeContentOutsideTheDisplayFormIsRefusedAtArchivingAndNothingIsStored() {
        // given a validly signed document with XHTML and SVG scripts and a style sheet instruction in its header
        String oid = KantaSamples.newOid();
        byte[] hostile = HostileDocuments.withActiveHeader(signed(derivedDocument().oid(oid)), TARGET);

        // when archived
        HttpResponse<byte[]> response = archive(hostile);

        // then it is refused with the specific code, and there is no such document
        assertProblem(response, 422, "ACTIVE_CONTENT_FORBIDDEN");
        assertThat(send(asOwnClient("/api/v1/documents/" + oid + "/metadata").GET().build()).statusCode()).isEqualTo(404);
    }

    @Test
    void aControlCharacterInTheHeaderIsRefusedAtArchiving() {
        // given a validly signed document whose header (outside the signature) gets a C1 control in a display name
        String xml = new String(signed(derivedDocument()), StandardCharsets.UTF_8);
        byte[] hostile = xml.replaceFirst("displayName=\"", "displayName=\"\u009b31m").getBytes(StandardCharsets.UTF_8);

        // when archived, then
        assertProblem(archive(hostile), 422, "CONTROL_CHARACTER_FORBIDDEN");
    }

    @Test
    void aClientWhoseEarlierArchivedDocumentHasActiveMarkupKeepsTheirOtherDocumentsReadable() {
        // given a client relationship document an earlier release archived with a style sheet instruction in its
        // header (the client's facts are read from it), and another document of the same client
        String client = KantaSamples.newTestIdentityCode();
        byte[] hostile = HostileDocuments.withActiveHeader(signed(derivedDocument().client(client)), TARGET);
        EarlierRelease.archived(hostile, OWNER, objects, dataSource);
        String oid = EarlierRelease.archived(signed(derivedDocument().client(client)), OWNER, objects, dataSource)
                .oid().value();

        // when the other document's display form is read
        HttpResponse<byte[]> display = send(asOwnClient("/api/v1/documents/" + oid + "/display").GET().build());

        // then it is served: what was judged at archiving is not judged again on reading
        assertThat(display.statusCode()).as(text(display)).isEqualTo(200);
    }

    private static String oidOf(HttpResponse<byte[]> archived) {
        assertThat(archived.statusCode()).as(text(archived)).isEqualTo(201);
        return json(archived).path("documentOid").asText();
    }
}
