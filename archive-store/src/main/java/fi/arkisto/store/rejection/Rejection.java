package fi.arkisto.store.rejection;

import fi.arkisto.store.error.ErrorCode;

import java.time.Instant;

/**
 * One refused submission in the reject store (invariant 1 (docs/invariants.md): nothing is lost, every submission ends
 * archived or here with a machine-readable reason).
 *
 * @param sourceReference file name, package entry ({@code package.zip!entry}), or message id: never personal data by design
 * @param messageId       the HL7 message id (or AMQP message id) when known
 * @param resolution      when and by which document the refused submission was archived after all, or null while it
 *                        was not (docs/messages.md, "Reject records")
 */
public record Rejection(long id, IngestChannel channel, String sourceReference, String messageId,
                        Instant receivedAt, Instant rejectedAt, ErrorCode errorCode, String reason,
                        PayloadFingerprint payload, Resolution resolution) {

    /** The later archiving that resolved a refusal: the document whose SHA-256 is the refused payload's. */
    public record Resolution(Instant resolvedAt, String documentOid) {
    }

    public boolean resolved() {
        return resolution != null;
    }
}
