package fi.arkisto.store.accesslog;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.audit.AuditEntry;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.audit.AuditOperation;
import fi.arkisto.store.audit.AuditOutcome;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.document.CitizenReads;
import fi.arkisto.store.hl7.Hl7Timestamp;
import fi.arkisto.store.identity.PersonalIdentityCode;
import org.springframework.dao.DataAccessException;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * The controller's log extract of a client (Act 703/2023 s. 11: the client's right to know who has used or been
 * disclosed their data, and on what basis; docs/access.md, "Log extracts"): every use and disclosure of the client's
 * data in the acting organisation's registers, from the audit log. Reading the extract is itself a use, audited
 * ({@code READ_ACCESS_LOG}) before any entry is returned, with the period and the reason stated for a period
 * reaching further back than two years.
 */
public class AccessLogService {

    /** The reach without a stated reason (Act 703/2023 s. 11: older logs need a special reason). */
    static final int FREE_YEARS = 2;
    static final int MAX_REASON = 1000;

    private final AccessLogQueries queries;
    private final AuditLog audit;
    private final Clock clock;

    public AccessLogService(DataSource dataSource, AuditLog audit, Clock clock) {
        this.queries = new AccessLogQueries(dataSource);
        this.audit = Objects.requireNonNull(audit);
        this.clock = Objects.requireNonNull(clock);
    }

    /** The first Finnish day an extract may reach without a stated reason: two years before today. */
    public LocalDate freeFrom() {
        return today().minusYears(FREE_YEARS);
    }

    /** Today in Finland: the default last day of an extract. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(Hl7Timestamp.FINNISH_TIME));
    }

    /**
     * One page of the extract for the acting organisation's registers.
     *
     * @throws ArchiveException INVALID_IDENTITY_CODE, INVALID_REQUEST (the period or the reason),
     *                          ACCESS_LOG_REASON_REQUIRED (none of them audited: nothing was read)
     */
    public AccessLogExtract page(AccessLogRequest request, RequestContext context) {
        return extract(request, context, false, Long.MAX_VALUE);
    }

    /**
     * The whole extract as one letter to the client: every entry of the period, at most {@code maxEntries}.
     *
     * @throws ArchiveException as {@link #page}, and ACCESS_LOG_TOO_LARGE above {@code maxEntries} (not audited)
     */
    public AccessLogExtract letter(AccessLogRequest request, RequestContext context, int maxEntries) {
        return extract(new AccessLogRequest(request.clientId(), request.from(), request.to(), request.reason(), 0,
                maxEntries), context, true, maxEntries);
    }

    /**
     * One page of the citizen's own log extract (Act 703/2023 s. 11; GDPR art. 15; docs/access.md, "The citizen's
     * access log"), newest first: the successful uses and disclosures of the citizen's data in every register, by
     * organisations. The professional is named only when {@code policy} says so; the citizen's own reads are listed
     * only when it says so (never another person's). Reading it is audited as the citizen's own use
     * ({@link CitizenReads}), before any entry is returned.
     *
     * @throws ArchiveException INVALID_REQUEST (the period, the page), CITIZEN_ACCESS_LOG_TOO_OLD (a period reaching
     *                          further back than two years: older logs are asked from the controller with a reason);
     *                          neither audited
     */
    public AccessLogExtract citizenPage(PersonalIdentityCode citizen, LocalDate from, LocalDate to, int page, int size,
                                        CitizenLogPolicy policy) {
        Objects.requireNonNull(citizen, "citizen");
        AccessLogRequest request = new AccessLogRequest(citizen.value(), from, to, null, page, size);
        if (from.isAfter(to)) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "from must not be after to");
        }
        if (page < 0 || size < 1) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "page must be >= 0 and size >= 1");
        }
        if (from.isBefore(freeFrom())) {
            throw new ArchiveException(ErrorCode.CITIZEN_ACCESS_LOG_TOO_OLD, "The period starts on " + from
                    + ", before " + freeFrom() + " (two years ago): ask the controller of the data for older logs");
        }
        Instant start = from.atStartOfDay(Hl7Timestamp.FINNISH_TIME).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(Hl7Timestamp.FINNISH_TIME).toInstant();
        String ownUse = policy.ownUseListed() ? citizen.value() : null;
        try {
            long total = queries.citizenCount(citizen.value(), start, end, ownUse);
            List<AccessLogEntry> entries = queries.citizenPage(citizen.value(), start, end, ownUse, size,
                    (long) page * size).stream().map(entry -> policy.professionalsNamed() ? entry : anonymous(entry))
                    .toList();
            audit.appendCommitted(new AuditEntry(CitizenReads.context(citizen), AuditOperation.READ_ACCESS_LOG, null,
                    citizen.value(), AuditOutcome.SUCCESS, "citizen's own " + describe(request, false, entries.size(),
                    total)));
            return new AccessLogExtract(citizen.value(), null, from, to, null, entries, page, size, total);
        } catch (DataAccessException e) {
            throw new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE, "The audit log could not be read", e);
        }
    }

    /** The entry without the professional: the organisation acted, the person is the controller's to name. */
    private static AccessLogEntry anonymous(AccessLogEntry entry) {
        return new AccessLogEntry(entry.occurredAt(), entry.organisation(), null, entry.useContext(), entry.operation(),
                entry.documentOid(), entry.register(), entry.kind(), entry.basis(), entry.basisDescription(),
                entry.asserted(), entry.mutualCase());
    }

    private AccessLogExtract extract(AccessLogRequest request, RequestContext context, boolean letter, long max) {
        check(request);
        String controller = context.organisation().value();
        Instant from = request.from().atStartOfDay(Hl7Timestamp.FINNISH_TIME).toInstant();
        Instant to = request.to().plusDays(1).atStartOfDay(Hl7Timestamp.FINNISH_TIME).toInstant();
        try {
            long total = queries.count(request.clientId(), from, to, controller);
            if (total > max) {
                throw new ArchiveException(ErrorCode.ACCESS_LOG_TOO_LARGE, "The period holds " + total
                        + " entries, more than the " + max + " one letter may hold: ask for a shorter period");
            }
            List<AccessLogEntry> entries = queries.page(request.clientId(), from, to, controller, request.size(),
                    (long) request.page() * request.size());
            audit.appendCommitted(new AuditEntry(context, AuditOperation.READ_ACCESS_LOG, null, request.clientId(),
                    AuditOutcome.SUCCESS, describe(request, letter, entries.size(), total)));
            return new AccessLogExtract(request.clientId(), controller, request.from(), request.to(), request.reason(),
                    entries, request.page(), request.size(), total);
        } catch (DataAccessException e) {
            throw new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE, "The audit log could not be read", e);
        }
    }

    private void check(AccessLogRequest request) {
        // a malformed identity code names nobody (INVALID_IDENTITY_CODE)
        PersonalIdentityCode.of(request.clientId());
        if (request.from().isAfter(request.to())) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "from must not be after to");
        }
        if (request.page() < 0 || request.size() < 1) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "page must be >= 0 and size >= 1");
        }
        String reason = request.reason();
        if (reason != null && (reason.length() > MAX_REASON || reason.chars().anyMatch(Character::isISOControl))) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST,
                    "reason must be at most " + MAX_REASON + " characters without control characters");
        }
        if (reason == null && request.from().isBefore(freeFrom())) {
            throw new ArchiveException(ErrorCode.ACCESS_LOG_REASON_REQUIRED, "The period starts on " + request.from()
                    + ", before " + freeFrom() + " (two years ago): state the reason in the reason parameter");
        }
    }

    private String describe(AccessLogRequest request, boolean letter, int listed, long total) {
        StringBuilder text = new StringBuilder(letter ? "log extract letter" : "log extract")
                .append(" from ").append(request.from()).append(" to ").append(request.to());
        if (!letter) {
            text.append(", page ").append(request.page()).append(" of size ").append(request.size());
        }
        text.append(", ").append(listed).append(" of ").append(total).append(" entries");
        if (request.reason() != null) {
            text.append("; reason: ").append(request.reason());
        }
        return text.toString();
    }
}
