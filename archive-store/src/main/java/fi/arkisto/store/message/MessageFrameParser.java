package fi.arkisto.store.message;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.time.DateTimeException;
import java.time.OffsetDateTime;

import static fi.arkisto.store.message.Hl7Dom.HL7_NS;
import static fi.arkisto.store.message.Hl7Dom.attr;
import static fi.arkisto.store.message.Hl7Dom.child;
import static fi.arkisto.store.message.Hl7Dom.children;
import static fi.arkisto.store.message.Hl7Dom.path;
import static fi.arkisto.store.message.Hl7Dom.text;

/**
 * Reads a Kanta {@code RCMR_IN200002FI01} message frame (issue 4) into a {@link MessageFrame}. The XML is parsed
 * with the project's hardened parser (no DTD, no entities, size and depth limits: invariant 7 (docs/invariants.md)); anything
 * the archive needs and cannot find is refused with {@link ErrorCode#FRAME_INVALID} naming the missing part.
 */
public class MessageFrameParser {

    public MessageFrame parse(byte[] frameXml) {
        Document dom = FrameXml.parse(frameXml);
        Element root = dom.getDocumentElement();
        if (!HL7_NS.equals(root.getNamespaceURI()) || !MessageFrame.INTERACTION.equals(root.getLocalName())) {
            throw invalid("the root element is {" + root.getNamespaceURI() + "}" + root.getLocalName()
                    + ", expected {" + HL7_NS + "}" + MessageFrame.INTERACTION);
        }
        Element id = child(root, "id");
        String idRoot = required(attr(id, "root"), "id@root");
        MessageId messageId = new MessageId(idRoot, attr(id, "extension"));
        OffsetDateTime creationTime = timestamp(attr(child(root, "creationTime"), "value"), "creationTime@value");
        Oid sender = Oid.of(required(attr(path(root, "sender", "device", "id"), "root"), "sender/device/id@root"));
        String receiver = attr(path(root, "receiver", "device", "id"), "root");

        Element act = child(root, "controlActProcess");
        if (act == null) {
            throw invalid("controlActProcess is missing");
        }
        ServiceRequest serviceRequest = null;
        String useContext = null;
        for (Element reason : children(act, "reasonCode")) {
            String system = attr(reason, "codeSystem");
            String code = attr(reason, "code");
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
        Element person = path(act, "authorOrPerformer", "assignedPerson");
        Element personId = child(person, "id");
        String professional = attr(personId, "extension") != null ? attr(personId, "extension") : attr(personId, "root");
        required(professional, "authorOrPerformer/assignedPerson/id");
        String represented = attr(path(person, "representedOrganization", "id"), "root");
        String reasonText = text(child(act, "text"));

        Element doc = path(act, "subject", "clinicalDocument");
        if (doc == null) {
            throw invalid("controlActProcess/subject/clinicalDocument is missing");
        }
        Element patientId = path(doc, "recordTarget", "patient", "id");
        if (patientId == null) {
            patientId = path(doc, "recordTarget", "patientRole", "id");
        }
        String version = attr(child(doc, "versionNumber"), "value");
        Integer versionNumber;
        try {
            versionNumber = version == null ? null : Integer.valueOf(version);
        } catch (NumberFormatException e) {
            throw invalid("clinicalDocument/versionNumber@value is not a number");
        }
        Element custodianId = path(doc, "custodian", "assignedCustodian", "representedOrganization", "id");
        if (custodianId == null) {
            custodianId = path(doc, "custodian", "assignedCustodian", "representedCustodianOrganization", "id");
        }
        FramedDocument framed = new FramedDocument(
                required(attr(child(doc, "id"), "root"), "clinicalDocument/id@root"),
                attr(child(doc, "setId"), "root"),
                versionNumber,
                attr(patientId, "extension"),
                attr(patientId, "root"),
                attr(custodianId, "root"),
                attr(child(doc, "statusCode"), "code"),
                attr(path(doc, "text", "mimeEncode", "DXS"), "id"));
        MessageOperation operation = MessageOperation.of(framed.statusCode());
        return new MessageFrame(messageId, creationTime, sender, receiver, professional, represented,
                serviceRequest, useContext, operation, reasonText, framed);
    }

    private static OffsetDateTime timestamp(String value, String what) {
        try {
            return Hl7Dom.timestamp(required(value, what));
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
