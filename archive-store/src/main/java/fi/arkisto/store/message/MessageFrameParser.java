package fi.arkisto.store.message;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.hl7.Hl7Timestamp;
import fi.arkisto.store.identity.Oid;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.time.DateTimeException;
import java.time.OffsetDateTime;

import static fi.arkisto.store.hl7.Hl7Elements.attribute;
import static fi.arkisto.store.hl7.Hl7Elements.child;
import static fi.arkisto.store.hl7.Hl7Elements.children;
import static fi.arkisto.store.hl7.Hl7Elements.path;
import static fi.arkisto.store.hl7.Hl7Elements.text;
import static fi.arkisto.store.hl7.Hl7Namespaces.V3;

/**
 * Reads a Kanta {@code RCMR_IN200002FI01} message frame (docs/messages.md) into a {@link MessageFrame}. The XML is parsed
 * with the project's hardened parser (no DTD, no entities, size and depth limits: invariant 7 (docs/invariants.md)); anything
 * the archive needs and cannot find is refused with {@link ErrorCode#FRAME_INVALID} naming the missing part.
 */
public class MessageFrameParser {

    public MessageFrame parse(byte[] frameXml) {
        Document dom = FrameXml.parse(frameXml);
        Element root = dom.getDocumentElement();
        if (!V3.equals(root.getNamespaceURI()) || !MessageFrame.INTERACTION.equals(root.getLocalName())) {
            throw invalid("the root element is {" + root.getNamespaceURI() + "}" + root.getLocalName()
                    + ", expected {" + V3 + "}" + MessageFrame.INTERACTION);
        }
        Element id = child(root, V3, "id");
        String idRoot = required(attribute(id, "root"), "id@root");
        MessageId messageId = new MessageId(idRoot, attribute(id, "extension"));
        OffsetDateTime creationTime = timestamp(attribute(child(root, V3, "creationTime"), "value"),
                "creationTime@value");
        Oid sender = Oid.of(required(attribute(path(root, V3, "sender", "device", "id"), "root"),
                "sender/device/id@root"));
        String receiver = attribute(path(root, V3, "receiver", "device", "id"), "root");

        Element act = child(root, V3, "controlActProcess");
        if (act == null) {
            throw invalid("controlActProcess is missing");
        }
        ServiceRequest serviceRequest = null;
        String useContext = null;
        for (Element reason : children(act, V3, "reasonCode")) {
            String system = attribute(reason, "codeSystem");
            String code = attribute(reason, "code");
            if (ServiceRequest.CODE_SYSTEM.equals(system)) {
                serviceRequest = ServiceRequest.ofCode(required(code, "reasonCode@code (service request)"));
            } else if (RequestContext.PURPOSE_CODE_SYSTEM.equals(system)) {
                useContext = required(code, "reasonCode@code (use context)");
            }
        }
        if (serviceRequest == null) {
            throw invalid("no reasonCode in code system " + ServiceRequest.CODE_SYSTEM + " (service request)");
        }
        if (useContext == null) {
            throw invalid("no reasonCode in code system " + RequestContext.PURPOSE_CODE_SYSTEM + " (use context)");
        }
        Element person = path(act, V3, "authorOrPerformer", "assignedPerson");
        Element personId = child(person, V3, "id");
        String professional = attribute(personId, "extension") != null ? attribute(personId, "extension")
                : attribute(personId, "root");
        required(professional, "authorOrPerformer/assignedPerson/id");
        String represented = attribute(path(person, V3, "representedOrganization", "id"), "root");
        String reasonText = text(child(act, V3, "text"));

        Element doc = path(act, V3, "subject", "clinicalDocument");
        if (doc == null) {
            throw invalid("controlActProcess/subject/clinicalDocument is missing");
        }
        Element patientId = path(doc, V3, "recordTarget", "patient", "id");
        if (patientId == null) {
            patientId = path(doc, V3, "recordTarget", "patientRole", "id");
        }
        String version = attribute(child(doc, V3, "versionNumber"), "value");
        Integer versionNumber;
        try {
            versionNumber = version == null ? null : Integer.valueOf(version);
        } catch (NumberFormatException e) {
            throw invalid("clinicalDocument/versionNumber@value is not a number");
        }
        Element custodianId = path(doc, V3, "custodian", "assignedCustodian", "representedOrganization", "id");
        if (custodianId == null) {
            custodianId = path(doc, V3, "custodian", "assignedCustodian", "representedCustodianOrganization", "id");
        }
        FramedDocument framed = new FramedDocument(
                required(attribute(child(doc, V3, "id"), "root"), "clinicalDocument/id@root"),
                attribute(child(doc, V3, "setId"), "root"),
                versionNumber,
                attribute(patientId, "extension"),
                attribute(patientId, "root"),
                attribute(custodianId, "root"),
                attribute(child(doc, V3, "statusCode"), "code"),
                attribute(path(doc, V3, "text", "mimeEncode", "DXS"), "id"));
        MessageOperation operation = MessageOperation.of(framed.statusCode());
        return new MessageFrame(messageId, creationTime, sender, receiver, professional, represented,
                serviceRequest, useContext, operation, reasonText, framed);
    }

    private static OffsetDateTime timestamp(String value, String what) {
        try {
            return Hl7Timestamp.parse(required(value, what));
        } catch (DateTimeException e) {
            throw invalid(what + " is not an HL7 timestamp: " + value);
        }
    }

    private static String required(String value, String what) {
        if (value == null) {
            throw invalid(what + " is missing");
        }
        return value;
    }

    private static ArchiveException invalid(String detail) {
        return new ArchiveException(ErrorCode.FRAME_INVALID, "Message frame: " + detail);
    }
}
