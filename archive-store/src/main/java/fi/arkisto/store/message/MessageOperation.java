package fi.arkisto.store.message;

/**
 * What a framed request does to the archive. Kanta frames name the service (SP1/SP17) but signal the operation
 * through the carried document: a new version in an existing set with {@code relatedDocument[@typeCode=RPLC]}
 * replaces (docs/messages.md), and a frame whose {@code clinicalDocument/statusCode} is {@code nullified}
 * (HL7 v3 ActStatus) nullifies the named version with the reason given in {@code controlActProcess/text}.
 * Nothing is ever overwritten (invariant 4 (docs/invariants.md)): replace and nullify add records.
 */
public enum MessageOperation {
    /** Archive a new document or a replacing version; the archiving service tells them apart from the header. */
    STORE,
    /** Mark the document named by the frame void, with a reason; no document attachment is needed. */
    NULLIFY;

    static MessageOperation of(String clinicalDocumentStatusCode) {
        return "nullified".equalsIgnoreCase(clinicalDocumentStatusCode) ? NULLIFY : STORE;
    }
}
