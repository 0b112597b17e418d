package fi.arkisto.store.accesslog;

import fi.arkisto.store.document.AssignedRegister;

import fi.arkisto.store.identity.PersonalIdentityCode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The events of a log extract, read through indexes only: {@code audit_event_client_idx} (client, time) narrows to
 * the client's events of the period, and each event's document is looked up by {@code document_version}'s primary
 * key for the register it is in. A second branch ({@code UNION ALL}) adds the uses of the documents of mutual cases
 * the client is a party of (docs/access.md, "Mutual cases"): the client's memberships by
 * {@code mutual_case_party_party_idx}, each case's current topic version by its key, the case's documents by
 * {@code document_version_case_idx} and their events by {@code audit_event_document_idx}. The audit chain itself is
 * only read.
 */
final class AccessLogQueries {

    /** The register a version is in now: {@link AssignedRegister#currentController}. */
    static String currentController(String version) {
        return AssignedRegister.currentController(version);
    }

    /**
     * The documents of other clients that pertain to the client through a mutual case ({@link #MUTUAL}'s one
     * parameter: the client): those attached to a case a current (ACTIVE) topic version names the client a party of,
     * whose effective day (the archiving day without one; Finnish time) falls in one of the client's periods, as the
     * access rules judge a mutual case's document ({@code MutualCase.statusOf}, {@code IN_PERIOD}). The client's own
     * documents are the first branch's. ({@code OFFSET 0} keeps the case's documents a lookup per membership through
     * {@code document_version_case_idx}: flattened, the planner may walk a whole index of the versions instead.)
     */
    static final String MUTUAL = """
            SELECT DISTINCT v.document_oid, v.controller_oid, v.case_id
              FROM archive.mutual_case_party p
              JOIN archive.document_version t ON t.document_oid = p.topic_document_oid AND t.status = 'ACTIVE'
             CROSS JOIN LATERAL (
                   SELECT c.document_oid,""" + " " + currentController("c") + """
                   AS controller_oid, c.case_id
                     FROM archive.document_version c
                    WHERE c.case_id = p.case_id AND c.case_id IS NOT NULL AND c.client_id <> p.party_id
                      AND (coalesce(c.effective_time, c.archived_at) AT TIME ZONE 'Europe/Helsinki')::date
                          BETWEEN p.party_from AND coalesce(p.party_until, 'infinity'::date)
                   OFFSET 0) v
             WHERE p.party_id = ?""";
    private static final String COLUMNS = """
            SELECT e.id, e.occurred_at, e.organisation, e.user_id, e.purpose_of_use, e.operation, e.document_oid,
                   e.detail, """;
    /**
     * The events of the period of the {@link #MUTUAL} documents, other than those recorded under the client itself
     * (the first branch's); parameters: the client, the period, the client again.
     */
    private static final String MUTUAL_EVENTS = """
              m.controller_oid, m.case_id
              FROM (""" + MUTUAL + """
            ) m
              JOIN archive.audit_event e ON e.document_oid = m.document_oid
             WHERE e.document_oid IS NOT NULL AND e.occurred_at >= ? AND e.occurred_at < ? AND e.outcome = 'SUCCESS'
               AND e.client_id IS DISTINCT FROM ?""";

    /**
     * In the controller's registers: an event of a document whose version is in its register; of no single document,
     * the controller's own (its listings, its records of the client) and the listings that covered its register (a
     * provider's listing names the registers it listed, a listing of every other controller's register those its
     * documents came from); and the events of the mutual cases' documents in its register. Refused and not-found
     * events are left out: nothing of the client's data was used. Parameters: client, from, to, controller,
     * controller, listing pattern ({@link #listingOf}), client, from, to, client, controller.
     */
    private static final String EVENTS = COLUMNS + """
            r.controller_oid, NULL::varchar AS case_id
              FROM archive.audit_event e
              LEFT JOIN archive.document_version v ON v.document_oid = e.document_oid
             CROSS JOIN LATERAL (SELECT""" + " " + currentController("v") + """
             AS controller_oid) r
             WHERE e.client_id = ? AND e.occurred_at >= ? AND e.occurred_at < ? AND e.outcome = 'SUCCESS'
               AND (r.controller_oid = ?
                    OR (e.document_oid IS NULL AND (e.organisation = ?
                        OR (e.operation = 'LIST_CLIENT_DOCUMENTS' AND e.detail ~ ?))))
            UNION ALL
            """ + COLUMNS + MUTUAL_EVENTS + " AND m.controller_oid = ?";
    static final String COUNT = "SELECT count(*) FROM (" + EVENTS + ") x";
    static final String PAGE = "SELECT * FROM (" + EVENTS + ") x ORDER BY occurred_at, id LIMIT ? OFFSET ?";

    /**
     * The citizen's own extract, in every register: the citizen's successful events of the period and those of the
     * mutual cases' documents that pertain to the citizen, less those a person rather than an organisation acted in
     * (the code system of the identity code in the organisation column, {@code CitizenReads}), unless the person is
     * the citizen and the citizen's own use is listed (the citizen's code or null). Another person's reads (a mutual
     * case's party) are never listed: they would name that person. Parameters: citizen, from, to, own use, citizen,
     * from, to, citizen, own use.
     */
    private static final String NOT_ANOTHER_PERSON = " AND (e.organisation <> '" + PersonalIdentityCode.CODE_SYSTEM
            + "' OR e.user_id = ?)";
    private static final String CITIZEN_EVENTS = COLUMNS + " " + currentController("v") + """
             AS controller_oid, NULL::varchar AS case_id
              FROM archive.audit_event e
              LEFT JOIN archive.document_version v ON v.document_oid = e.document_oid
             WHERE e.client_id = ? AND e.occurred_at >= ? AND e.occurred_at < ? AND e.outcome = 'SUCCESS'""" 
            + NOT_ANOTHER_PERSON + "\nUNION ALL\n" + COLUMNS + MUTUAL_EVENTS + NOT_ANOTHER_PERSON;
    static final String CITIZEN_COUNT = "SELECT count(*) FROM (" + CITIZEN_EVENTS + ") x";
    static final String CITIZEN_PAGE = "SELECT * FROM (" + CITIZEN_EVENTS
            + ") x ORDER BY occurred_at DESC, id DESC LIMIT ? OFFSET ?";

    /** A decision's words: "basis OWN_REGISTER (own register ...), disclosure FULL" (AccessDescription). */
    private static final Pattern BASIS = Pattern.compile("(?:^|; )basis ([A-Z_]+) \\((.*?)\\)(?:, disclosure|;|$)");
    /** A listing's words: "registers [a, b], ...; bases {OWN_REGISTER=2, ...}". */
    private static final Pattern LIST_BASES = Pattern.compile("; bases \\{([^}]*)}");
    private static final Pattern LIST_REGISTERS = Pattern.compile("registers (\\[[^]]*])");
    /** A listing of every other controller's register: "listed from registers {1.2.3=[SHARING_WITH_CONSENT]}". */
    private static final Pattern LISTED_FROM = Pattern.compile("^scope all-controllers, [^;]*?listed from registers "
            + "\\{([^}]*)}");
    private static final Pattern REGISTER_BASES = Pattern.compile("([0-9.]+)=\\[([^]]*)]");
    private static final Pattern ASSERTED = Pattern.compile("; asserted: (.*?)(?:; |$)");
    /** Bases on which the acting organisation processes on the controller's behalf rather than receiving a disclosure. */
    private static final Set<String> ON_BEHALF = Set.of("OWN_REGISTER", "REGISTER_ACCESS_RIGHT",
            "EXTENSIVE_REGISTER_ACCESS_RIGHT", "DEPLOYMENT_TEST_REGISTER_ACCESS");

    private final JdbcTemplate jdbc;

    AccessLogQueries(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
    }

    long count(String clientId, Instant from, Instant to, String controller) {
        Long count = jdbc.queryForObject(COUNT, Long.class, parameters(clientId, from, to, controller));
        return count == null ? 0 : count;
    }

    List<AccessLogEntry> page(String clientId, Instant from, Instant to, String controller, int limit, long offset) {
        return jdbc.query(PAGE, entry(controller), append(parameters(clientId, from, to, controller), limit, offset));
    }

    /** The parameters of {@link #COUNT} (and of {@link #PAGE} before its limit and offset). */
    static Object[] parameters(String clientId, Instant from, Instant to, String controller) {
        Timestamp start = Timestamp.from(from);
        Timestamp end = Timestamp.from(to);
        return new Object[] {clientId, start, end, controller, controller, listingOf(controller), clientId, start, end,
                clientId, controller};
    }

    /** @param ownUse the citizen's code when the citizen's own use is listed, else null */
    long citizenCount(String citizen, Instant from, Instant to, String ownUse) {
        Long count = jdbc.queryForObject(CITIZEN_COUNT, Long.class, citizenParameters(citizen, from, to, ownUse));
        return count == null ? 0 : count;
    }

    List<AccessLogEntry> citizenPage(String citizen, Instant from, Instant to, String ownUse, int limit, long offset) {
        return jdbc.query(CITIZEN_PAGE, entry(null), append(citizenParameters(citizen, from, to, ownUse), limit,
                offset));
    }

    /** The parameters of {@link #CITIZEN_COUNT} (and of {@link #CITIZEN_PAGE} before its limit and offset). */
    static Object[] citizenParameters(String citizen, Instant from, Instant to, String ownUse) {
        Timestamp start = Timestamp.from(from);
        Timestamp end = Timestamp.from(to);
        return new Object[] {citizen, start, end, ownUse, citizen, start, end, citizen, ownUse};
    }

    private static Object[] append(Object[] parameters, Object... more) {
        Object[] all = Arrays.copyOf(parameters, parameters.length + more.length);
        System.arraycopy(more, 0, all, parameters.length, more.length);
        return all;
    }

    /**
     * A listing's detail naming the controller's OID as one of its registers (an OID is digits and dots): a listing
     * of {@code scope=registers} among the registers it covered, one of every other controller's register among the
     * registers its listed documents came from ({@code ClientDocumentsList}'s words).
     */
    static String listingOf(String controller) {
        String oid = controller.replace(".", "\\.");
        return "^scope registers, registers \\[([^]]*, )?" + oid + "[],]"
                + "|^scope all-controllers, [^;]*listed from registers \\{([^}]*, )?" + oid + "=\\[";
    }

    /**
     * An entry of the controller's extract ({@code controller}) or of the citizen's (null): a listing of every other
     * controller's register carries, in the controller's extract, the bases of the documents listed from its register.
     */
    private static RowMapper<AccessLogEntry> entry(String controller) {
        return (rs, row) -> {
            String organisation = rs.getString("organisation");
            String register = rs.getString("controller_oid");
            String detail = rs.getString("detail");
            String basis = null;
            String description = null;
            boolean sharedListing = false;
            if (detail != null) {
                Matcher decided = BASIS.matcher(detail);
                Matcher listed = LIST_BASES.matcher(detail);
                Matcher listedFrom = LISTED_FROM.matcher(detail);
                if (decided.find()) {
                    basis = decided.group(1);
                    description = decided.group(2);
                } else if (listedFrom.find()) {
                    sharedListing = true;
                    basis = controller == null ? listed.find() ? listed.group(1).replaceAll("=\\d+", "") : null
                            : basesIn(listedFrom.group(1), controller);
                    description = "listing of every other controller's register, documents listed from registers "
                            + registersOf(listedFrom.group(1));
                } else if (listed.find()) {
                    basis = listed.group(1).replaceAll("=\\d+", "");
                    Matcher registers = LIST_REGISTERS.matcher(detail);
                    description = registers.find() ? "listing of registers " + registers.group(1) : null;
                }
            }
            Matcher asserted = detail == null ? null : ASSERTED.matcher(detail);
            boolean disclosure = (register != null && !register.equals(organisation)
                    || sharedListing && !organisation.equals(controller)) && !onBehalf(basis);
            return new AccessLogEntry(rs.getObject("occurred_at", OffsetDateTime.class).toInstant(), organisation,
                    rs.getString("user_id"), rs.getString("purpose_of_use"), rs.getString("operation"),
                    rs.getString("document_oid"), register, disclosure ? AccessLogKind.DISCLOSURE : AccessLogKind.USE,
                    basis, description, asserted != null && asserted.find() ? asserted.group(1) : null,
                    rs.getString("case_id"));
        };
    }

    /** Whether every basis named (comma-joined) is one of processing on the controller's behalf. */
    private static boolean onBehalf(String basis) {
        return basis != null && Arrays.stream(basis.split(", ")).allMatch(ON_BEHALF::contains);
    }

    /** The bases of the register in "{1.2.3=[A, B], 1.2.4=[C]}" (comma-joined), or null when it is not named. */
    private static String basesIn(String registers, String controller) {
        Matcher each = REGISTER_BASES.matcher(registers);
        while (each.find()) {
            if (each.group(1).equals(controller)) {
                return each.group(2);
            }
        }
        return null;
    }

    private static String registersOf(String registers) {
        List<String> oids = new ArrayList<>();
        Matcher each = REGISTER_BASES.matcher(registers);
        while (each.find()) {
            oids.add(each.group(1));
        }
        return oids.toString();
    }
}
