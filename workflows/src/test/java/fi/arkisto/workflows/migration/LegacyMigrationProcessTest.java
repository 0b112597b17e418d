package fi.arkisto.workflows.migration;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.migration.LegacyMigrationEnded;
import fi.arkisto.testkit.legacy.LegacyPackageGenerator;
import fi.arkisto.testkit.legacy.LegacyPackageOptions;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.ExternalTaskService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.externaltask.ExternalTask;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.test.junit5.ProcessEngineExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static fi.arkisto.workflows.migration.MigrationProcessTestContext.CONTROLLER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.complete;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

/**
 * Every path of bpmn/legacy-migration.bpmn against the real legacy migration job (Spring Batch on the local
 * PostgreSQL, documents signed and archived into the embedded S3 server): a migration without rejects ends by itself,
 * one with rejects waits for an operator to review them, one that fails is an incident whose retry resumes the job,
 * and a migration launched again resumes in its process. The process's jobs are run by the test; the migration job
 * runs in the background as in the server, and each test waits for its end, which the process is told first.
 */
@Deployment(resources = {"bpmn/legacy-migration.bpmn", "forms/legacy-migration-start.form",
        "forms/review-migration-rejects.form"})
class LegacyMigrationProcessTest {

    private static final MigrationProcessTestContext CONTEXT = MigrationProcessTestContext.start();
    // not final: the extension injects the engine it was given into ProcessEngine fields
    private static ProcessEngine ENGINE = CONTEXT.engine();

    @RegisterExtension
    static ProcessEngineExtension extension = ProcessEngineExtension.builder().useProcessEngine(ENGINE).build();

    private final LegacyMigrationStarter starter = CONTEXT.bean(LegacyMigrationStarter.class);
    private final ExternalTaskService externalTasks = ENGINE.getExternalTaskService();

    @BeforeEach
    void init() {
        BpmnAwareTests.init(ENGINE);
    }

    @AfterAll
    static void close() {
        CONTEXT.close();
    }

    @Test
    void aMigrationWithoutRejectsRunsItsJobAndEnds() throws Exception {
        // given a package without bad rows
        Path pkg = generate(12, 0);

        // when it is launched (as the API and the command line do) and its asynchronous continuation runs
        LegacyMigrationStarter.Started started = starter.start(pkg, Oid.of(CONTROLLER));
        ProcessInstance process = process(started);
        assertThat(process).isWaitingAt("ServiceTask_RunMigrationJob").hasBusinessKey(
                "legacy-migration:" + CONTROLLER + ":" + pkg.getFileName());
        assertThat(process).variables().containsEntry("jobExecutionId", started.jobExecutionId())
                .containsEntry("packageLocation", pkg.toString()).containsEntry("controller", CONTROLLER);
        execute(job());

        // then the job runs to its end, and the process ends without a task
        LegacyMigrationEnded ended = CONTEXT.nextEnd();
        assertThat(ended.outcome().jobExecutionId()).isEqualTo(started.jobExecutionId());
        assertThat(ended.outcome().completed()).isTrue();
        assertThat(process).isEnded().hasPassed("ServiceTask_PrepareMigrationJob", "ServiceTask_RunMigrationJob",
                "EndEvent_Migrated").hasNotPassed("UserTask_ReviewRejects");
        assertThat(historicVariable(process, "archived")).isEqualTo(12L);
        assertThat(historicVariable(process, "rejected")).isEqualTo(0L);
        assertThat(historicVariable(process, "migrationStatus")).isEqualTo("COMPLETED");

        // and the finished migration cannot be launched again
        assertThatThrownBy(() -> starter.start(pkg, Oid.of(CONTROLLER))).isInstanceOfSatisfying(ArchiveException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_ALREADY_COMPLETED));
    }

    @Test
    void aMigrationWithRejectsWaitsForAnOperatorToReviewThem() throws Exception {
        // given a package with deliberately bad rows
        Path pkg = generate(20, 25);
        long bad = Files.readAllLines(pkg.resolve(LegacyPackageGenerator.EXPECTED_REJECTS)).size() - 1;
        assertThat(bad).isPositive();

        // when it is migrated
        ProcessInstance process = process(starter.start(pkg, Oid.of(CONTROLLER)));
        assertThat(process).isWaitingAt("ServiceTask_RunMigrationJob");
        execute(job());
        CONTEXT.nextEnd();

        // then the operators have a task with the counts, the report and the first rejects' reasons
        assertThat(process).isWaitingAt("UserTask_ReviewRejects").task().hasCandidateGroup("archive-operators");
        assertThat(process).variables().containsEntry("totalRows", 20L).containsEntry("rejected", bad)
                .containsEntry("archived", 20 - bad);
        Path report = Path.of((String) ENGINE.getRuntimeService().getVariable(process.getId(), "rejectReport"));
        assertThat(report).exists();
        assertThat(Files.readAllLines(report)).hasSize((int) bad + 1);
        String firstRejects = (String) ENGINE.getRuntimeService().getVariable(process.getId(), "firstRejects");
        assertThat(firstRejects.lines()).hasSize((int) bad);
        assertThat(firstRejects.lines().findFirst().orElseThrow()).matches("row \\d+ \\(.*\\): [A-Z_]+ .+");

        // when an operator has reviewed them, then the process ends
        complete(task(process), withVariables("rejectsReviewed", true, "reviewNote", "Korjataan uuteen pakettiin"));
        assertThat(process).isEnded().hasPassed("UserTask_ReviewRejects", "EndEvent_RejectsReviewed");
    }

    @Test
    void aFailedJobIsAnIncidentWhoseRetryResumesTheMigration() throws Exception {
        // given a package whose manifest breaks after its header (an unbalanced quote in row 3)
        Path pkg = generate(8, 0);
        String good = breakManifestAt(pkg, 3);

        // when it is migrated
        LegacyMigrationStarter.Started started = starter.start(pkg, Oid.of(CONTROLLER));
        ProcessInstance process = process(started);
        assertThat(process).isWaitingAt("ServiceTask_RunMigrationJob");
        execute(job());
        LegacyMigrationEnded failed = CONTEXT.nextEnd();

        // then the job failed, and the process waits at it with an incident saying why
        assertThat(failed.outcome().failed()).isTrue();
        assertThat(process).isWaitingAt("ServiceTask_RunMigrationJob");
        Incident incident = ENGINE.getRuntimeService().createIncidentQuery().processInstanceId(process.getId()).singleResult();
        assertThat(incident).isNotNull();
        assertThat(incident.getIncidentType()).isEqualTo(Incident.EXTERNAL_TASK_HANDLER_TYPE);
        assertThat(incident.getActivityId()).isEqualTo("ServiceTask_RunMigrationJob");
        assertThat(incident.getIncidentMessage()).contains("manifest.csv cannot be read after row", "LEGACY_MANIFEST_INVALID");
        ExternalTask waiting = externalTask(process);
        assertThat(externalTasks.getExternalTaskErrorDetails(waiting.getId()))
                .contains("Execution " + started.jobExecutionId(), "Retrying the incident resumes the migration");
        assertThat(process).variables().containsEntry("failureCode", "LEGACY_MANIFEST_INVALID");

        // and the start form cannot start a second process for it: the refusal names the process to retry
        assertThatThrownBy(() -> ENGINE.getFormService().submitStartForm(definitionId(),
                Map.of("packageName", pkg.getFileName().toString(), "controller", CONTROLLER)))
                .isInstanceOf(BadUserRequestException.class)
                .hasMessageContaining("(MIGRATION_ALREADY_RUNNING)").hasMessageContaining(process.getBusinessKey());
        assertThat(ENGINE.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("legacyMigration")
                .variableValueEquals("packageLocation", pkg.toString()).count()).isEqualTo(1);

        // when the operator mends the manifest and retries the incident (the cockpit sets the task's retries)
        Files.writeString(pkg.resolve(LegacyPackageGenerator.MANIFEST), good, StandardCharsets.UTF_8);
        externalTasks.setRetries(waiting.getId(), 1);

        // then the job is resumed by a new execution of the same migration, which completes, and the process ends
        LegacyMigrationEnded resumed = CONTEXT.nextEnd();
        assertThat(resumed.outcome().migrationId()).isEqualTo(failed.outcome().migrationId());
        assertThat(resumed.outcome().jobExecutionId()).isGreaterThan(started.jobExecutionId());
        assertThat(resumed.outcome().completed()).isTrue();
        assertThat(ENGINE.getRuntimeService().createIncidentQuery().processInstanceId(process.getId()).count()).isZero();
        assertThat(process).isEnded().hasPassed("EndEvent_Migrated");
        assertThat(historicVariable(process, "jobExecutionId")).isEqualTo(resumed.outcome().jobExecutionId());
        assertThat(historicVariable(process, "archived")).isEqualTo(8L);
    }

    @Test
    void aFailedMigrationLaunchedAgainResumesInItsOwnProcess() throws Exception {
        // given a migration whose job failed, its process waiting at the incident
        Path pkg = generate(6, 0);
        String good = breakManifestAt(pkg, 2);
        LegacyMigrationStarter.Started first = starter.start(pkg, Oid.of(CONTROLLER));
        ProcessInstance process = process(first);
        assertThat(process).isWaitingAt("ServiceTask_RunMigrationJob");
        execute(job());
        assertThat(CONTEXT.nextEnd().outcome().failed()).isTrue();

        // when the mended package is launched again (as the API and the command line do)
        Files.writeString(pkg.resolve(LegacyPackageGenerator.MANIFEST), good, StandardCharsets.UTF_8);
        LegacyMigrationStarter.Started again = starter.start(pkg, Oid.of(CONTROLLER));

        // then the same process resumes it with a new execution, which completes
        assertThat(again.processInstanceId()).isEqualTo(first.processInstanceId());
        assertThat(again.jobExecutionId()).isGreaterThan(first.jobExecutionId());
        LegacyMigrationEnded resumed = CONTEXT.nextEnd();
        assertThat(resumed.outcome().jobExecutionId()).isEqualTo(again.jobExecutionId());
        assertThat(process).isEnded().hasPassed("EndEvent_Migrated");
        assertThat(ENGINE.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("legacyMigration")
                .variableValueEquals("packageLocation", pkg.toString()).count()).isZero();
    }

    @Test
    void anEndItsProcessMissedIsTakenAtTheServersStartOrWhenTheMigrationIsLaunchedAgain() throws Exception {
        // given two migrations whose processes miss their jobs' ends (as if their instance had stopped meanwhile: the
        // end finds no process of the migration)
        Path first = generate(4, 0);
        Path second = generate(3, 0);
        ProcessInstance atRestart = runMissingTheEnd(first);
        ProcessInstance atRelaunch = runMissingTheEnd(second);
        assertThat(atRestart).isWaitingAt("ServiceTask_RunMigrationJob");
        assertThat(atRelaunch).isWaitingAt("ServiceTask_RunMigrationJob");

        // when a server starts, then it takes the missed ends: both processes move on
        assertThat(CONTEXT.bean(MigrationJobWorker.class).takeMissedEnds()).isEqualTo(2);
        assertThat(atRestart).isEnded().hasPassed("EndEvent_Migrated");
        assertThat(historicVariable(atRestart, "archived")).isEqualTo(4L);
        assertThat(atRelaunch).isEnded();

        // given a third whose end was missed, when it is launched again, then its end is taken and the launch is
        // refused as for any completed migration
        Path third = generate(2, 0);
        ProcessInstance relaunched = runMissingTheEnd(third);
        assertThatThrownBy(() -> starter.start(third, Oid.of(CONTROLLER))).isInstanceOfSatisfying(ArchiveException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.MIGRATION_ALREADY_COMPLETED));
        assertThat(relaunched).isEnded().hasPassed("EndEvent_Migrated");
    }

    @Test
    void theStartFormNamesAPackageInThePackageDirectoryAndARefusedStartLeavesNothing() throws Exception {
        // given a package an operator placed in the migration package directory
        Path pkg = generate(5, 0);

        // when an operator starts the process from the tasklist's form with a name that is not there, or leaves it
        Map<String, Map<String, Object>> refusals = Map.of(
                "LEGACY_PACKAGE_NOT_FOUND", Map.of("packageName", "no-such-package", "controller", CONTROLLER),
                "PACKAGE_ENTRY_UNSAFE", Map.of("packageName", "../" + pkg.getFileName(), "controller", CONTROLLER),
                "INVALID_OID", Map.of("packageName", pkg.getFileName().toString(), "controller", "not-an-oid"));
        refusals.forEach((code, form) -> assertThatThrownBy(() -> ENGINE.getFormService().submitStartForm(definitionId(), form))
                .as(form.toString()).isInstanceOf(BadUserRequestException.class).hasMessageContaining("(" + code + ")"));
        // then no process was started
        assertThat(ENGINE.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("legacyMigration").count()).isZero();

        // when the form names the package, then the migration runs as from the API
        ProcessInstance process = ENGINE.getFormService().submitStartForm(definitionId(),
                Map.of("packageName", pkg.getFileName().toString(), "controller", CONTROLLER));
        assertThat(process).isWaitingAt("ServiceTask_RunMigrationJob").hasBusinessKey(
                "legacy-migration:" + CONTROLLER + ":" + pkg.getFileName());
        assertThat(process).variables().containsEntry("packageLocation", pkg.toString());
        execute(job());
        assertThat(CONTEXT.nextEnd().outcome().completed()).isTrue();
        assertThat(process).isEnded().hasPassed("EndEvent_Migrated");
    }

    private Path generate(int rows, int badPercent) throws Exception {
        Path pkg = CONTEXT.packageRoot.resolve("pkg-" + UUID.randomUUID());
        LegacyPackageGenerator.generate(LegacyPackageOptions.of(rows, pkg).withController(CONTROLLER)
                .withBadPercent(badPercent).withSeed(rows * 31L + badPercent));
        return pkg;
    }

    /** Runs a migration whose process cannot be found by its migration while the job runs, so it misses the end. */
    private ProcessInstance runMissingTheEnd(Path pkg) throws Exception {
        ProcessInstance process = process(starter.start(pkg, Oid.of(CONTROLLER)));
        Object migration = ENGINE.getRuntimeService().getVariable(process.getId(), "migrationId");
        ENGINE.getRuntimeService().setVariable(process.getId(), "migrationId", -1L);
        assertThat(process).isWaitingAt("ServiceTask_RunMigrationJob");
        execute(job());
        assertThat(CONTEXT.nextEnd().outcome().completed()).isTrue();
        ENGINE.getRuntimeService().setVariable(process.getId(), "migrationId", migration);
        return process;
    }

    /** Breaks the manifest after its header (an unbalanced quote in this line) and answers the good manifest. */
    private static String breakManifestAt(Path pkg, int line) throws Exception {
        Path manifest = pkg.resolve(LegacyPackageGenerator.MANIFEST);
        String good = Files.readString(manifest, StandardCharsets.UTF_8);
        List<String> lines = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        lines.set(line, lines.get(line).replaceFirst(",", ",\"unbalanced "));
        Files.writeString(manifest, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return good;
    }

    private ProcessInstance process(LegacyMigrationStarter.Started started) {
        return ENGINE.getRuntimeService().createProcessInstanceQuery().processInstanceId(started.processInstanceId())
                .singleResult();
    }

    private ExternalTask externalTask(ProcessInstance process) {
        return externalTasks.createExternalTaskQuery().processInstanceId(process.getId()).singleResult();
    }

    private static String definitionId() {
        return ENGINE.getRepositoryService().createProcessDefinitionQuery().processDefinitionKey("legacyMigration")
                .latestVersion().singleResult().getId();
    }

    private static Object historicVariable(ProcessInstance process, String name) {
        return ENGINE.getHistoryService().createHistoricVariableInstanceQuery().processInstanceId(process.getId())
                .variableName(name).singleResult().getValue();
    }
}
