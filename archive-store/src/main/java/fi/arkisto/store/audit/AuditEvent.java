package fi.arkisto.store.audit;

import java.time.Instant;

/**
 * One stored audit event, a link of the hash chain: {@code hash} is SHA-256 over {@code prevHash}
 * and the canonical encoding of every other field (see {@link AuditLog}).
 */
public record AuditEvent(long id, Instant occurredAt, String organisation, String userId, String purposeOfUse,
                         String operation, String documentOid, String clientId, String outcome, String detail,
                         String prevHash, String hash) {
}
