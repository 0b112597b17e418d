package fi.arkisto.store.controllerchange;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** SQL over {@code archive.controller_change}, its assignments and pauses (V14). Callers own the transactions. */
final class ControllerChangeRepository {

    private static final String COLUMNS = "id, old_controller_oid, new_controller_oid, document_groups, service_tasks,"
            + " service_units, reason, planned_on, created_at, created_by_org, created_by_user, completed_at,"
            + " assigned_count, abandoned_at, abandoned_by_user, abandon_reason";

    private static final RowMapper<ControllerChange> ROW = (rs, i) -> new ControllerChange(
            rs.getObject("id", UUID.class),
            new ControllerChangeScope(rs.getString("old_controller_oid"), strings(rs.getArray("document_groups")),
                    strings(rs.getArray("service_tasks")), strings(rs.getArray("service_units"))),
            rs.getString("new_controller_oid"), rs.getString("reason"), rs.getObject("planned_on", LocalDate.class),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("created_by_org"),
            rs.getString("created_by_user"), instant(rs, "completed_at"),
            rs.getObject("assigned_count") == null ? null : rs.getLong("assigned_count"), instant(rs, "abandoned_at"),
            rs.getString("abandoned_by_user"), rs.getString("abandon_reason"));

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    ControllerChangeRepository(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    void insert(ControllerChange change) {
        jdbc.update(connection -> {
            var ps = connection.prepareStatement("INSERT INTO archive.controller_change (id, old_controller_oid,"
                    + " new_controller_oid, document_groups, service_tasks, service_units, reason, planned_on,"
                    + " created_at, created_by_org, created_by_user) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            ControllerChangeScope scope = change.scope();
            ps.setObject(1, change.id());
            ps.setString(2, scope.oldController());
            ps.setString(3, change.newController());
            ps.setArray(4, connection.createArrayOf("varchar", scope.documentGroups().toArray()));
            ps.setArray(5, connection.createArrayOf("varchar", scope.serviceTasks().toArray()));
            ps.setArray(6, connection.createArrayOf("varchar", scope.serviceUnits().toArray()));
            ps.setString(7, change.reason());
            ps.setObject(8, change.plannedOn());
            ps.setTimestamp(9, Timestamp.from(change.createdAt()));
            ps.setString(10, change.createdByOrganisation());
            ps.setString(11, change.createdByUser());
            return ps;
        });
    }

    Optional<ControllerChange> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive.controller_change WHERE id = ?", ROW, id).stream()
                .findFirst();
    }

    /** The changes of a register neither completed nor abandoned, oldest first. */
    List<ControllerChange> pendingOf(String oldController) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive.controller_change WHERE old_controller_oid = ?"
                + " AND completed_at IS NULL AND abandoned_at IS NULL ORDER BY created_at", ROW, oldController);
    }

    /** Serialises requests for one register, so that two overlapping changes cannot both be recorded. */
    void lockRegister(String oldController) {
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext('controller-change:' || ?))::text", String.class,
                oldController);
    }

    List<ControllerChangeImpact.Part> count(ControllerChangeSelection selection, String groupBy, String label) {
        String group = groupBy == null ? "'" + label + "'" : "'" + label + " ' || coalesce(" + groupBy + ", '-')";
        return named.query("SELECT " + group + " AS part, count(*) AS documents, count(DISTINCT v.client_id) AS clients,"
                        + " count(DISTINCT v.set_id) AS sets,"
                        + " count(DISTINCT v.case_id) FILTER (WHERE v.status = 'ACTIVE') AS open_cases,"
                        + " coalesce(sum(v.size_bytes), 0) AS bytes FROM archive.document_version v WHERE "
                        + selection.where() + (groupBy == null ? "" : " GROUP BY " + groupBy) + " ORDER BY 1",
                selection.params(), (rs, i) -> new ControllerChangeImpact.Part(rs.getString("part"),
                        rs.getLong("documents"), rs.getLong("clients"), rs.getLong("sets"), rs.getLong("open_cases"),
                        rs.getLong("bytes")));
    }

    ScopeSize size(ControllerChangeSelection selection) {
        return named.queryForObject("SELECT count(*) AS documents, coalesce(sum(v.size_bytes), 0) AS bytes"
                + " FROM archive.document_version v WHERE " + selection.where(), selection.params(),
                (rs, i) -> new ScopeSize(rs.getLong("documents"), rs.getLong("bytes")));
    }

    long countSelected(ControllerChangeSelection selection) {
        Long count = named.queryForObject("SELECT count(*) FROM archive.document_version v WHERE "
                + selection.where(), selection.params(), Long.class);
        return count == null ? 0 : count;
    }

    /**
     * The selection's documents the change has not assigned, in the caller's transaction. Planned as one hash
     * anti-join: with the assignments just written (their pages not yet in the visibility map) the planner's choice,
     * a key lookup per document, took three times as long; and no parallel workers, so that a job's count leaves the
     * other cores to archiving.
     */
    long countUnassigned(ControllerChangeSelection selection, UUID change) {
        jdbc.execute("SET LOCAL enable_nestloop = off");
        jdbc.execute("SET LOCAL max_parallel_workers_per_gather = 0");
        try {
            Long count = named.queryForObject("SELECT count(*) FROM archive.document_version v WHERE "
                    + selection.where() + " AND NOT EXISTS (SELECT 1 FROM archive.controller_assignment y"
                    + " WHERE y.document_oid = v.document_oid AND y.change_id = :change)", selection.params(),
                    Long.class);
            return count == null ? 0 : count;
        } finally {
            jdbc.execute("SET LOCAL enable_nestloop TO DEFAULT");
            jdbc.execute("SET LOCAL max_parallel_workers_per_gather TO DEFAULT");
        }
    }

    /** The first document OID of each of up to {@code partitions} equal ranges of the selection, in order. */
    List<String> rangeStarts(ControllerChangeSelection selection, int partitions) {
        MapSqlParameterSource params = new MapSqlParameterSource(selection.params().getValues())
                .addValue("partitions", partitions);
        return named.queryForList("SELECT min(document_oid) FROM (SELECT v.document_oid, ntile(:partitions)"
                + " OVER (ORDER BY v.document_oid) AS tile FROM archive.document_version v WHERE " + selection.where()
                + ") t GROUP BY tile ORDER BY 1", params, String.class);
    }

    /**
     * Assigns the next up to {@code limit} documents of the selection in OID order, from {@code from} (inclusive,
     * null: the first), after {@code after} (exclusive, null: no bound) and before {@code until} (exclusive, null: the
     * last), those that are in the old controller's register now and not yet assigned by this change, in one
     * statement: the OIDs are picked, checked and inserted in the database, never sent to the job and back.
     *
     * @param lookUpRegister whether a picked row may be in another register than the old controller's now (then its
     *                       register is looked up; without, every row the selection picks is in it)
     */
    AssignedRange assignRange(ControllerChangeSelection selection, UUID change, String newController, String from,
                              String after, String until, int limit, Instant at, boolean lookUpRegister) {
        MapSqlParameterSource params = new MapSqlParameterSource(selection.params().getValues())
                .addValue("limit", limit).addValue("newController", newController)
                .addValue("at", Timestamp.from(at));
        String bounds = bound(params, " AND v.document_oid >= :from", "from", from)
                + bound(params, " AND v.document_oid > :after", "after", after)
                + bound(params, " AND v.document_oid < :until", "until", until);
        // the register a picked row is in now is looked up for the picked rows only (after the LIMIT), and only when
        // the caller says it may differ: otherwise every row picked is in it (the lookup was a third of the time)
        String register = lookUpRegister ? ControllerChangeSelection.CURRENT_CONTROLLER : ":oldController";
        return named.queryForObject("WITH picked AS MATERIALIZED (SELECT v.document_oid, "
                + register + " AS register FROM archive.document_version v WHERE "
                + selection.where() + bounds + " ORDER BY v.document_oid LIMIT :limit),"
                + " assigned AS (INSERT INTO archive.controller_assignment (document_oid, change_id,"
                + " new_controller_oid, assigned_at) SELECT p.document_oid, :change, :newController, :at FROM picked p"
                + " WHERE p.register = :oldController ON CONFLICT (document_oid, change_id) DO NOTHING RETURNING 1)"
                + " SELECT (SELECT count(*) FROM picked) AS picked, (SELECT min(document_oid) FROM picked) AS first,"
                + " (SELECT max(document_oid) FROM picked) AS last, (SELECT count(*) FROM assigned) AS assigned",
                params, (rs, i) -> new AssignedRange(rs.getInt("picked"), rs.getString("first"), rs.getString("last"),
                        rs.getInt("assigned")));
    }

    /** Up to {@code limit} of the selection's documents the change has not assigned, in OID order. */
    List<String> unassigned(ControllerChangeSelection selection, int limit) {
        MapSqlParameterSource params = new MapSqlParameterSource(selection.params().getValues()).addValue("limit", limit);
        return named.queryForList("SELECT v.document_oid FROM archive.document_version v WHERE " + selection.where()
                + " AND NOT EXISTS (SELECT 1 FROM archive.controller_assignment y WHERE y.document_oid = v.document_oid"
                + " AND y.change_id = :change) ORDER BY v.document_oid LIMIT :limit", params, String.class);
    }

    /** Refreshes the planner's statistics of the assignments (only a warning, and no effect, without ownership). */
    void analyseAssignments() {
        jdbc.execute("ANALYZE archive.controller_assignment");
    }

    long countAssigned(UUID change) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM archive.controller_assignment WHERE change_id = ?",
                Long.class, change);
        return count == null ? 0 : count;
    }

    /**
     * Assigns those of the documents that are in the old controller's register now (a completed change has not moved
     * them away) and not yet assigned by this change; the number newly assigned.
     */
    int assign(UUID change, String oldController, String newController, List<String> documentOids, Instant at) {
        return jdbc.execute((java.sql.Connection connection) -> {
            try (var ps = connection.prepareStatement("INSERT INTO archive.controller_assignment (document_oid,"
                    + " change_id, new_controller_oid, assigned_at) SELECT v.document_oid, ?, ?, ?"
                    + " FROM archive.document_version v WHERE v.document_oid = ANY (?::varchar[]) AND "
                    + ControllerChangeSelection.CURRENT_CONTROLLER + " = ?"
                    + " ON CONFLICT (document_oid, change_id) DO NOTHING")) {
                ps.setObject(1, change);
                ps.setString(2, newController);
                ps.setTimestamp(3, Timestamp.from(at));
                ps.setArray(4, connection.createArrayOf("varchar", documentOids.toArray()));
                ps.setString(5, oldController);
                return ps.executeUpdate();
            }
        });
    }

    /** Whether a completed change moved any part of the register of {@code controller} to another controller. */
    boolean movedAnyFrom(String controller) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM archive.controller_change"
                + " WHERE old_controller_oid = ? AND completed_at IS NOT NULL)", Boolean.class, controller));
    }

    /** Whether a completed change moved any document into the register of {@code controller}. */
    boolean receivedAny(String controller) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM archive.controller_assignment a"
                + " JOIN archive.controller_change c ON c.id = a.change_id AND c.completed_at IS NOT NULL"
                + " WHERE a.new_controller_oid = ?)", Boolean.class, controller));
    }

    /** Up to {@code limit} of the change's assigned documents with their object keys and digests, at random. */
    List<String[]> sampleAssigned(UUID change, int limit) {
        // drawn from the change's assignments alone (its index), then joined: joining first joined every one
        return jdbc.query("SELECT v.document_oid, v.object_key, v.sha256 FROM (SELECT a.document_oid"
                        + " FROM archive.controller_assignment a WHERE a.change_id = ? ORDER BY random() LIMIT ?) s"
                        + " JOIN archive.document_version v ON v.document_oid = s.document_oid",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3).trim()}, change, limit);
    }

    boolean complete(UUID change, Instant at, String user, long assigned) {
        return jdbc.update("UPDATE archive.controller_change SET completed_at = ?, completed_by_user = ?,"
                + " assigned_count = ? WHERE id = ? AND completed_at IS NULL AND abandoned_at IS NULL",
                Timestamp.from(at), user, assigned, change) == 1;
    }

    /** Stamps the change abandoned unless it has ended already; whether it did. */
    boolean abandon(UUID change, Instant at, String user, String reason) {
        return jdbc.update("UPDATE archive.controller_change SET abandoned_at = ?, abandoned_by_user = ?,"
                + " abandon_reason = ? WHERE id = ? AND completed_at IS NULL AND abandoned_at IS NULL",
                Timestamp.from(at), user, reason, change) == 1;
    }

    /** Locks the change's row until the transaction ends (an abandonment and a completion never cross). */
    void lock(UUID change) {
        jdbc.queryForList("SELECT id FROM archive.controller_change WHERE id = ? FOR NO KEY UPDATE", change);
    }

    void recordPause(UUID change, boolean paused, Instant at) {
        jdbc.update("INSERT INTO archive.controller_change_pause (change_id, paused, at) VALUES (?, ?, ?)", change,
                paused, Timestamp.from(at));
    }

    /** The completed changes that passed a register, or part of one, to {@code controller}. */
    List<ControllerChange> completedInto(String controller) {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive.controller_change WHERE new_controller_oid = ?"
                + " AND completed_at IS NOT NULL ORDER BY completed_at", ROW, controller);
    }

    /** The changes whose latest pause row says paused. */
    List<ControllerChange> paused() {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive.controller_change WHERE id IN (SELECT change_id FROM"
                + " (SELECT DISTINCT ON (change_id) change_id, paused FROM archive.controller_change_pause"
                + " ORDER BY change_id, seq DESC) latest WHERE paused)", ROW);
    }

    private static String bound(MapSqlParameterSource params, String condition, String name, String value) {
        if (value == null) {
            return "";
        }
        params.addValue(name, value);
        return condition;
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
