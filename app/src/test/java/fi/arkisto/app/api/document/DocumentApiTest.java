package fi.arkisto.app.api.document;

import com.fasterxml.jackson.databind.JsonNode;
import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.message.IngestMetrics;
import fi.arkisto.store.object.ContentHash;
import fi.arkisto.store.rejection.IngestChannel;
import fi.arkisto.store.rejection.RejectionStore;
import fi.arkisto.store.testsupport.KantaSamples;
import io.micrometer.core.instrument.Counter;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The document endpoints over HTTP against the real store (issue 2, "The API" and "Done when"). */
class DocumentApiTest extends ApiIntegrationTest {

    @Autowired
    RejectionStore rejections;
    @Autowired
    IngestMetrics metrics;

    @Test
    void archivesADocumentAndGivesItBackByteExactWithItsSha256AsETag() throws Exception {
        // given a signed document of its own (own OID, own client)
        KantaSamples.Builder builder = derivedDocument().client(KantaSamples.newTestIdentityCode());
        String oid = builder.oidValue();
        byte[] document = signed(builder);

        // when it is archived through the API
        HttpResponse<byte[]> archived = archive(document);

        // then the receipt names the version, and Location points at it
        assertThat(archived.statusCode()).as(text(archived)).isEqualTo(201);
        JsonNode receipt = json(archived);
        assertThat(receipt.path("documentOid").asText()).isEqualTo(oid);
        assertThat(receipt.path("setId").asText()).isEqualTo(oid);
        assertThat(receipt.path("version").asInt()).isEqualTo(1);
        assertThat(receipt.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(archived.headers().firstValue("Location")).hasValue(uri("/api/v1/documents/" + oid).toString());

        // and the original comes back byte-exact with ETag = "<sha256>", 304 for that tag
        assertServedByteExactWithETag(oid, document);
    }

    @Test
    void theRealSampleArchivedAgainAnswersItsReceiptAndComesBackByteExactWithItsSha256AsETag() throws Exception {
        // given the real signed sample archived (once per test JVM, exactly 201 then)
        sampleIsArchived();

        // when it is archived through the API again
        HttpResponse<byte[]> again = archive(sample());

        // then the receipt names its version, without a Location
        assertThat(again.statusCode()).as(text(again)).isEqualTo(200);
        JsonNode receipt = json(again);
        assertThat(receipt.path("documentOid").asText()).isEqualTo(SAMPLE_OID);
        assertThat(receipt.path("setId").asText()).isEqualTo(SAMPLE_OID);
        assertThat(receipt.path("version").asInt()).isEqualTo(1);
        assertThat(receipt.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(again.headers().firstValue("Location")).isEmpty();

        // and the original comes back byte-exact with ETag = "<sha256>", 304 for that tag
        assertServedByteExactWithETag(SAMPLE_OID, sample());
    }

    private void assertServedByteExactWithETag(String oid, byte[] document) throws Exception {
        HttpResponse<byte[]> original = send(asOwnClient("/api/v1/documents/" + oid).GET().build());
        assertThat(original.statusCode()).isEqualTo(200);
        assertThat(original.body()).isEqualTo(document);
        assertThat(original.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/xml"));
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document));
        assertThat(original.headers().firstValue("ETag")).hasValue("\"" + sha256 + "\"");

        // a conditional GET with that tag answers 304 without the body
        HttpResponse<byte[]> notModified = send(asOwnClient("/api/v1/documents/" + oid)
                .header("If-None-Match", "\"" + sha256 + "\"").GET().build());
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        HttpResponse<byte[]> otherTag = send(asOwnClient("/api/v1/documents/" + oid)
                .header("If-None-Match", "\"0000\"").GET().build());
        assertThat(otherTag.statusCode()).isEqualTo(200);
        assertThat(otherTag.body()).isEqualTo(document);
    }

    @Test
    void anIdenticalResubmissionAnswers200WithTheSameReceipt() {
        // given a document archived once
        byte[] document = signed(derivedDocument());
        HttpResponse<byte[]> first = archive(document);
        assertThat(first.statusCode()).as(text(first)).isEqualTo(201);

        // when the same bytes come again
        HttpResponse<byte[]> again = archive(document);

        // then 200 with the same receipt, no Location
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again)).isEqualTo(json(first));
        assertThat(again.headers().firstValue("Location")).isEmpty();
    }

    @Test
    void theSameOidWithOtherBytesIsAConflictAndChangesNothing() {
        // given the sample archived
        sampleIsArchived();
        byte[] altered = (new String(sample(), StandardCharsets.ISO_8859_1) + "\n<!-- altered -->\n")
                .getBytes(StandardCharsets.ISO_8859_1);

        // when other bytes come with its OID
        HttpResponse<byte[]> conflict = archive(altered);

        // then 409 DOCUMENT_CONFLICT, and the stored original is untouched
        assertProblem(conflict, 409, "DOCUMENT_CONFLICT");
        assertThat(send(asOwnClient("/api/v1/documents/" + SAMPLE_OID).GET().build()).body()).isEqualTo(sample());
    }

    @Test
    void aRefusedDocumentLeavesARejectRecordWithItsReasonAndIsCountedWithItsCode() {
        // given the sample archived, and other bytes under its OID that no other test sends
        sampleIsArchived();
        byte[] altered = (new String(sample(), StandardCharsets.ISO_8859_1) + "\n<!-- " + UUID.randomUUID() + " -->\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        double rejectedBefore = rejectedOverRest("DOCUMENT_CONFLICT");

        // when they are posted as a document
        HttpResponse<byte[]> conflict = archive(altered);

        // then the refusal is answered, recorded in the reject store like every channel's, and counted with its code
        assertProblem(conflict, 409, "DOCUMENT_CONFLICT");
        assertThat(rejections.findByPayload(ContentHash.sha256Hex(altered))).singleElement().satisfies(r -> {
            assertThat(r.channel()).isEqualTo(IngestChannel.REST);
            assertThat(r.sourceReference()).isEqualTo("rest:" + OWN_CLIENT);
            assertThat(r.errorCode()).isEqualTo(ErrorCode.DOCUMENT_CONFLICT);
            assertThat(r.reason()).contains(SAMPLE_OID, "already archived with different content");
            assertThat(r.payload().size()).isEqualTo(altered.length);
        });
        assertThat(rejectedOverRest("DOCUMENT_CONFLICT")).isEqualTo(rejectedBefore + 1);
    }

    private double rejectedOverRest(String code) {
        Counter counter = metrics.registry().find("arkisto.ingest.rejected").tag("channel", "rest").tag("code", code)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void theMetadataCarriesTheValuesOfTheRealSample() {
        // given the sample archived
        sampleIsArchived();

        // when its metadata is read
        HttpResponse<byte[]> response = send(asOwnClient("/api/v1/documents/" + SAMPLE_OID + "/metadata").GET().build());

        // then it carries the values visible in the file (issue 2, "Done when")
        assertThat(response.statusCode()).as(text(response)).isEqualTo(200);
        JsonNode metadata = json(response);
        assertThat(metadata.path("documentOid").asText()).isEqualTo(SAMPLE_OID);
        assertThat(metadata.path("clientId").asText()).isEqualTo(SAMPLE_CLIENT);
        assertThat(metadata.path("clientIdRoot").asText()).isEqualTo("1.2.246.21");
        assertThat(metadata.path("controllerOid").asText()).isEqualTo(CONTROLLER);
        assertThat(metadata.path("serviceUnitOid").asText()).isEqualTo("1.2.246.10.1246109.10.2001213");
        assertThat(metadata.path("documentGroup").path("code").asText()).isEqualTo("1");
        assertThat(metadata.path("contentSpecificationId").asText()).isEqualTo("1.2.246.537.6.1505.1.2023.6.1");
        assertThat(metadata.path("retentionPeriodClass").path("code").asText()).isEqualTo("1");
        assertThat(metadata.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(metadata.path("sha256").asText()).hasSize(64);
        assertThat(metadata.path("size").asLong()).isEqualTo(sample().length);
        assertThat(metadata.path("archivedAt").asText()).isNotBlank();
        assertThat(metadata.path("warnings").isArray()).isTrue();
        // and the archive's record of the sample's system signature, verified against its pinned certificate
        assertThat(metadata.path("signatures")).hasSize(1);
        JsonNode signature = metadata.path("signatures").get(0);
        assertThat(signature.path("type").asText()).isEqualTo("SYSTEM");
        assertThat(signature.path("valid").asBoolean()).isTrue();
        assertThat(java.time.Instant.parse(signature.path("signingTime").asText()))
                .isEqualTo(java.time.Instant.parse("2026-07-17T10:06:56.4257383Z"));
        assertThat(signature.path("certificateSubject").asText()).contains("1.2.246.10.32213561.10.0");
        assertThat(signature.path("signer").asText()).isNotBlank();
        // and how it arrived (the bound of its signing time), and the signer's organisation: the register's own
        assertThat(signature.path("channel").asText()).isEqualTo("REST");
        assertThat(java.time.Instant.parse(signature.path("arrivedAt").asText())).isAfter(java.time.Instant.parse("2026-07-17T10:06:56Z"));
        assertThat(signature.path("signerOrganisation").asText()).isEqualTo(CONTROLLER);
        assertThat(signature.path("organisationRelation").asText()).isEqualTo("CONTROLLER");
    }

    @Test
    void theDisplayFormIsTheDecodedXhtmlServedUnderAStrictContentSecurityPolicy() {
        sampleIsArchived();

        HttpResponse<byte[]> display = send(asOwnClient("/api/v1/documents/" + SAMPLE_OID + "/display").GET().build());

        assertThat(display.statusCode()).as(text(display)).isEqualTo(200);
        assertThat(display.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/xhtml+xml"));
        assertThat(display.headers().firstValue("Content-Security-Policy")).hasValue(DocumentController.DISPLAY_FORM_POLICY);
        assertThat(text(display)).contains("http://www.w3.org/1999/xhtml").contains("soc-document")
                .doesNotContain("nonXMLBody");
    }

    @Test
    void theDisplayFormRendersToAPrintablePdfWithTheDocumentsText() throws Exception {
        // given the real sample archived
        sampleIsArchived();

        // when its display form is asked for as PDF
        HttpResponse<byte[]> pdf = send(asOwnClient("/api/v1/documents/" + SAMPLE_OID + "/display?format=pdf").GET().build());

        // then a PDF comes whose text is the display form's
        assertThat(pdf.statusCode()).as(text(pdf)).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/pdf"));
        try (PDDocument document = Loader.loadPDF(pdf.body())) {
            assertThat(new PDFTextStripper().getText(document)).contains("Asiakkuusasiakirja");
        }

        // and an unknown format is a specific error
        HttpResponse<byte[]> unknown = send(asOwnClient("/api/v1/documents/" + SAMPLE_OID + "/display?format=docx").GET().build());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).path("code").asText()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void listsTheClientsDocumentsNewestFirstPagedAndFiltered() {
        // given two documents of a client of its own (document group 1, effective before 2030)
        String client = KantaSamples.newTestIdentityCode();
        KantaSamples.Builder older = derivedDocument().client(client).effectiveTime("20260101100000+0200");
        KantaSamples.Builder newer = derivedDocument().client(client);
        assertThat(archive(signed(older)).statusCode()).isEqualTo(201);
        HttpResponse<byte[]> second = archive(signed(newer));
        assertThat(second.statusCode()).as(text(second)).isEqualTo(201);

        // when the client's documents are listed one per page
        HttpResponse<byte[]> page = send(asOwnClient("/api/v1/clients/" + client + "/documents?size=1&page=0").GET().build());

        // then the page holds the newest one, the total counts both, and the page metadata is in the body
        assertThat(page.statusCode()).as(text(page)).isEqualTo(200);
        JsonNode body = json(page);
        assertThat(body.path("items")).hasSize(1);
        assertThat(body.path("items").findValuesAsText("documentOid")).containsExactly(newer.oidValue());
        assertThat(body.path("total").asLong()).isEqualTo(2);
        assertThat(body.path("page").asInt()).isZero();
        assertThat(body.path("size").asInt()).isEqualTo(1);
        assertThat(body.path("totalPages").asLong()).isEqualTo(2);

        // and filters narrow it: documentGroup 1 matches, 2 does not; a time range after the documents is empty
        JsonNode group1 = json(send(asOwnClient("/api/v1/clients/" + client + "/documents?documentGroup=1").GET().build()));
        assertThat(group1.path("total").asLong()).isEqualTo(2);
        assertThat(group1.path("items").findValuesAsText("documentOid")).containsExactly(newer.oidValue(), older.oidValue());
        JsonNode group2 = json(send(asOwnClient("/api/v1/clients/" + client + "/documents?documentGroup=2").GET().build()));
        assertThat(group2.path("total").asLong()).isZero();
        JsonNode later = json(send(asOwnClient("/api/v1/clients/" + client
                + "/documents?from=2030-01-01T00:00:00Z").GET().build()));
        assertThat(later.path("total").asLong()).isZero();
    }

    @Test
    void nullificationMarksTheDocumentVoidAndKeepsItReadable() {
        // given an archived document
        KantaSamples.Builder builder = derivedDocument();
        String oid = builder.oidValue();
        byte[] document = signed(builder);
        assertThat(archive(document).statusCode()).isEqualTo(201);

        // when it is nullified with a reason
        HttpResponse<byte[]> nullified = send(asOwnClient("/api/v1/documents/" + oid + "/nullification")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"Recorded for the wrong client\"}")).build());

        // then its status is NULLIFIED with the reason, and the bytes are still there
        assertThat(nullified.statusCode()).as(text(nullified)).isEqualTo(200);
        assertThat(json(nullified).path("status").asText()).isEqualTo("NULLIFIED");
        JsonNode metadata = json(send(asOwnClient("/api/v1/documents/" + oid + "/metadata").GET().build()));
        assertThat(metadata.path("status").asText()).isEqualTo("NULLIFIED");
        assertThat(metadata.path("nullificationReason").asText()).isEqualTo("Recorded for the wrong client");
        assertThat(send(asOwnClient("/api/v1/documents/" + oid).GET().build()).body()).isEqualTo(document);
    }

    @Test
    void aNullificationNeedsAReasonAndAJsonBody() {
        sampleIsArchived();
        String path = "/api/v1/documents/" + SAMPLE_OID + "/nullification";

        assertProblem(send(asOwnClient(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"reason\": \"  \"}")).build()), 422, "NULLIFICATION_REASON_REQUIRED");
        assertProblem(send(asOwnClient(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{not json")).build()), 400, "MALFORMED_JSON");
        assertProblem(send(asOwnClient(path).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("reason")).build()), 415, "UNSUPPORTED_MEDIA_TYPE");
        // and the document stays active
        assertThat(json(send(asOwnClient("/api/v1/documents/" + SAMPLE_OID + "/metadata").GET().build()))
                .path("status").asText()).isEqualTo("ACTIVE");
    }
}
