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
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = ControllerChangeTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ControllerChangeJobTest {

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
        registry.add("arkisto.controller-change.partitions", () -> "4");
        registry.add("arkisto.controller-change.chunk-size", () -> "200");
    }

    @Test
    void theJobAssignsEveryDocumentOfTheScopeOnceInPartitionsVerifiesAndCompletesTheChange() {
        // given 3,000 rows of the old controller (half in service task 24) and 500 of another register
        String old = newController();
        String successor = newController();
        String other = newController();
        String prefix = MetadataRows.insert(jdbc, objects, old, 3_000, 120);
        MetadataRows.insert(jdbc, objects, other, 500, 20);
        ControllerChange change = changes.request(new ControllerChangeRequest(new ControllerChangeScope(old, List.of(),
                List.of("24"), List.of()), successor, "county takes over family services", LocalDate.now()),
                new RequestContext(Oid.of(old), "lead-1", RequestContext.OWN_REGISTER_USE));

        // when the job runs
        JobExecution execution = launcher.run(change.id(), "operator-1");

        // then it completed in its partitions, each document of task 24 assigned exactly once and nothing else
        assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(execution.getStepExecutions()).filteredOn(s -> s.getStepName().startsWith(
                ControllerChangeJobConfiguration.ASSIGN_STEP + ":range")).hasSize(4)
                .allSatisfy(s -> assertThat(s.getWriteCount()).isPositive());
        Map<String, Object> counts = jdbc.queryForMap("""
                SELECT count(*) AS assignments, count(DISTINCT a.document_oid) AS documents,
                       count(*) FILTER (WHERE v.service_task = '24' AND v.controller_oid = ?) AS in_scope
                  FROM archive.controller_assignment a JOIN archive.document_version v USING (document_oid)
                 WHERE a.change_id = ?""", old, change.id());
        assertThat(counts).containsEntry("assignments", 1_500L).containsEntry("documents", 1_500L)
                .containsEntry("in_scope", 1_500L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM archive.document_version v WHERE v.document_oid LIKE ?"
                + " AND v.service_task = '24' AND NOT EXISTS (SELECT 1 FROM archive.controller_assignment a"
                + " WHERE a.document_oid = v.document_oid)", Long.class, prefix + ".%")).isZero();

        // and the verification's counts are in the execution, the change completed and the audit chain whole
        assertThat(execution.getExecutionContext().getLong(ControllerChangeJobConfiguration.DOCUMENTS_BEFORE))
                .isEqualTo(1_500L);
        assertThat(execution.getExecutionContext().getLong(ControllerChangeJobConfiguration.ASSIGNED)).isEqualTo(1_500L);
        assertThat(execution.getExecutionContext().getString(ControllerChangeJobConfiguration.SAMPLES).split(" "))
                .hasSize(20);
        ControllerChange completed = changes.find(change.id());
        assertThat(completed.completedAt()).isNotNull();
        assertThat(completed.assignedCount()).isEqualTo(1_500L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM archive.audit_event WHERE operation = 'CONTROLLER_CHANGE_ASSIGN'"
                + " AND detail LIKE ?", Long.class, "%" + change.id() + "%")).isBetween(8L, 12L);
        assertThat(audit.verify().valid()).isTrue();

        // and running it again answers the completed run and assigns nothing twice
        assertThat(launcher.run(change.id(), "operator-1").getId()).isEqualTo(execution.getId());
        assertThat(changes.assignedCount(change.id())).isEqualTo(1_500L);
    }

    @Test
    void aFailedVerificationFailsTheJobAndTheRestartResumesAndCompletes() {
        // given a change whose scope's stored object is unreadable, so the verification's samples fail
        String old = newController();
        MetadataRows.insert(jdbc, objects, old, 400, 10);
        String key = jdbc.queryForObject("SELECT object_key FROM archive.document_version WHERE controller_oid = ?"
                + " LIMIT 1", String.class, old);
        byte[] bytes = objects.get(key, jdbc.queryForObject("SELECT sha256 FROM archive.document_version"
                + " WHERE object_key = ? LIMIT 1", String.class, key).trim());
        objects.delete(key);
        ControllerChange change = changes.request(new ControllerChangeRequest(ControllerChangeScope.wholeRegister(old),
                newController(), "merger", LocalDate.now()), new RequestContext(Oid.of(old), "lead-1", "1"));

        // when the job runs, fails, the cause is mended and it runs again
        JobExecution failed = launcher.run(change.id(), "operator-1");
        long assignedAtFailure = changes.assignedCount(change.id());
        objects.put(key, bytes, jdbc.queryForObject("SELECT sha256 FROM archive.document_version WHERE object_key = ?"
                + " LIMIT 1", String.class, key).trim());
        JobExecution resumed = launcher.run(change.id(), "operator-1");

        // then the first failed in its verification with every document assigned, and the second completed
        // the same job instance without assigning again
        assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
        assertThat(failed.getAllFailureExceptions()).extracting(Throwable::getMessage).anyMatch(m -> m.contains(
                "does not read back"));
        assertThat(assignedAtFailure).isEqualTo(400);
        assertThat(changes.find(change.id()).completed()).isTrue();
        assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
        assertThat(resumed.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
        assertThat(resumed.getStepExecutions()).filteredOn(s -> s.getStepName().startsWith(
                ControllerChangeJobConfiguration.ASSIGN_STEP)).as("the completed partitions are not run again")
                .isEmpty();
        assertThat(changes.assignedCount(change.id())).isEqualTo(400);
    }

    static String newController() {
        return "1.2.246.10." + ThreadLocalRandom.current().nextInt(10_000_000, 99_999_999) + ".10.0";
    }
}
