package fi.arkisto.store.message;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageFrameParserTest {

    private final MessageFrameParser parser = new MessageFrameParser();

    @Test
    void aFrameCreationTimeWithoutZoneIsFinnishTimeAsInTheDocumentHeader() {
        // given the real sample frame with the zone left out of its creation time
        byte[] frame = KantaSamples.frameWith("<creationTime value=\"20260717130654+0300\"",
                "<creationTime value=\"20260717130654\"");

        // when
        OffsetDateTime creationTime = parser.parse(frame).creationTime();

        // then it is the sender's local (Finnish) time, the same instant as the sample's; frames were read as UTC
        // before the one HL7 timestamp rule (docs/invariants.md, "HL7 timestamps"), three hours later than this
        assertThat(creationTime.toInstant()).isEqualTo(OffsetDateTime.parse("2026-07-17T13:06:54+03:00").toInstant());
        assertThat(creationTime.toInstant()).isNotEqualTo(OffsetDateTime.parse("2026-07-17T13:06:54Z").toInstant());
    }

    @Test
    void readsTheRealSampleFrame() {
        // when
        MessageFrame frame = parser.parse(KantaSamples.frame());

        // then
        assertThat(frame.messageId()).isEqualTo(new MessageId("1.2.246.10.27489432.10.0", "10037140046"));
        assertThat(frame.creationTime()).isEqualTo(OffsetDateTime.parse("2026-07-17T13:06:54+03:00"));
        assertThat(frame.senderOrganisation()).isEqualTo(Oid.of("1.2.246.10.32213561.10.0"));
        assertThat(frame.receiverDevice()).isEqualTo("1.2.246.556.18007.2");
        assertThat(frame.professionalId()).isEqualTo("010714-9983");
        assertThat(frame.representedOrganisation()).isEqualTo("1.2.246.10.1246109.10.2001213");
        assertThat(frame.serviceRequest()).isEqualTo(ServiceRequest.ARCHIVE_CLIENT_RELATIONSHIP_DOCUMENT);
        assertThat(frame.useContext()).isEqualTo("1");
        assertThat(frame.operation()).isEqualTo(MessageOperation.STORE);
        assertThat(frame.document()).isEqualTo(new FramedDocument(
                "1.2.246.10.32213561.95777.2026.688883.2809773", "1.2.246.10.32213561.95777.2026.688883.2809773",
                1, "200111A904P", "1.2.246.21", "1.2.246.10.32213561.10.0", "COMPLETED", "1112120"));
        assertThat(frame.requestContext()).isEqualTo(
                new RequestContext(Oid.of("1.2.246.10.32213561.10.0"), "010714-9983", RequestContext.OWN_REGISTER_USE));
    }

    @Test
    void readsSp17AndNullificationRequests() {
        // given a client document request that nullifies with a reason
        byte[] xml = KantaSamples.frameWith("code=\"SP1\"", "code=\"SP17\"");
        xml = new String(xml, StandardCharsets.UTF_8)
                .replace("<statusCode code=\"COMPLETED\" />", "<statusCode code=\"nullified\" />")
                .replace("<priorityCode code=\"R\" />", "<text>Kirjattu väärälle asiakkaalle</text><priorityCode code=\"R\" />")
                .getBytes(StandardCharsets.UTF_8);

        // when
        MessageFrame frame = parser.parse(xml);

        // then
        assertThat(frame.serviceRequest()).isEqualTo(ServiceRequest.ARCHIVE_CLIENT_DOCUMENT);
        assertThat(frame.operation()).isEqualTo(MessageOperation.NULLIFY);
        assertThat(frame.reasonText()).isEqualTo("Kirjattu väärälle asiakkaalle");
    }

    @Test
    void refusesAnUnknownServiceRequest() {
        byte[] xml = KantaSamples.frameWith("code=\"SP1\"", "code=\"SP99\"");

        assertThatThrownBy(() -> parser.parse(xml))
                .isInstanceOfSatisfying(ArchiveException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_SERVICE_REQUEST))
                .hasMessageContaining("SP99");
    }

    @Test
    void refusesAFrameWithoutSenderNamingIt() {
        byte[] xml = new String(KantaSamples.frame(), StandardCharsets.UTF_8)
                .replaceAll("(?s)<sender typeCode=\"SND\">.*?</sender>", "<sender typeCode=\"SND\"><device/></sender>")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parser.parse(xml))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FRAME_INVALID))
                .hasMessageContaining("sender/device/id@root");
    }

    @Test
    void refusesAFrameWithoutUseContext() {
        byte[] xml = KantaSamples.frameWith("codeSystem=\"1.2.246.537.6.1289.201901\"", "codeSystem=\"1.2.3\"");

        assertThatThrownBy(() -> parser.parse(xml))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FRAME_INVALID))
                .hasMessageContaining("use context");
    }

    @Test
    void refusesADocumentInsteadOfAFrame() {
        assertThatThrownBy(() -> parser.parse(KantaSamples.document()))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FRAME_INVALID))
                .hasMessageContaining("ClinicalDocument");
    }

    @Test
    void refusesEntityExpansionWithoutExpanding() {
        byte[] xml = ("<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;\">]>"
                + "<RCMR_IN200002FI01 xmlns=\"urn:hl7-org:v3\">&b;</RCMR_IN200002FI01>").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parser.parse(xml))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.XML_DTD_FORBIDDEN));
    }

    @Test
    void refusesMalformedXml() {
        byte[] xml = "<RCMR_IN200002FI01 xmlns=\"urn:hl7-org:v3\"><id>".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> parser.parse(xml))
                .isInstanceOfSatisfying(ArchiveException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_XML));
    }
}
