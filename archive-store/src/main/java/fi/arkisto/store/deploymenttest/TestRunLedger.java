package fi.arkisto.store.deploymenttest;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.organisation.ClientInformationSystem;
import fi.arkisto.store.organisation.KantaFunction;
import fi.arkisto.store.organisation.OrganisationId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Deployment test runs in PostgreSQL (tables {@code archive.deployment_test_*}): their state, test windows, the test
 * identity codes handed out and the documents that arrived. Every state change names the states it may come from,
 * so two process steps (or two instances) never move a run past each other.
 */
public class TestRunLedger {

    private static final String COLUMNS = "id, organisation_id, organisation_oid, partner_organisation_id, "
            + "partner_organisation_oid, functions, system_product, system_version, system_vendor, partner_system_product, "
            + "partner_system_version, partner_system_vendor, planned_start, deployment_lead, state, attempt, window_start, "
            + "window_end, registered_at, note";

    /** How long another instance's window opening or closing may take to reach this instance's guard. */
    static final java.time.Duration OPEN_RUNS_REFRESH = java.time.Duration.ofSeconds(1);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private volatile RunsUnderWay runsUnderWay;

    public TestRunLedger(DataSource dataSource, PlatformTransactionManager transactionManager) {
        this.jdbc = new JdbcTemplate(Objects.requireNonNull(dataSource));
        this.transaction = new TransactionTemplate(transactionManager);
    }

    /** Records a registration (state REGISTERED) of an organisation whose OID is known. */
    public TestRun register(TestRunRegistration registration, String organisationOid, String partnerOid, Instant at) {
        TestRunId id = TestRunId.random();
        ClientInformationSystem partner = registration.partnerSystem();
        jdbc.update(connection -> {
            var ps = connection.prepareStatement("INSERT INTO archive.deployment_test_run (id, organisation_id, "
                    + "organisation_oid, partner_organisation_id, partner_organisation_oid, functions, system_product, "
                    + "system_version, system_vendor, partner_system_product, partner_system_version, partner_system_vendor, "
                    + "planned_start, deployment_lead, state, registered_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'REGISTERED', ?)");
            int i = 1;
            ps.setObject(i++, id.value());
            ps.setLong(i++, registration.organisationId().value());
            ps.setString(i++, organisationOid);
            ps.setObject(i++, registration.partnerOrganisationId() == null ? null : registration.partnerOrganisationId().value());
            ps.setString(i++, partnerOid);
            ps.setArray(i++, connection.createArrayOf("varchar", registration.functions().stream().map(Enum::name)
                    .sorted().toArray()));
            ps.setString(i++, registration.system().product());
            ps.setString(i++, registration.system().version());
            ps.setString(i++, registration.system().vendor());
            ps.setString(i++, partner == null ? null : partner.product());
            ps.setString(i++, partner == null ? null : partner.version());
            ps.setString(i++, partner == null ? null : partner.vendor());
            ps.setDate(i++, Date.valueOf(registration.plannedStart()));
            ps.setString(i++, registration.deploymentLead());
            ps.setTimestamp(i, Timestamp.from(at));
            return ps;
        });
        return find(id).orElseThrow();
    }

    public Optional<TestRun> find(TestRunId id) {
        List<TestRun> runs = jdbc.query("SELECT " + COLUMNS + " FROM archive.deployment_test_run WHERE id = ?",
                this::run, id.value());
        return runs.stream().findFirst();
    }

    public TestRun get(TestRunId id) {
        return find(id).orElseThrow(() -> new ArchiveException(ErrorCode.DEPLOYMENT_TEST_NOT_FOUND,
                "No deployment test " + id));
    }

    /** Every run whose window is open now. */
    public List<TestRun> open() {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive.deployment_test_run WHERE state = 'OPEN'", this::run);
    }

    /** Every run under way: registered and neither rejected nor approved (its window open or not). */
    public List<TestRun> underWay() {
        return jdbc.query("SELECT " + COLUMNS + " FROM archive.deployment_test_run "
                + "WHERE state NOT IN ('REJECTED', 'APPROVED')", this::run);
    }

    /**
     * The open runs as the archiving path consults them for every document: read at most once per
     * {@link #OPEN_RUNS_REFRESH}, and at once after this instance changed a run's state.
     */
    public List<TestRun> openCached() {
        return underWayCached().stream().filter(run -> run.state() == TestRunState.OPEN).toList();
    }

    /**
     * The runs under way ({@link #underWay}) as the access facts consult them for every request, read as
     * {@link #openCached} is.
     */
    public List<TestRun> underWayCached() {
        RunsUnderWay current = runsUnderWay;
        long now = System.nanoTime();
        if (current == null || now - current.readAt > OPEN_RUNS_REFRESH.toNanos()) {
            current = new RunsUnderWay(now, underWay());
            runsUnderWay = current;
        }
        return current.runs;
    }

    private record RunsUnderWay(long readAt, List<TestRun> runs) {
    }

    /**
     * Moves a run to {@code to} from one of {@code from}, recording the note (when given) and the time.
     *
     * @throws ArchiveException DEPLOYMENT_TEST_STATE_CONFLICT when the run is in none of {@code from}
     */
    public TestRun transition(TestRunId id, Set<TestRunState> from, TestRunState to, String note, Instant at) {
        int updated = jdbc.update("UPDATE archive.deployment_test_run SET state = ?, note = coalesce(?, note), decided_at = ? "
                + "WHERE id = ? AND state = ANY (?::varchar[])", to.name(), note, Timestamp.from(at), id.value(),
                names(from));
        runsUnderWay = null;
        if (updated == 0) {
            throw conflict(id, from, to);
        }
        return get(id);
    }

    /**
     * Agrees a new test window (a first test or a re-test) and hands out its test identity codes: the run becomes
     * SCHEDULED for its next attempt.
     */
    public TestRun schedule(TestRunId id, Instant windowStart, Instant windowEnd, List<String> identities) {
        if (!windowEnd.isAfter(windowStart)) {
            throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, "A test window must end after it starts");
        }
        Set<TestRunState> from = EnumSet.of(TestRunState.REGISTERED, TestRunState.FAILED);
        transaction.executeWithoutResult(status -> {
            int updated = jdbc.update("UPDATE archive.deployment_test_run SET state = 'SCHEDULED', attempt = attempt + 1, "
                    + "window_start = ?, window_end = ? WHERE id = ? AND state = ANY (?::varchar[])",
                    Timestamp.from(windowStart), Timestamp.from(windowEnd), id.value(), names(from));
            if (updated == 0) {
                throw conflict(id, from, TestRunState.SCHEDULED);
            }
            jdbc.update("DELETE FROM archive.deployment_test_identity WHERE run_id = ?", id.value());
            jdbc.batchUpdate("INSERT INTO archive.deployment_test_identity (run_id, identity_code) VALUES (?, ?)",
                    identities.stream().map(code -> new Object[]{id.value(), code}).toList());
        });
        runsUnderWay = null;
        return get(id);
    }

    /** Records a document that arrived during the run's attempt (the latest outcome wins for a resubmission). */
    public void recordArrival(TestRunId id, int attempt, String documentOid, Instant at, String refusalCode,
                              String refusalDetail) {
        jdbc.update("INSERT INTO archive.deployment_test_document (run_id, attempt, document_oid, received_at, "
                + "refusal_code, refusal_detail) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, attempt, document_oid) "
                + "DO UPDATE SET received_at = excluded.received_at, refusal_code = excluded.refusal_code, "
                + "refusal_detail = excluded.refusal_detail", id.value(), attempt, documentOid, Timestamp.from(at),
                refusalCode, refusalDetail);
    }

    /** The documents that arrived for one attempt, in arrival order. */
    public List<Arrival> arrivals(TestRunId id, int attempt) {
        return jdbc.query("SELECT document_oid, received_at, refusal_code, refusal_detail FROM archive.deployment_test_document "
                + "WHERE run_id = ? AND attempt = ? ORDER BY received_at, document_oid", (rs, n) -> new Arrival(
                rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4)), id.value(), attempt);
    }

    /**
     * Whether a register access right test of this combination of client information systems (either party's
     * system on either side; product and version) was approved before: the first use of a combination needs a test.
     */
    public boolean combinationApproved(ClientInformationSystem one, ClientInformationSystem other) {
        Boolean approved = jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM archive.deployment_test_run "
                + "WHERE state = 'APPROVED' AND 'REGISTER_ACCESS_RIGHT' = ANY (functions) AND ("
                + "(system_product = ? AND system_version = ? AND partner_system_product = ? AND partner_system_version = ?) OR "
                + "(system_product = ? AND system_version = ? AND partner_system_product = ? AND partner_system_version = ?)))",
                Boolean.class, one.product(), one.version(), other.product(), other.version(),
                other.product(), other.version(), one.product(), one.version());
        return Boolean.TRUE.equals(approved);
    }

    private static String[] names(Set<TestRunState> states) {
        return states.stream().map(Enum::name).toArray(String[]::new);
    }

    private ArchiveException conflict(TestRunId id, Set<TestRunState> from, TestRunState to) {
        String current = find(id).map(r -> r.state().name()).orElse(null);
        if (current == null) {
            return new ArchiveException(ErrorCode.DEPLOYMENT_TEST_NOT_FOUND, "No deployment test " + id);
        }
        return new ArchiveException(ErrorCode.DEPLOYMENT_TEST_STATE_CONFLICT, "Deployment test " + id + " is " + current
                + "; it can become " + to + " only from " + from.stream().map(Enum::name).sorted()
                .collect(Collectors.joining(", ")));
    }

    private TestRun run(ResultSet rs, int n) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        long partnerId = rs.getLong("partner_organisation_id");
        OrganisationId partner = rs.wasNull() ? null : new OrganisationId(partnerId);
        Array functions = rs.getArray("functions");
        Set<KantaFunction> set = EnumSet.noneOf(KantaFunction.class);
        Arrays.stream((Object[]) functions.getArray()).map(o -> KantaFunction.valueOf((String) o)).forEach(set::add);
        String partnerProduct = rs.getString("partner_system_product");
        Timestamp windowStart = rs.getTimestamp("window_start");
        Timestamp windowEnd = rs.getTimestamp("window_end");
        List<String> identities = jdbc.queryForList("SELECT identity_code FROM archive.deployment_test_identity "
                + "WHERE run_id = ? ORDER BY identity_code", String.class, id);
        return new TestRun(new TestRunId(id), new OrganisationId(rs.getLong("organisation_id")),
                rs.getString("organisation_oid"), partner, rs.getString("partner_organisation_oid"), set,
                new ClientInformationSystem(rs.getString("system_product"), rs.getString("system_version"),
                        rs.getString("system_vendor")),
                partnerProduct == null ? null : new ClientInformationSystem(partnerProduct,
                        rs.getString("partner_system_version"), rs.getString("partner_system_vendor")),
                rs.getDate("planned_start").toLocalDate(), rs.getString("deployment_lead"),
                TestRunState.valueOf(rs.getString("state")), rs.getInt("attempt"),
                windowStart == null ? null : windowStart.toInstant(), windowEnd == null ? null : windowEnd.toInstant(),
                rs.getTimestamp("registered_at").toInstant(), rs.getString("note"), identities);
    }
}
