package fi.arkisto.store.message;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.identity.Oid;

import java.time.OffsetDateTime;

/**
 * A Kanta archive request message frame, HL7 v3 {@code RCMR_IN200002FI01} (the frame that carried the real
 * sample document, {@code asiakkuusasiakirja_K.xml}). The frame, not the transport, says who acts and why:
 * {@link #requestContext()} is the sender organisation, the acting professional ({@code authorOrPerformer}) and
 * the use context ({@code reasonCode} in {@value RequestContext#PURPOSE_CODE_SYSTEM}).
 *
 * @param messageId             {@code /id}
 * @param creationTime          {@code /creationTime@value}
 * @param senderOrganisation    {@code sender/device/id@root}: the organisation whose system sent the message
 * @param receiverDevice        {@code receiver/device/id@root}, or null
 * @param professionalId        {@code authorOrPerformer/assignedPerson/id@extension} (or {@code @root} without an extension)
 * @param representedOrganisation {@code authorOrPerformer/assignedPerson/representedOrganization/id@root}, or null
 * @param serviceRequest        {@code reasonCode} in {@value ServiceRequest#CODE_SYSTEM}
 * @param useContext            {@code reasonCode@code} in {@value RequestContext#PURPOSE_CODE_SYSTEM}
 * @param operation             store or nullify, see {@link MessageOperation}
 * @param reasonText            {@code controlActProcess/text}: the nullification reason, or null
 * @param document              the summary of the carried document
 */
public record MessageFrame(MessageId messageId, OffsetDateTime creationTime, Oid senderOrganisation,
                           String receiverDevice, String professionalId, String representedOrganisation,
                           ServiceRequest serviceRequest, String useContext, MessageOperation operation,
                           String reasonText, FramedDocument document) {

    /** The HL7 v3 interaction this parser accepts. */
    public static final String INTERACTION = "RCMR_IN200002FI01";

    public RequestContext requestContext() {
        return new RequestContext(senderOrganisation, professionalId, useContext);
    }
}
