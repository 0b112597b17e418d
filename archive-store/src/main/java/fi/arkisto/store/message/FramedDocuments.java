package fi.arkisto.store.message;

import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import java.util.Map;

/**
 * A frame's document (docs/messages.md, "The two forms of a submission") and the rule that frame and document agree
 * ("Frame and document must agree"): the frame can never make the archive file a document under another client,
 * register or version than the document says.
 */
final class FramedDocuments {

    private FramedDocuments() {
    }

    /** The document a frame carries: handed in beside it, or the MIME part its {@code DXS@id} names. */
    static byte[] documentOf(Submission submission, MessageFrame frame) {
        if (submission.document() != null) {
            return submission.document();
        }
        String reference = MultipartRelated.normalise(frame.document().attachmentReference());
        if (reference != null) {
            byte[] part = submission.attachments().get(reference);
            if (part == null) {
                part = submission.attachments().entrySet().stream()
                        .filter(e -> e.getKey().startsWith(reference + "@"))
                        .map(Map.Entry::getValue).findFirst().orElse(null);
            }
            if (part == null) {
                throw new ArchiveException(ErrorCode.FRAME_INVALID, "Message frame: the attachment " + reference
                        + " named by text/mimeEncode/DXS@id is not among the MIME parts " + submission.attachments().keySet());
            }
            return part;
        }
        if (submission.attachments().size() == 1) {
            return submission.attachments().values().iterator().next();
        }
        throw new ArchiveException(ErrorCode.FRAME_INVALID, submission.attachments().isEmpty()
                ? "Message frame: the document is missing"
                : "Message frame: no text/mimeEncode/DXS@id tells which of " + submission.attachments().size()
                + " parts is the document");
    }

    /** Frame and document must name the same version, client and register (docs/messages.md). */
    static void checkAgreement(FramedDocument framed, DocumentMetadata document) {
        agree("id", framed.documentOid(), document.documentOid().value());
        agree("setId", framed.setId(), document.setId());
        agree("versionNumber", framed.versionNumber() == null ? null : String.valueOf(framed.versionNumber()),
                String.valueOf(document.versionNumber()));
        agree("recordTarget id", framed.clientId(), document.clientId());
        if (framed.clientIdRoot() != null) {
            agree("recordTarget id@root", framed.clientIdRoot(), document.clientIdRoot());
        }
        agree("custodian", framed.custodianOid(), document.controllerOid());
    }

    private static void agree(String field, String inFrame, String inDocument) {
        if (inFrame == null) {
            throw new ArchiveException(ErrorCode.FRAME_INVALID, "Message frame: clinicalDocument " + field + " is missing");
        }
        if (!inFrame.equals(inDocument)) {
            // identity codes are personal data: name the field, never the values
            boolean personal = field.startsWith("recordTarget");
            throw new ArchiveException(ErrorCode.FRAME_DOCUMENT_MISMATCH, "The frame and the document disagree on "
                    + field + (personal ? "" : ": frame " + inFrame + ", document " + inDocument));
        }
    }
}
