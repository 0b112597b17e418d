package fi.arkisto.store.audit;

/**
 * The result of walking the whole audit chain.
 *
 * @param valid              whether every event links to its predecessor and hashes to its stored hash
 * @param events             events examined (up to and including the first broken one)
 * @param firstBrokenEventId id of the first event found altered, missing or out of order; null when valid
 * @param problem            what was wrong with it; null when valid
 */
public record AuditVerification(boolean valid, long events, Long firstBrokenEventId, String problem) {
}
