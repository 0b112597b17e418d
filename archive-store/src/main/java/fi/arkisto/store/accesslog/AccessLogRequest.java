package fi.arkisto.store.accesslog;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What a controller asks for a client's log extract (Act 703/2023 s. 11; docs/access.md, "Log extracts"): the
 * client, the Finnish days the extract covers (both inclusive) and, when the period reaches further back than two
 * years, the reason stated for it.
 *
 * @param reason the stated reason, or null; recorded in the extract's own audit event
 * @param page   zero-based page of {@code size} entries, oldest first
 */
public record AccessLogRequest(String clientId, LocalDate from, LocalDate to, String reason, int page, int size) {

    public AccessLogRequest {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        reason = reason == null || reason.isBlank() ? null : reason.strip();
    }
}
