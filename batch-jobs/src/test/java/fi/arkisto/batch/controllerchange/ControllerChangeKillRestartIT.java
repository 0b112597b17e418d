package fi.arkisto.batch.controllerchange;

import fi.arkisto.batch.migration.MigrationTestEnvironment;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.controllerchange.ControllerChange;
import fi.arkisto.store.controllerchange.ControllerChangeRequest;
import fi.arkisto.store.controllerchange.ControllerChangeScope;
import fi.arkisto.store.controllerchange.ControllerChangeService;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.object.ObjectStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The controller change job killed with SIGKILL mid-run in its own JVM, then restarted: every document once. */
@SpringBootTest(classes = ControllerChangeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ControllerChangeKillRestartIT {

    private static final long DOCUMENTS = 200_000;

    @Autowired
    ControllerChangeLauncher launcher;
    @Autowired
    ControllerChangeService changes;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ObjectStore objects;
    @Autowired
    AuditLog audit;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        MigrationTestEnvironment.get().properties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Test
    void aRunKilledMidWayAndRestartedAssignsEveryDocumentExactlyOnce(@TempDir Path dir) throws Exception {
        // given a register of 200,000 documents and a change of all of it
        String old = ControllerChangeJobTest.newController();
        MetadataRows.insert(jdbc, objects, old, DOCUMENTS, 1_000);
        // as a register is before a planned change (and as bench/controller-change loads it): its rows analysed; rows
        // bulk-inserted a moment ago have no statistics, and the writer's lookups were then planned as scans
        jdbc.execute("ANALYZE archive.document_version, archive.controller_assignment");
        ControllerChange change = changes.request(new ControllerChangeRequest(ControllerChangeScope.wholeRegister(old),
                ControllerChangeJobTest.newController(), "wellbeing services county", LocalDate.now()),
                new RequestContext(Oid.of(old), "lead-1", RequestContext.OWN_REGISTER_USE));

        // when a separate JVM runs it and is killed (SIGKILL) once part of the scope is assigned
        Path log = dir.resolve("child.log");
        Process child = start(change, log);
        try {
            await("assignments before the kill").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        assertThat(child.isAlive()).as("the run ended before it could be killed; its log: %s",
                                Files.exists(log) ? tail(log) : "-").isTrue();
                        return changes.assignedCount(change.id()) >= 10_000;
                    });
        } finally {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
        }
        long atKill = changes.assignedCount(change.id());
        assertThat(atKill).as("killed mid-run").isLessThan(DOCUMENTS);
        assertThat(launcher.last(change.id()).getStatus()).as("the dead process left its execution running")
                .isEqualTo(BatchStatus.STARTED);
        assertThat(changes.find(change.id()).completed()).isFalse();

        // and it is run again
        JobExecution restarted = launcher.run(change.id(), "operator-1");

        // then it completes, every document of the register assigned exactly once
        assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        Map<String, Object> counts = jdbc.queryForMap("""
                SELECT count(*) AS assignments, count(DISTINCT a.document_oid) AS documents
                  FROM archive.controller_assignment a WHERE a.change_id = ?""", change.id());
        assertThat(counts).containsEntry("assignments", DOCUMENTS).containsEntry("documents", DOCUMENTS);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM archive.document_version v WHERE v.controller_oid = ?"
                + " AND NOT EXISTS (SELECT 1 FROM archive.controller_assignment a WHERE a.document_oid = v.document_oid)",
                Long.class, old)).isZero();
        // and the chunks the restart wrote again assigned nothing twice: the audited counts add up to the documents
        Long audited = jdbc.queryForObject("SELECT sum(split_part(substr(detail, 10), ' ', 1)::bigint)"
                + " FROM archive.audit_event WHERE operation = 'CONTROLLER_CHANGE_ASSIGN' AND detail LIKE ?", Long.class,
                "%" + change.id() + "%");
        assertThat(audited).isEqualTo(DOCUMENTS);
        assertThat(changes.find(change.id()).assignedCount()).isEqualTo(DOCUMENTS);
        assertThat(audit.verify().valid()).isTrue();
    }

    private static Process start(ControllerChange change, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                ControllerChangeProcessMain.class.getName(), change.id().toString()));
        MigrationTestEnvironment.get().properties().forEach((k, v) -> command.add("--" + k + "=" + v));
        command.add("--arkisto.controller-change.chunk-size=200");
        command.add("--logging.level.root=WARN");
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static String tail(Path log) throws Exception {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }
}
