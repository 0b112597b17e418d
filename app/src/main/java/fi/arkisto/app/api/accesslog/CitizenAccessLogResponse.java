package fi.arkisto.app.api.accesslog;

import fi.arkisto.store.accesslog.AccessLogEntry;
import fi.arkisto.store.accesslog.AccessLogExtract;

import java.time.LocalDate;
import java.util.List;

/**
 * A page of the citizen's own log extract (docs/access.md, "The citizen's access log"), newest first.
 *
 * @param professionalsNamed whether entries name the professional ({@code arkisto.access-log.citizen.professionals-named});
 *                           when not, {@code professional} is null and the controller names them on request
 * @param ownUseListed       whether the citizen's own reads are among the entries
 */
record CitizenAccessLogResponse(LocalDate from, LocalDate to, boolean professionalsNamed, boolean ownUseListed,
                                List<AccessLogEntry> entries, int page, int size, long total, long totalPages) {

    static CitizenAccessLogResponse of(AccessLogExtract extract, AccessLogProperties.Citizen policy) {
        return new CitizenAccessLogResponse(extract.from(), extract.to(), policy.professionalsNamed(),
                policy.ownUseListed(), extract.entries(), extract.page(), extract.size(), extract.total(),
                (extract.total() + extract.size() - 1) / extract.size());
    }
}
