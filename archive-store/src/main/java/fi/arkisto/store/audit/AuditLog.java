package fi.arkisto.store.audit;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The append-only, hash-chained log of every use of client data (invariant 5 (docs/invariants.md)).
 *
 * <p>Appends lock the one-row chain head {@code FOR UPDATE}, so appends from every thread and every
 * app instance sharing the database are serialised, ids are gapless and each event's
 * {@code prev_hash} is its predecessor's hash. An append joins the caller's transaction when there
 * is one (the event commits or rolls back with the change it records), otherwise it commits on its
 * own before returning, so "audited before data leaves" holds for readers.
 *
 * <p>A single event outside any transaction (every read's) is first appended in one autocommitted statement after
 * the head this instance last saw: the statement moves the head only if it is still that one, and inserts the event
 * only if it moved it, so the chain's rules hold as under the lock. When another instance has appended since, nothing
 * changes and the append takes the lock as above. One round trip instead of three for a read's audit event.
 */
public class AuditLog {

    private static final int MAX_DETAIL = 4000;
    private static final String INSERT = """
            INSERT INTO archive.audit_event (id, occurred_at, organisation, user_id, purpose_of_use, operation,
                document_oid, client_id, outcome, detail, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    /** One event and the chain head in one statement: a single read's event costs one round trip after the lock. */
    private static final String INSERT_ONE = "WITH event AS (" + INSERT + " RETURNING id)"
            + " UPDATE archive.audit_chain_head SET last_id = (SELECT id FROM event), last_hash = ? WHERE singleton";
    /** The head moves from the last one seen to the new event, and the event is inserted only if it moved. */
    private static final String APPEND_AFTER_KNOWN_HEAD = """
            WITH moved AS (
                UPDATE archive.audit_chain_head SET last_id = ?, last_hash = ?
                 WHERE singleton AND last_id = ? AND last_hash = ? RETURNING last_id)
            INSERT INTO archive.audit_event (id, occurred_at, organisation, user_id, purpose_of_use, operation,
                document_oid, client_id, outcome, detail, prev_hash, hash)
            SELECT ?::bigint, ?::timestamptz, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text, ?::text,
                   ?::text, ?::text FROM moved""";
    private static final String LOCK_HEAD = "last_id, last_hash FROM archive.audit_chain_head WHERE singleton FOR UPDATE";
    private static final String SELECT = """
            SELECT id, occurred_at, organisation, user_id, purpose_of_use, operation, document_oid, client_id,
                   outcome, detail, prev_hash, hash
              FROM archive.audit_event""";

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate required;
    private final TransactionTemplate independent;
    private final TransactionTemplate snapshot;
    private final Clock clock;
    /** The chain head as this instance last wrote or read it: where an optimistic append starts. */
    private final AtomicReference<Head> lastSeenHead = new AtomicReference<>();

    private record Head(long id, String hash) {
    }

    public AuditLog(DataSource dataSource, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(1_000);
        this.required = new TransactionTemplate(transactionManager);
        this.independent = new TransactionTemplate(transactionManager);
        this.independent.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.snapshot = new TransactionTemplate(transactionManager);
        this.snapshot.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.clock = clock;
    }

    /**
     * Appends one event in the caller's transaction if there is one (it commits or rolls back with
     * the change it records), else in its own, and returns it as stored.
     */
    public AuditEvent append(AuditEntry entry) {
        return appendAll(List.of(entry)).get(0);
    }

    /** Appends events in order as one JDBC batch under one lock of the chain head; joins the caller's transaction. */
    public List<AuditEvent> appendAll(List<AuditEntry> entries) {
        return append(entries, required);
    }

    /**
     * Appends one event in a transaction of its own, committed before this returns whatever the
     * caller's transaction does later: for reads (audited before data leaves) and refusals.
     */
    public AuditEvent appendCommitted(AuditEntry entry) {
        return appendAllCommitted(List.of(entry)).get(0);
    }

    /** {@link #appendCommitted} for several events, as one batch. */
    public List<AuditEvent> appendAllCommitted(List<AuditEntry> entries) {
        return append(entries, independent);
    }

    private List<AuditEvent> append(List<AuditEntry> entries, TransactionTemplate transaction) {
        if (entries.isEmpty()) {
            return List.of();
        }
        try {
            if (entries.size() == 1 && !TransactionSynchronizationManager.isActualTransactionActive()) {
                AuditEvent appended = appendAfterLastSeenHead(entries.get(0));
                if (appended != null) {
                    return List.of(appended);
                }
            }
            return transaction.execute(status -> {
                // a caller holding the head in an outer transaction would otherwise wait on itself forever; the
                // timeout is set in the locking statement itself (set_config is SET LOCAL), saving a round trip
                Map<String, Object> head = jdbc.queryForMap(status.isNewTransaction()
                        ? "SELECT set_config('lock_timeout', '30s', true) AS lock_timeout, " + LOCK_HEAD
                        : "SELECT " + LOCK_HEAD);
                Head locked = new Head(((Number) head.get("last_id")).longValue(), ((String) head.get("last_hash")).trim());
                Instant now = AuditChain.truncate(clock.instant());
                List<AuditEvent> events = chained(entries, locked, now);
                AuditEvent last = events.get(events.size() - 1);
                Timestamp at = Timestamp.from(now);
                if (events.size() == 1) {
                    jdbc.update(INSERT_ONE, ps -> {
                        bind(ps, last, at);
                        ps.setString(13, last.hash());
                    });
                } else {
                    jdbc.batchUpdate(INSERT, events, 1_000, (ps, e) -> bind(ps, e, at));
                    jdbc.update("UPDATE archive.audit_chain_head SET last_id = ?, last_hash = ? WHERE singleton",
                            last.id(), last.hash());
                }
                // a rolled-back caller leaves a head that never was: the next optimistic append then finds no match
                lastSeenHead.set(new Head(last.id(), last.hash()));
                return events;
            });
        } catch (DataAccessException e) {
            throw new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE, "The audit log could not be written", e);
        }
    }

    /**
     * The event appended after the head this instance last saw, in one autocommitted statement; null when there is
     * none yet or another instance has moved the head since (then nothing was written).
     */
    private AuditEvent appendAfterLastSeenHead(AuditEntry entry) {
        Head seen = lastSeenHead.get();
        if (seen == null) {
            return null;
        }
        Instant now = AuditChain.truncate(clock.instant());
        AuditEvent event = chained(List.of(entry), seen, now).get(0);
        int inserted = jdbc.update(APPEND_AFTER_KNOWN_HEAD, ps -> {
            ps.setLong(1, event.id());
            ps.setString(2, event.hash());
            ps.setLong(3, seen.id());
            ps.setString(4, seen.hash());
            bind(ps, 4, event, Timestamp.from(now));
        });
        if (inserted != 1) {
            return null;
        }
        lastSeenHead.compareAndSet(seen, new Head(event.id(), event.hash()));
        return event;
    }

    /** The entries as events following {@code after}, each linked to its predecessor's hash, all at {@code now}. */
    private static List<AuditEvent> chained(List<AuditEntry> entries, Head after, Instant now) {
        long id = after.id();
        String prevHash = after.hash();
        List<AuditEvent> events = new ArrayList<>(entries.size());
        for (AuditEntry entry : entries) {
            id++;
            String detail = entry.detail() == null || entry.detail().length() <= MAX_DETAIL
                    ? entry.detail() : entry.detail().substring(0, MAX_DETAIL);
            String organisation = entry.context().organisation().value();
            String hash = AuditChain.hash(prevHash, id, now, organisation, entry.context().userId(),
                    entry.context().purposeOfUse(), entry.operation().name(), entry.documentOid(),
                    entry.clientId(), entry.outcome().name(), detail);
            events.add(new AuditEvent(id, now, organisation, entry.context().userId(),
                    entry.context().purposeOfUse(), entry.operation().name(), entry.documentOid(),
                    entry.clientId(), entry.outcome().name(), detail, prevHash, hash));
            prevHash = hash;
        }
        return events;
    }

    private static void bind(PreparedStatement ps, AuditEvent e, Timestamp at) throws SQLException {
        bind(ps, 0, e, at);
    }

    /** The event's twelve columns as parameters {@code after + 1} on. */
    private static void bind(PreparedStatement ps, int after, AuditEvent e, Timestamp at) throws SQLException {
        int i = after;
        ps.setLong(++i, e.id());
        ps.setTimestamp(++i, at);
        ps.setString(++i, e.organisation());
        ps.setString(++i, e.userId());
        ps.setString(++i, e.purposeOfUse());
        ps.setString(++i, e.operation());
        ps.setString(++i, e.documentOid());
        ps.setString(++i, e.clientId());
        ps.setString(++i, e.outcome());
        ps.setString(++i, e.detail());
        ps.setString(++i, e.prevHash());
        ps.setString(++i, e.hash());
    }

    /**
     * Walks the whole chain in id order with a cursor (constant memory) on one consistent snapshot:
     * every id must follow its predecessor, link to its hash and hash to its own stored hash, and the
     * last event must be the one the chain head records (so deleting the newest event is caught too).
     */
    public AuditVerification verify() {
        return snapshot.execute(status -> {
            Map<String, Object> head = jdbc.queryForMap("SELECT last_id, last_hash FROM archive.audit_chain_head WHERE singleton");
            long headId = ((Number) head.get("last_id")).longValue();
            String headHash = ((String) head.get("last_hash")).trim();
            Walk walk = new Walk();
            try {
                streaming.query(SELECT + " ORDER BY id", rs -> {
                    walk.visit(toEvent(rs));
                });
            } catch (BrokenChain broken) {
                return new AuditVerification(false, walk.count, broken.eventId, broken.getMessage());
            }
            if (walk.lastId != headId || !walk.lastHash.equals(headHash)) {
                return new AuditVerification(false, walk.count, walk.lastId + 1,
                        "the chain ends at event " + walk.lastId + " but its head records event " + headId
                                + ": events were removed from the end or the head was altered");
            }
            return new AuditVerification(true, walk.count, null, null);
        });
    }

    /** Events about one document, oldest first (e.g. who has read it). */
    public List<AuditEvent> eventsForDocument(String documentOid) {
        return jdbc.query(SELECT + " WHERE document_oid = ? ORDER BY id", EVENT, documentOid);
    }

    /** Events about one client, oldest first (the client's right to know who used their data). */
    public List<AuditEvent> eventsForClient(String clientId) {
        return jdbc.query(SELECT + " WHERE client_id = ? ORDER BY id", EVENT, clientId);
    }

    private static final RowMapper<AuditEvent> EVENT = (rs, row) -> toEvent(rs);

    private static AuditEvent toEvent(ResultSet rs) throws SQLException {
        OffsetDateTime at = rs.getObject("occurred_at", OffsetDateTime.class);
        return new AuditEvent(rs.getLong("id"), at == null ? null : at.toInstant(), rs.getString("organisation"),
                rs.getString("user_id"), rs.getString("purpose_of_use"), rs.getString("operation"),
                rs.getString("document_oid"), rs.getString("client_id"), rs.getString("outcome"),
                rs.getString("detail"), trim(rs.getString("prev_hash")), trim(rs.getString("hash")));
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    private static final class Walk {
        long count;
        long lastId;
        String lastHash = AuditChain.GENESIS_HASH;

        void visit(AuditEvent event) {
            count++;
            if (event.id() != lastId + 1) {
                throw new BrokenChain(event.id(), "event " + event.id() + " follows event " + lastId
                        + ": events were removed or renumbered");
            }
            if (!lastHash.equals(event.prevHash())) {
                throw new BrokenChain(event.id(), "event " + event.id() + " does not link to the hash of event " + lastId);
            }
            if (event.occurredAt() == null) {
                throw new BrokenChain(event.id(), "event " + event.id() + " has no time");
            }
            String expected = AuditChain.hash(event.prevHash(), event.id(), event.occurredAt(), event.organisation(),
                    event.userId(), event.purposeOfUse(), event.operation(), event.documentOid(), event.clientId(),
                    event.outcome(), event.detail());
            if (!expected.equals(event.hash())) {
                throw new BrokenChain(event.id(), "event " + event.id() + " does not match its hash: it was altered");
            }
            lastId = event.id();
            lastHash = event.hash();
        }
    }

    private static final class BrokenChain extends RuntimeException {
        final long eventId;

        BrokenChain(long eventId, String message) {
            super(message, null, false, false);
            this.eventId = eventId;
        }
    }
}
