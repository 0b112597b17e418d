package fi.arkisto.store.message;

import fi.arkisto.store.error.ErrorCode;

/**
 * The summary of the carried document that a frame repeats in {@code controlActProcess/subject/clinicalDocument}.
 * The archive checks it against the document itself ({@link ErrorCode#FRAME_DOCUMENT_MISMATCH}) so that a frame
 * can never make the archive file a document under another client, register or version than the document says.
 *
 * @param attachmentReference the {@code text/mimeEncode/DXS@id} naming the MIME part (Content-ID) with the document, or null
 * @param statusCode          {@code statusCode@code}, {@code COMPLETED} for stores, {@code nullified} for nullifications
 */
public record FramedDocument(String documentOid, String setId, Integer versionNumber, String clientId,
                             String clientIdRoot, String custodianOid, String statusCode, String attachmentReference) {
}
