package fi.arkisto.store.accesslog;

import java.time.LocalDate;
import java.util.List;

/**
 * A page of a client's log extract from one controller's registers (docs/access.md, "Log extracts").
 *
 * @param total every entry of the period, across pages
 */
public record AccessLogExtract(String clientId, String controller, LocalDate from, LocalDate to, String reason,
                               List<AccessLogEntry> entries, int page, int size, long total) {

    public AccessLogExtract {
        entries = List.copyOf(entries);
    }
}
