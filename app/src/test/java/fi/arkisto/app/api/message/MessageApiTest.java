package fi.arkisto.app.api.message;

import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.message.MultipartRelatedWriter;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class MessageApiTest extends ApiIntegrationTest {

    private static final String ATTACHMENT_ID = "1112120";

    @Test
    void answersTheRealSampleFrameWithItsArchivedDocumentAsMultipartRelatedAsADuplicate() {
        // given the real frame K with the real document S as its attachment, S archived once already (its OID is
        // fixed: the test JVM archives it once, see sampleIsArchived; archivesAFrameAndItsDocumentSentAsTwoFormParts
        // archives a frame of its own data)
        sampleIsArchived();
        MultipartRelatedWriter.Encoded mime = MultipartRelatedWriter.write(sampleFrame(), KantaSamples.realSample(), ATTACHMENT_ID);

        // when
        HttpResponse<byte[]> response = post(mime.contentType(), mime.body(), OWN_CLIENT);

        // then an AA acknowledgement of the frame's message, and the document is readable
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/xml"));
        assertThat(text(response)).contains("<acknowledgement typeCode=\"AA\">").contains("extension=\"10037140046\"");
        assertThat(response.headers().firstValue("X-Arkisto-Outcome")).hasValue("DUPLICATE");
        assertThat(send(asOwnClient("/api/v1/documents/" + SAMPLE_OID).GET().build()).statusCode()).isEqualTo(200);

        // and the same submission again is a duplicate, not a second document
        HttpResponse<byte[]> again = post(mime.contentType(), mime.body(), OWN_CLIENT);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("X-Arkisto-Outcome")).hasValue("DUPLICATE");
    }

    @Test
    void archivesAFrameAndItsDocumentSentAsTwoFormParts() {
        String oid = KantaSamples.newOid();
        String client = KantaSamples.newTestIdentityCode();
        byte[] document = signed(KantaSamples.document().oid(oid).client(client));

        HttpResponse<byte[]> response = postForm(frameFor(oid, client), document, OWN_CLIENT);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Arkisto-Outcome")).hasValue("ARCHIVED");
        assertThat(text(response)).contains("code=\"ARCHIVED\"").contains(oid);
    }

    @Test
    void answersAMismatchWithAnApplicationErrorAndItsStatus() {
        String oid = KantaSamples.newOid();
        byte[] document = signed(KantaSamples.document().oid(oid));
        byte[] frame = frameFor(oid, KantaSamples.newTestIdentityCode());
        MultipartRelatedWriter.Encoded mime = MultipartRelatedWriter.write(frame, document, ATTACHMENT_ID);

        HttpResponse<byte[]> response = post(mime.contentType(), mime.body(), OWN_CLIENT);

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(text(response)).contains("typeCode=\"AE\"").contains("code=\"FRAME_DOCUMENT_MISMATCH\"");
        assertThat(send(asOwnClient("/api/v1/documents/" + oid).GET().build()).statusCode()).isEqualTo(404);
    }

    @Test
    void refusesAClientSystemNotRegisteredForTheSenderOrganisation() {
        String oid = KantaSamples.newOid();
        MultipartRelatedWriter.Encoded mime = MultipartRelatedWriter.write(frameFor(oid, KantaSamples.SAMPLE_CLIENT),
                signed(KantaSamples.document().oid(oid)), ATTACHMENT_ID);

        HttpResponse<byte[]> response = post(mime.contentType(), mime.body(), OTHER_CLIENT);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(text(response)).contains("typeCode=\"AR\"").contains("code=\"ACCESS_DENIED\"");
    }

    @Test
    void nullifiesWithAFrameAlone() {
        // given an archived document
        String oid = KantaSamples.newOid();
        byte[] frame = frameFor(oid, KantaSamples.SAMPLE_CLIENT);
        assertThat(postForm(frame, signed(KantaSamples.document().oid(oid)), OWN_CLIENT).statusCode()).isEqualTo(200);

        // when a nullification frame names it with a reason
        String nullify = new String(frame, StandardCharsets.UTF_8)
                .replace("<statusCode code=\"COMPLETED\" />", "<statusCode code=\"nullified\" />")
                .replace("<priorityCode code=\"R\" />", "<text>Kirjattu väärälle asiakkaalle</text><priorityCode code=\"R\" />");
        HttpResponse<byte[]> response = post("application/xml", nullify.getBytes(StandardCharsets.UTF_8), OWN_CLIENT);

        // then
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Arkisto-Outcome")).hasValue("NULLIFIED");
    }

    private HttpResponse<byte[]> post(String contentType, byte[] body, String client) {
        return send(authenticated("/api/v1/messages", client).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private HttpResponse<byte[]> postForm(byte[] frame, byte[] document, String client) {
        String boundary = "arkisto-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        part(body, boundary, "frame", frame);
        part(body, boundary, "document", document);
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return send(authenticated("/api/v1/messages", client)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private static void part(ByteArrayOutputStream body, String boundary, String name, byte[] content) {
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + name
                + ".xml\"\r\nContent-Type: application/xml\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(content);
        body.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sampleFrame() {
        try (InputStream in = MessageApiTest.class.getResourceAsStream("/kanta/asiakkuusasiakirja_K.xml")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] frameFor(String oid, String client) {
        return new String(sampleFrame(), StandardCharsets.UTF_8)
                .replace(KantaSamples.SAMPLE_OID, oid)
                .replace("extension=\"" + KantaSamples.SAMPLE_CLIENT + "\"", "extension=\"" + client + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }
}
