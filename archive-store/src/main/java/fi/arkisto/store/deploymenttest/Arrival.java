package fi.arkisto.store.deploymenttest;

import java.time.Instant;

/**
 * A document that arrived for a test run's attempt while its window was open, as the guard recorded it.
 *
 * @param refusalCode the guard's refusal ({@code REAL_IDENTITY_CODE_IN_TEST}), or null when the guard let it through
 *                    (later archiving stages may still have refused it: the archive's own record says)
 */
public record Arrival(String documentOid, Instant receivedAt, String refusalCode, String refusalDetail) {
}
