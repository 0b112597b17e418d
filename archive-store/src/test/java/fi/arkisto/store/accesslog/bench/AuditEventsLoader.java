package fi.arkisto.store.accesslog.bench;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Loads generated audit events with COPY, streamed in chunks, after the events already in the log: the queried
 * clients' events (reads of their documents by the controller, a provider and other controllers, listings naming
 * the controller's register, refusals) spread over three years, and the rest for other clients and documents. The
 * hashes are random: the benchmark reads the log through its indexes and never verifies the chain. The chain head is
 * moved past the loaded events so that the extracts' own events follow them.
 */
final class AuditEventsLoader {

    private static final int ROWS_PER_CHUNK = 20_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;
    private static final String[] OPERATIONS = {"READ_METADATA", "READ_DOCUMENT", "READ_DISPLAY_FORM"};

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Random random;
    private final HexFormat hex = HexFormat.of();
    private long loaded;

    AuditEventsLoader(DataSource dataSource, Random random) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.random = random;
    }

    long loaded() {
        return loaded;
    }

    String tableSize() {
        return jdbc.queryForObject("SELECT pg_size_pretty(pg_total_relation_size('archive.audit_event'))",
                String.class);
    }

    /**
     * @param events       events in all
     * @param perClient    events of each queried client
     * @param documents    each queried client's document OIDs in the controller's register
     * @param elsewhere    each queried client's document OIDs in other registers
     */
    void load(long events, int perClient, List<String> clients, List<List<String>> documents,
              List<List<String>> elsewhere, String controller, String provider, List<String> others, Instant now)
            throws SQLException {
        long first = jdbc.queryForObject("SELECT last_id FROM archive.audit_chain_head", Long.class) + 1;
        long queriedEvents = Math.min(events, (long) perClient * clients.size());
        // every stride-th event is a queried client's, so theirs are spread through the log as in a real one
        long stride = Math.max(1, events / Math.max(1, queriedEvents));
        Instant start = now.minus(3 * 365, ChronoUnit.DAYS);
        long span = ChronoUnit.SECONDS.between(start, now);
        try (Connection connection = dataSource.getConnection()) {
            StringBuilder rows = new StringBuilder(ROWS_PER_CHUNK * 320);
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                    "COPY archive.audit_event (id, occurred_at, organisation, user_id, purpose_of_use, operation,"
                            + " document_oid, client_id, outcome, detail, prev_hash, hash) FROM STDIN");
            try {
                for (long i = 0; i < events; i++) {
                    long id = first + i;
                    Instant at = start.plusSeconds((long) (random.nextDouble() * span));
                    if (i % stride == 0 && i / stride < queriedEvents) {
                        int c = (int) ((i / stride) % clients.size());
                        queriedEvent(rows, id, at, clients.get(c), documents.get(c), elsewhere.get(c), controller,
                                provider, others);
                    } else {
                        otherEvent(rows, id, at, others);
                    }
                    if ((i + 1) % ROWS_PER_CHUNK == 0) {
                        flush(copy, rows);
                    }
                }
                flush(copy, rows);
                loaded += copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
        }
        jdbc.update("UPDATE archive.audit_chain_head SET last_id = ?, last_hash = ?", first + events - 1, hash());
        jdbc.execute("ANALYZE archive.audit_event");
    }

    private void queriedEvent(StringBuilder rows, long id, Instant at, String client, List<String> documents,
                              List<String> elsewhere, String controller, String provider, List<String> others) {
        int kind = random.nextInt(100);
        if (kind < 45) {
            row(rows, id, at, controller, "sosiaalityontekija-" + random.nextInt(40), "1", operation(),
                    pick(documents), client, "SUCCESS", "basis OWN_REGISTER (own register of " + controller
                            + "), disclosure FULL; use context 1; asserted: nothing");
        } else if (kind < 60) {
            row(rows, id, at, provider, "palveluntuottaja-" + random.nextInt(10), "1", operation(), pick(documents),
                    client, "SUCCESS", "basis REGISTER_ACCESS_RIGHT (register access right in the register of "
                            + controller + ", service task 24), disclosure FULL; use context 1; asserted: nothing");
        } else if (kind < 70) {
            String other = pick(others);
            row(rows, id, at, other, "toinen-" + random.nextInt(10), "2", operation(), pick(documents), client,
                    "SUCCESS", "basis SHARING_WITH_CONSENT (consent of the client recorded by " + controller
                            + "), disclosure FULL; use context 2; asserted: nothing");
        } else if (kind < 80) {
            row(rows, id, at, controller, "sosiaalityontekija-" + random.nextInt(40), "1", "LIST_CLIENT_DOCUMENTS",
                    null, client, "SUCCESS", "scope registers, registers [" + controller + "], page 0 of size 20, 20"
                            + " of 30 documents; bases {OWN_REGISTER=20}; use context 1; asserted: nothing");
        } else if (kind < 90) {
            // a use in another register: not in the controller's extract
            String other = pick(others);
            row(rows, id, at, other, "toinen-" + random.nextInt(10), "1", operation(), pick(elsewhere), client,
                    "SUCCESS", "basis OWN_REGISTER (own register of " + other + "), disclosure FULL; use context 1;"
                            + " asserted: nothing");
        } else {
            row(rows, id, at, pick(others), "vieras-" + random.nextInt(10), "1", operation(), pick(documents), client,
                    "DENIED", "NOT_IN_REGISTER: the document is not in the acting organisation's register");
        }
    }

    private void otherEvent(StringBuilder rows, long id, Instant at, List<String> others) {
        String organisation = pick(others);
        String client = "other-" + random.nextInt(500_000);
        row(rows, id, at, organisation, "kayttaja-" + random.nextInt(1000), "1", operation(),
                "1.2.246.10.29990099.400." + random.nextInt(5_000_000), client, "SUCCESS",
                "basis OWN_REGISTER (own register of " + organisation + "), disclosure FULL; use context 1;"
                        + " asserted: nothing");
    }

    private String operation() {
        return OPERATIONS[random.nextInt(OPERATIONS.length)];
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private void row(StringBuilder rows, long id, Instant at, String organisation, String user, String purpose,
                     String operation, String document, String client, String outcome, String detail) {
        rows.append(id).append('\t').append(TIME.format(at)).append('\t').append(organisation).append('\t')
                .append(user).append('\t').append(purpose).append('\t').append(operation).append('\t')
                .append(document == null ? "\\N" : document).append('\t').append(client).append('\t')
                .append(outcome).append('\t').append(detail).append('\t').append(hash()).append('\t')
                .append(hash()).append('\n');
    }

    private String hash() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return hex.formatHex(bytes);
    }

    private static void flush(CopyIn copy, StringBuilder rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        rows.setLength(0);
    }
}
