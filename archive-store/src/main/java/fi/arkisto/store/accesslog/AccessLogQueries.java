package fi.arkisto.store.accesslog;

import fi.arkisto.store.identity.PersonalIdentityCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The events of a log extract, read through indexes only: {@code audit_event_client_idx} (client, time) narrows to
 * the client's events of the period, and each event's document is looked up by {@code document_version}'s primary
 * key for the register it is in. The audit chain itself is only read.
 */
final class AccessLogQueries {

    /**
     * In the controller's registers: an event of a document whose version is in its register; of no single document,
     * the controller's own (its listings, its records of the client) and the listings that covered its register
     * (a provider's listing names the registers it listed). Refused and not-found events are left out: nothing of
     * the client's data was used.
     */
    private static final String WHERE = """
              FROM archive.audit_event e
              LEFT JOIN archive.document_version v ON v.document_oid = e.document_oid
             WHERE e.client_id = ? AND e.occurred_at >= ? AND e.occurred_at < ? AND e.outcome = 'SUCCESS'
               AND (v.controller_oid = ?
                    OR (e.document_oid IS NULL AND (e.organisation = ?
                        OR (e.operation = 'LIST_CLIENT_DOCUMENTS' AND e.detail ~ ?))))""";
    static final String COUNT = "SELECT count(*)" + WHERE;
    private static final String COLUMNS = """
            SELECT e.occurred_at, e.organisation, e.user_id, e.purpose_of_use, e.operation, e.document_oid,
                   e.detail, v.controller_oid""";
    static final String PAGE = COLUMNS + WHERE + " ORDER BY e.occurred_at, e.id LIMIT ? OFFSET ?";

    /**
     * The citizen's own extract, in every register: the citizen's successful events of the period, less those a
     * person rather than an organisation acted in (the code system of the identity code in the organisation column,
     * {@code CitizenReads}), unless the person is the citizen and the citizen's own use is listed (the last
     * parameter, the citizen's code or null). Another person's reads (a mutual case's party) are never listed: they
     * would name that person.
     */
    private static final String CITIZEN_WHERE = """
              FROM archive.audit_event e
              LEFT JOIN archive.document_version v ON v.document_oid = e.document_oid
             WHERE e.client_id = ? AND e.occurred_at >= ? AND e.occurred_at < ? AND e.outcome = 'SUCCESS'
               AND (e.organisation <> '""" + PersonalIdentityCode.CODE_SYSTEM + "' OR e.user_id = ?)";
    static final String CITIZEN_COUNT = "SELECT count(*)" + CITIZEN_WHERE;
    static final String CITIZEN_PAGE = COLUMNS + CITIZEN_WHERE + " ORDER BY e.occurred_at DESC, e.id DESC LIMIT ? OFFSET ?";

    /** A decision's words: "basis OWN_REGISTER (own register ...), disclosure FULL" (AccessDescription). */
    private static final Pattern BASIS = Pattern.compile("(?:^|; )basis ([A-Z_]+) \\((.*?)\\)(?:, disclosure|;|$)");
    /** A listing's words: "registers [a, b], ...; bases {OWN_REGISTER=2, ...}". */
    private static final Pattern LIST_BASES = Pattern.compile("; bases \\{([^}]*)}");
    private static final Pattern LIST_REGISTERS = Pattern.compile("registers (\\[[^]]*])");
    private static final Pattern ASSERTED = Pattern.compile("; asserted: (.*?)(?:; |$)");
    /** Bases on which the acting organisation processes on the controller's behalf rather than receiving a disclosure. */
    private static final Set<String> ON_BEHALF = Set.of("OWN_REGISTER", "REGISTER_ACCESS_RIGHT",
            "EXTENSIVE_REGISTER_ACCESS_RIGHT");

    private final JdbcTemplate jdbc;

    AccessLogQueries(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    long count(String clientId, Instant from, Instant to, String controller) {
        Long count = jdbc.queryForObject(COUNT, Long.class, clientId, Timestamp.from(from), Timestamp.from(to),
                controller, controller, listingOf(controller));
        return count == null ? 0 : count;
    }

    List<AccessLogEntry> page(String clientId, Instant from, Instant to, String controller, int limit, long offset) {
        return jdbc.query(PAGE, ENTRY, clientId, Timestamp.from(from), Timestamp.from(to), controller, controller,
                listingOf(controller), limit, offset);
    }

    /** @param ownUse the citizen's code when the citizen's own use is listed, else null */
    long citizenCount(String citizen, Instant from, Instant to, String ownUse) {
        Long count = jdbc.queryForObject(CITIZEN_COUNT, Long.class, citizen, Timestamp.from(from), Timestamp.from(to),
                ownUse);
        return count == null ? 0 : count;
    }

    List<AccessLogEntry> citizenPage(String citizen, Instant from, Instant to, String ownUse, int limit, long offset) {
        return jdbc.query(CITIZEN_PAGE, ENTRY, citizen, Timestamp.from(from), Timestamp.from(to), ownUse, limit,
                offset);
    }

    /** A listing's detail naming the controller's OID as one of its registers (an OID is digits and dots). */
    private static String listingOf(String controller) {
        return "^scope registers, registers \\[([^]]*, )?" + controller.replace(".", "\\.") + "[],]";
    }

    private static final RowMapper<AccessLogEntry> ENTRY = (rs, row) -> {
        String organisation = rs.getString("organisation");
        String register = rs.getString("controller_oid");
        String detail = rs.getString("detail");
        String basis = null;
        String description = null;
        if (detail != null) {
            Matcher decided = BASIS.matcher(detail);
            Matcher listed = LIST_BASES.matcher(detail);
            if (decided.find()) {
                basis = decided.group(1);
                description = decided.group(2);
            } else if (listed.find()) {
                basis = listed.group(1).replaceAll("=\\d+", "");
                Matcher registers = LIST_REGISTERS.matcher(detail);
                description = registers.find() ? "listing of registers " + registers.group(1) : null;
            }
        }
        Matcher asserted = detail == null ? null : ASSERTED.matcher(detail);
        AccessLogKind kind = register != null && !register.equals(organisation) && !ON_BEHALF.contains(basis)
                ? AccessLogKind.DISCLOSURE : AccessLogKind.USE;
        return new AccessLogEntry(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), organisation,
                rs.getString("user_id"), rs.getString("purpose_of_use"), rs.getString("operation"),
                rs.getString("document_oid"), register, kind, basis, description,
                asserted != null && asserted.find() ? asserted.group(1) : null);
    };
}
