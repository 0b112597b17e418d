package fi.arkisto.app.api.document;

import fi.arkisto.app.support.ApiIntegrationTest;
import fi.arkisto.store.testsupport.KantaSamples;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Every refusal of the document API is a problem+json with its stable code, and changes nothing. */
class DocumentApiErrorsTest extends ApiIntegrationTest {

    @Test
    void aWellFormedUseContextCodeTheArchiveDoesNotSupportIs403() {
        // (a purpose of use that is no use context code at all is 400: DocumentControllerWebMvcTest)
        String path = "/api/v1/documents/" + SAMPLE_OID + "/metadata";
        // a well-formed code the archive does not support (yet) is a refusal of access, not a malformed request
        sampleIsArchived();
        HttpResponse<byte[]> unsupported = send(authenticated(path, OWN_CLIENT).header("X-Organisation-Oid", CONTROLLER)
                .header("X-User-Id", "someone").header("X-Purpose-Of-Use", "2").GET().build());
        assertThat(assertProblem(unsupported, 403, "USE_CONTEXT_NOT_FOR_OWN_REGISTER").path("title").asText())
                .contains("controller's own use");
    }

    @Test
    void aClientIdThatIsNotAPersonalIdentityCodeIs422InvalidIdentityCode() {
        String wrongCheck = SAMPLE_CLIENT.substring(0, 10) + (SAMPLE_CLIENT.charAt(10) == 'A' ? 'B' : 'A');
        for (String id : new String[] {"123", wrongCheck}) {
            HttpResponse<byte[]> response = send(asOwnClient("/api/v1/clients/" + id + "/documents").GET().build());
            assertProblem(response, 422, "INVALID_IDENTITY_CODE");
            assertThat(text(response)).doesNotContain(wrongCheck);
        }
    }

    @Test
    void textXmlIsAcceptedLikeApplicationXml() {
        HttpResponse<byte[]> response = send(asOwnClient("/api/v1/documents").header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(signed(derivedDocument()))).build());
        assertThat(response.statusCode()).as(text(response)).isEqualTo(201);
    }

    @Test
    void invalidDocumentsAre422WithTheirSpecificCode() {
        assertProblem(archive("<ClinicalDocument xmlns=\"urn:hl7-org:v3\"><unclosed>".getBytes(StandardCharsets.UTF_8)),
                422, "MALFORMED_XML");
        assertProblem(archive("""
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
                <ClinicalDocument xmlns="urn:hl7-org:v3">&lol2;</ClinicalDocument>""".getBytes(StandardCharsets.UTF_8)),
                422, "XML_DTD_FORBIDDEN");
        assertProblem(archive("<html xmlns=\"http://www.w3.org/1999/xhtml\"/>".getBytes(StandardCharsets.UTF_8)),
                422, "NOT_A_CDA_DOCUMENT");
        assertProblem(archive(new byte[0]), 422, "MALFORMED_XML");
    }

    @Test
    void anInvalidIdentityCodeIs422AndIsNotEchoed() {
        // given the sample with a wrong check character in the client's identity code
        var broken = derivedDocument().client("200111A904X");
        String oid = broken.oidValue();

        // when it is archived
        HttpResponse<byte[]> response = archive(signed(broken));

        // then 422 INVALID_IDENTITY_CODE, with the code masked in the detail
        assertProblem(response, 422, "INVALID_IDENTITY_CODE");
        assertThat(text(response)).doesNotContain("200111A904X");
        assertThat(send(asOwnClient("/api/v1/documents/" + oid + "/metadata")
                .GET().build()).statusCode()).isEqualTo(404);
    }

    @Test
    void aDocumentWhoseSignatureNoLongerHoldsIs422AndIsNotStored() {
        // given a document derived from the sample that still carries the sample's signature
        var derived = derivedDocument();

        // when it is archived
        HttpResponse<byte[]> response = archive(derived.build());

        // then the signature check refuses it and nothing is stored
        assertProblem(response, 422, "SIGNATURE_INVALID");
        assertProblem(send(asOwnClient("/api/v1/documents/" + derived.oidValue() + "/metadata").GET().build()),
                404, "DOCUMENT_NOT_FOUND");
    }

    @Test
    void aValidlySignedDocumentWhoseUnsignedHeaderWasChangedIs422AndIsNotStored() {
        // given a client relationship document signed by the controller's system certificate, then relabelled as a
        // client report, or its document group given a leading space (the header is not covered by the signature)
        var derived = derivedDocument();
        String signed = new String(signed(derived), StandardCharsets.UTF_8);
        byte[] relabelled = signed.replace("<code nullFlavor=\"NA\"/>",
                "<code code=\"4\" codeSystem=\"1.2.246.537.6.1506.201701\"/>").getBytes(StandardCharsets.UTF_8);
        byte[] spaced = signed.replace("<ep2:documentGroup code=\"1\"", "<ep2:documentGroup code=\" 1\"")
                .getBytes(StandardCharsets.UTF_8);

        // when / then each is refused with its code and nothing is stored
        assertProblem(archive(relabelled), 422, "DOCUMENT_TYPE_MISMATCH");
        assertProblem(archive(spaced), 422, "INVALID_CODE");
        assertProblem(send(asOwnClient("/api/v1/documents/" + derived.oidValue() + "/metadata").GET().build()),
                404, "DOCUMENT_NOT_FOUND");
        // and the untouched document archives
        assertThat(archive(signed.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);
    }

    @Test
    void anUnknownDocumentIs404AndAMalformedOidIs422() {
        assertProblem(send(asOwnClient("/api/v1/documents/1.2.246.10.32213561.95777.1.2.3").GET().build()), 404, "DOCUMENT_NOT_FOUND");
        assertProblem(send(asOwnClient("/api/v1/documents/1.2.246.10.32213561.95777.1.2.3/metadata").GET().build()), 404, "DOCUMENT_NOT_FOUND");
        assertProblem(send(asOwnClient("/api/v1/documents/not-an-oid/metadata").GET().build()), 422, "INVALID_OID");
    }

    @Test
    void anUnknownDocumentAsksForXmlButGetsAProblem() {
        HttpResponse<byte[]> response = send(asOwnClient("/api/v1/documents/1.2.246.10.32213561.95777.1.2.4")
                .header("Accept", "application/xml").GET().build());
        assertProblem(response, 404, "DOCUMENT_NOT_FOUND");
    }

    @Test
    void anotherOrganisationsRegisterIs403() {
        // given a document of a client of its own archived in its controller's register
        String client = KantaSamples.newTestIdentityCode();
        KantaSamples.Builder builder = derivedDocument().client(client);
        HttpResponse<byte[]> archived = archive(signed(builder));
        assertThat(archived.statusCode()).as(text(archived)).isEqualTo(201);

        // when a client system of another organisation reads it, acting for that organisation
        HttpResponse<byte[]> response = send(withContext(authenticated("/api/v1/documents/" + builder.oidValue() + "/metadata",
                OTHER_CLIENT), OTHER_ORGANISATION).GET().build());

        // then access is denied with the rule that denies it: the document (derived from the sample) names that
        // organisation's unit as the provider of service task 24 only, and the document has no service task; the
        // client list (of that organisation's register) shows nothing of it
        assertProblem(response, 403, "REGISTER_ACCESS_OTHER_SERVICE_TASK");
        HttpResponse<byte[]> list = send(withContext(authenticated("/api/v1/clients/" + client + "/documents",
                OTHER_CLIENT), OTHER_ORGANISATION).GET().build());
        assertThat(list.statusCode()).as(text(list)).isEqualTo(200);
        assertThat(json(list).path("total").asLong()).isZero();
        assertThat(json(list).path("items")).isEmpty();
    }

}
