package fi.arkisto.store.rejection;

import fi.arkisto.store.error.ErrorCode;

import java.time.Instant;

/**
 * One refused submission in the reject store (invariant 1 (docs/invariants.md): nothing is lost, every submission ends
 * archived or here with a machine-readable reason).
 *
 * @param sourceReference file name, package entry ({@code package.zip!entry}), or message id: never personal data by design
 * @param messageId       the HL7 message id (or AMQP message id) when known
 */
public record Rejection(long id, IngestChannel channel, String sourceReference, String messageId,
                        Instant receivedAt, Instant rejectedAt, ErrorCode errorCode, String reason,
                        PayloadFingerprint payload) {
}
