package fi.arkisto.app.api.accesslog;

import fi.arkisto.store.accesslog.AccessLogEntry;
import fi.arkisto.store.accesslog.AccessLogExtract;

import java.time.LocalDate;
import java.util.List;

/** A page of a client's log extract (docs/access.md, "Log extracts"). */
record AccessLogResponse(String clientId, String controller, LocalDate from, LocalDate to, String reason,
                         List<AccessLogEntry> entries, int page, int size, long total, long totalPages) {

    static AccessLogResponse of(AccessLogExtract extract) {
        return new AccessLogResponse(extract.clientId(), extract.controller(), extract.from(), extract.to(),
                extract.reason(), extract.entries(), extract.page(), extract.size(), extract.total(),
                (extract.total() + extract.size() - 1) / extract.size());
    }
}
