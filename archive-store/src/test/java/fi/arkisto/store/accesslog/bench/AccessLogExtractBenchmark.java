package fi.arkisto.store.accesslog.bench;

import fi.arkisto.store.StoreTestApplication;
import fi.arkisto.store.accesslog.AccessLogExtract;
import fi.arkisto.store.accesslog.AccessLogRequest;
import fi.arkisto.store.accesslog.AccessLogService;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.document.ArchivingService;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.testsupport.ArchiveStoreTestEnvironment;
import fi.arkisto.store.testsupport.KantaSamples;
import fi.arkisto.store.testsupport.Latencies;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Not a test: the controller's log extract of one client ({@link AccessLogService#page}) over millions of audit
 * events (COPY-loaded, {@link AuditEventsLoader}) against the raw index lookup that gives the same entries (plain
 * JDBC, the same predicate, every column read as text, nothing parsed), measured interleaved in the same run on the
 * same database. See bench/access-log/README.md.
 *
 * <p>Arguments: [events (10,000,000)] [measured requests per path (2,000)] [queried clients (200)]
 * [events per queried client (150)].
 */
public final class AccessLogExtractBenchmark {

    static final String CONTROLLER = KantaSamples.SAMPLE_CONTROLLER;
    static final String PROVIDER = "1.2.246.10.29990001.10.0";
    private static final int DOCUMENTS_PER_CLIENT = 20;
    private static final int PAGE_SIZE = 50;

    /** The extract's own predicate, written out: the client's successful events of the period in the register. */
    /**
     * The extract's predicate written out: the client's events of the period in the register, and those of the
     * documents of mutual cases the client is a party of for the days of its periods, in the register.
     */
    private static final String EVENTS = """
            SELECT e.id, e.occurred_at, e.organisation, e.user_id, e.purpose_of_use, e.operation, e.document_oid,
                   e.detail, v.controller_oid
              FROM archive.audit_event e
              LEFT JOIN archive.document_version v ON v.document_oid = e.document_oid
             WHERE e.client_id = ? AND e.occurred_at >= ? AND e.occurred_at < ? AND e.outcome = 'SUCCESS'
               AND (v.controller_oid = ?
                    OR (e.document_oid IS NULL AND (e.organisation = ?
                        OR (e.operation = 'LIST_CLIENT_DOCUMENTS' AND e.detail ~ ?))))
            UNION ALL
            SELECT e.id, e.occurred_at, e.organisation, e.user_id, e.purpose_of_use, e.operation, e.document_oid,
                   e.detail, m.controller_oid
              FROM (SELECT DISTINCT c.document_oid, c.controller_oid
                      FROM archive.mutual_case_party p
                      JOIN archive.document_version t ON t.document_oid = p.topic_document_oid AND t.status = 'ACTIVE'
                     CROSS JOIN LATERAL (
                           SELECT d.document_oid, d.controller_oid FROM archive.document_version d
                            WHERE d.case_id = p.case_id AND d.case_id IS NOT NULL AND d.client_id <> p.party_id
                              AND (coalesce(d.effective_time, d.archived_at) AT TIME ZONE 'Europe/Helsinki')::date
                                  BETWEEN p.party_from AND coalesce(p.party_until, 'infinity'::date)
                           OFFSET 0) c
                     WHERE p.party_id = ?) m
              JOIN archive.audit_event e ON e.document_oid = m.document_oid
             WHERE e.document_oid IS NOT NULL AND e.occurred_at >= ? AND e.occurred_at < ? AND e.outcome = 'SUCCESS'
               AND e.client_id IS DISTINCT FROM ? AND m.controller_oid = ?""";
    /** A listing naming the controller's register, as AccessLogQueries.listingOf writes it. */
    private static final String LISTING = "^scope registers, registers \\[([^]]*, )?" + CONTROLLER.replace(".", "\\.")
            + "[],]|^scope all-controllers, [^;]*listed from registers \\{([^}]*, )?" + CONTROLLER.replace(".", "\\.")
            + "=\\[";

    public static void main(String[] args) throws Exception {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L;
        int requests = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        int queried = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int perClient = args.length > 3 ? Integer.parseInt(args[3]) : 150;
        ArchiveStoreTestEnvironment environment = ArchiveStoreTestEnvironment.privateLocal();
        Map<String, Object> properties = new HashMap<>(environment.properties());
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(StoreTestApplication.class)
                .web(WebApplicationType.NONE).properties(properties).run()) {
            AccessLogService logs = context.getBean(AccessLogService.class);
            DataSource dataSource = context.getBean(DataSource.class);
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            RequestContext controller = new RequestContext(Oid.of(CONTROLLER), "bench", "1");

            // given the queried clients' documents in the controller's register and elsewhere (one version archived
            // through the real path, copied row by row with the identity replaced) and millions of audit events
            Random random = new Random(20261203L);
            String template = context.getBean(ArchivingService.class).archive(KantaSamples.document()
                    .controller(CONTROLLER).build(), controller).document().oid().value();
            List<String> others = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                others.add("1.2.246.10.2999" + String.format("%04d", 100 + i) + ".10.0");
            }
            List<String> clients = new ArrayList<>();
            List<List<String>> own = new ArrayList<>();
            List<List<String>> elsewhere = new ArrayList<>();
            for (int c = 0; c < queried; c++) {
                String client = KantaSamples.newTestIdentityCode();
                clients.add(client);
                own.add(copies(jdbc, template, client, c, CONTROLLER, "o"));
                elsewhere.add(copies(jdbc, template, client, c, others.get(c % others.size()), "e"));
            }
            jdbc.execute("ANALYZE archive.document_version");
            AuditEventsLoader loader = new AuditEventsLoader(dataSource, random);
            long started = System.nanoTime();
            loader.load(events, perClient, clients, own, elsewhere, CONTROLLER, PROVIDER, others, Instant.now());
            System.out.printf("COPY-loaded %,d audit events in %.1f s (%s), %d cores%n", loader.loaded(),
                    (System.nanoTime() - started) / 1e9, loader.tableSize(), Runtime.getRuntime().availableProcessors());

            System.out.println("plan of the page of one client (EXPLAIN ANALYZE):");
            explain(dataSource, logs, clients.get(0)).forEach(line -> System.out.println("  " + line));

            // warm both paths over the same clients, unmeasured
            for (int i = 0; i < Math.max(200, requests / 4); i++) {
                String client = clients.get(random.nextInt(clients.size()));
                raw(dataSource, logs, client);
                logs.page(lastTwoYears(logs, client), controller);
            }

            // when the same requests are measured, interleaved (raw, extract)
            long[] rawNanos = new long[requests];
            long[] extractNanos = new long[requests];
            long entries = 0;
            long totals = 0;
            for (int i = 0; i < requests; i++) {
                String client = clients.get(random.nextInt(clients.size()));
                long t0 = System.nanoTime();
                long[] raw = raw(dataSource, logs, client);
                long t1 = System.nanoTime();
                AccessLogExtract extract = logs.page(lastTwoYears(logs, client), controller);
                long t2 = System.nanoTime();
                if (extract.entries().size() != raw[1] || extract.total() != raw[0]) {
                    throw new IllegalStateException("the extract gave " + extract.entries().size() + " of "
                            + extract.total() + " entries for " + client + ", the raw lookup " + raw[1] + " of " + raw[0]);
                }
                entries += raw[1];
                totals += raw[0];
                rawNanos[i] = t1 - t0;
                extractNanos[i] = t2 - t1;
            }

            // then
            System.out.printf("%,d audit events, %d requests per path, page size %d, %.1f entries per page and %.1f"
                    + " in the period on average%n", loader.loaded(), requests, PAGE_SIZE, entries / (double) requests,
                    totals / (double) requests);
            Latencies.report("raw index lookup (JDBC, same entries)", 44, rawNanos, null);
            Latencies.report("log extract (page with its audit event)", 44, extractNanos, rawNanos);
        }
        // the embedded S3 server's threads would keep the JVM running
        System.exit(0);
    }

    private static AccessLogRequest lastTwoYears(AccessLogService logs, String client) {
        return new AccessLogRequest(client, logs.freeFrom(), logs.today(), null, 0, PAGE_SIZE);
    }

    /** The period's count and its first page through plain JDBC on one connection: {total, rows on the page}. */
    private static long[] raw(DataSource dataSource, AccessLogService logs, String client) {
        Timestamp from = Timestamp.from(logs.freeFrom().atStartOfDay(java.time.ZoneId.of("Europe/Helsinki")).toInstant());
        Timestamp to = Timestamp.from(logs.today().plusDays(1).atStartOfDay(java.time.ZoneId.of("Europe/Helsinki"))
                .toInstant());
        String listing = LISTING;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM (" + EVENTS + ") x");
             PreparedStatement page = connection.prepareStatement("SELECT * FROM (" + EVENTS
                     + ") x ORDER BY occurred_at, id LIMIT ?")) {
            bind(count, client, from, to, listing);
            long total;
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
            page.setInt(bind(page, client, from, to, listing), PAGE_SIZE);
            long rows = 0;
            try (ResultSet rs = page.executeQuery()) {
                while (rs.next()) {
                    for (int c = 2; c <= 9; c++) {
                        rs.getString(c);
                    }
                    rows++;
                }
            }
            return new long[]{total, rows};
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> explain(DataSource dataSource, AccessLogService logs, String client)
            throws SQLException {
        Timestamp from = Timestamp.from(logs.freeFrom().atStartOfDay(java.time.ZoneId.of("Europe/Helsinki")).toInstant());
        Timestamp to = Timestamp.from(logs.today().plusDays(1).atStartOfDay(java.time.ZoneId.of("Europe/Helsinki"))
                .toInstant());
        String listing = LISTING;
        List<String> plan = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement explain = connection.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) SELECT id FROM ("
                     + EVENTS + ") x ORDER BY occurred_at, id LIMIT " + PAGE_SIZE)) {
            bind(explain, client, from, to, listing);
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.add(rs.getString(1));
                }
            }
        }
        return plan;
    }

    private static int bind(PreparedStatement statement, String client, Timestamp from, Timestamp to, String listing)
            throws SQLException {
        statement.setString(1, client);
        statement.setTimestamp(2, from);
        statement.setTimestamp(3, to);
        statement.setString(4, CONTROLLER);
        statement.setString(5, CONTROLLER);
        statement.setString(6, listing);
        statement.setString(7, client);
        statement.setTimestamp(8, from);
        statement.setTimestamp(9, to);
        statement.setString(10, client);
        statement.setString(11, CONTROLLER);
        return 12;
    }

    /** Copies of the template version for the client in the register, with OIDs and sets of their own. */
    private static List<String> copies(JdbcTemplate jdbc, String template, String client, int c, String register,
                                       String kind) {
        List<String> oids = new ArrayList<>();
        for (int d = 0; d < DOCUMENTS_PER_CLIENT; d++) {
            oids.add("1.2.246.10.29990098.400." + kind + c + "." + d);
        }
        jdbc.update("""
                INSERT INTO archive.document_version
                SELECT (jsonb_populate_record(NULL::archive.document_version, to_jsonb(v) || jsonb_build_object(
                        'document_oid', o, 'set_id', o || '.set', 'client_id', ?, 'controller_oid', ?,
                        'original_custodian_oid', ?, 'author_organisation_oid', ?))).*
                  FROM archive.document_version v, unnest(?::text[]) o
                 WHERE v.document_oid = ?""", client, register, register, register, oids.toArray(new String[0]),
                template);
        return oids;
    }
}
