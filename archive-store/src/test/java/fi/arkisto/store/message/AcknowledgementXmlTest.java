package fi.arkisto.store.message;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import java.io.ByteArrayInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class AcknowledgementXmlTest {

    @Test
    void writesAnApplicationErrorNamingTheTargetMessageAndTheStableCode() throws Exception {
        // given a refusal of the sample frame
        MessageFrame frame = new MessageFrameParser().parse(KantaSamples.frame());
        Acknowledgement ack = Acknowledgement.refused(frame, null,
                new ArchiveException(ErrorCode.FRAME_DOCUMENT_MISMATCH, "setId differs: <a> & \"b\""), "1.2.3");

        // when
        byte[] xml = AcknowledgementXml.write(ack);

        // then
        Document dom = parse(xml);
        XPath xpath = XPathFactory.newInstance().newXPath();
        assertThat(xpath.evaluate("local-name(/*)", dom)).isEqualTo("MCCI_IN000002UV01");
        assertThat(xpath.evaluate("namespace-uri(/*)", dom)).isEqualTo("urn:hl7-org:v3");
        assertThat(xpath.evaluate("/*/*[local-name()='acknowledgement']/@typeCode", dom)).isEqualTo("AE");
        assertThat(xpath.evaluate("//*[local-name()='targetMessage']/*[local-name()='id']/@extension", dom)).isEqualTo("10037140046");
        assertThat(xpath.evaluate("//*[local-name()='acknowledgementDetail']/*[local-name()='code']/@code", dom))
                .isEqualTo("FRAME_DOCUMENT_MISMATCH");
        assertThat(xpath.evaluate("//*[local-name()='acknowledgementDetail']/*[local-name()='text']", dom))
                .isEqualTo("setId differs: <a> & \"b\"");
        assertThat(xpath.evaluate("/*/*[local-name()='receiver']//*[local-name()='id']/@root", dom))
                .isEqualTo("1.2.246.10.32213561.10.0");
        assertThat(xpath.evaluate("/*/*[local-name()='id']/@root", dom)).startsWith("2.25.");
    }

    @Test
    void unreadableFramesAreRejectedNotErrored() {
        Acknowledgement ack = Acknowledgement.refused(null, null, new ArchiveException(ErrorCode.FRAME_INVALID, "x"), null);

        assertThat(ack.type()).isEqualTo(AcknowledgementType.AR);
        assertThat(ack.errorCode()).isEqualTo("FRAME_INVALID");
        assertThat(AcknowledgementXml.writeString(ack)).doesNotContain("targetMessage");
    }

    private static Document parse(byte[] xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }
}
