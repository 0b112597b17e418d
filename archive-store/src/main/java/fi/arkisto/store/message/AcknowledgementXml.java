package fi.arkisto.store.message;

import fi.arkisto.store.hl7.Hl7Namespaces;
import fi.arkisto.store.hl7.Hl7Timestamp;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes an {@link Acknowledgement} as an HL7 v3 {@code MCCI_IN000002UV01}-style message in {@code urn:hl7-org:v3}:
 * the receiver/sender devices swapped from the acknowledged frame, {@code acknowledgement@typeCode} AA/AE/AR, the
 * {@code targetMessage} id and one {@code acknowledgementDetail} per outcome, error or warning. The detail codes are
 * the archive's stable codes ({@code codeSystemName="arkisto-error-code"}), so clients switch on them.
 */
public final class AcknowledgementXml {

    public static final String MEDIA_TYPE = "application/xml";
    public static final String INTERACTION = "MCCI_IN000002UV01";
    private static final String NS = Hl7Namespaces.V3;
    /** Found once: the factory lookup scans the class path, and a configured factory is safe to share. */
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    private AcknowledgementXml() {
    }

    public static byte[] write(Acknowledgement ack) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try {
            XMLStreamWriter w = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.setDefaultNamespace(NS);
            w.writeStartElement(NS, INTERACTION);
            w.writeDefaultNamespace(NS);
            w.writeAttribute("ITSVersion", "XML_1.0");
            id(w, "id", ack.id());
            empty(w, "creationTime", "value", Hl7Timestamp.format(ack.creationTime()));
            w.writeEmptyElement(NS, "interactionId");
            w.writeAttribute("extension", INTERACTION);
            w.writeAttribute("root", "2.16.840.1.113883.1.6");
            empty(w, "processingCode", "code", "P");
            empty(w, "processingModeCode", "code", "T");
            empty(w, "acceptAckCode", "code", "NE");
            device(w, "receiver", "RCV", ack.senderDevice());
            device(w, "sender", "SND", ack.receiverDevice());
            w.writeStartElement(NS, "acknowledgement");
            w.writeAttribute("typeCode", ack.type().name());
            if (ack.targetMessage() != null) {
                w.writeStartElement(NS, "targetMessage");
                id(w, "id", ack.targetMessage());
                w.writeEndElement();
            }
            for (AcknowledgementDetail detail : ack.details()) {
                w.writeStartElement(NS, "acknowledgementDetail");
                w.writeAttribute("typeCode", detail.typeCode());
                w.writeEmptyElement(NS, "code");
                w.writeAttribute("code", detail.code());
                w.writeAttribute("codeSystemName", "arkisto-error-code");
                w.writeStartElement(NS, "text");
                w.writeCharacters(detail.text() == null ? "" : detail.text());
                w.writeEndElement();
                if (ack.documentOid() != null) {
                    w.writeStartElement(NS, "location");
                    w.writeCharacters("clinicalDocument " + ack.documentOid());
                    w.writeEndElement();
                }
                w.writeEndElement();
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("Cannot write an acknowledgement", e);
        }
        return out.toByteArray();
    }

    public static String writeString(Acknowledgement ack) {
        return new String(write(ack), StandardCharsets.UTF_8);
    }

    private static void id(XMLStreamWriter w, String element, MessageId id) throws XMLStreamException {
        w.writeEmptyElement(NS, element);
        if (id.extension() != null) {
            w.writeAttribute("extension", id.extension());
        }
        w.writeAttribute("root", id.root());
    }

    private static void empty(XMLStreamWriter w, String element, String attribute, String value) throws XMLStreamException {
        w.writeEmptyElement(NS, element);
        w.writeAttribute(attribute, value);
    }

    private static void device(XMLStreamWriter w, String element, String typeCode, String deviceId) throws XMLStreamException {
        if (deviceId == null) {
            return;
        }
        w.writeStartElement(NS, element);
        w.writeAttribute("typeCode", typeCode);
        w.writeStartElement(NS, "device");
        w.writeAttribute("classCode", "DEV");
        w.writeAttribute("determinerCode", "INSTANCE");
        w.writeEmptyElement(NS, "id");
        w.writeAttribute("root", deviceId);
        w.writeEndElement();
        w.writeEndElement();
    }
}
