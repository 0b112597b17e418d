package fi.arkisto.workflows.deploymenttest;

import fi.arkisto.store.deploymenttest.TestRun;
import fi.arkisto.store.deploymenttest.TestRunId;
import fi.arkisto.store.organisation.KantaFunction;
import org.camunda.bpm.engine.delegate.DelegateExecution;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.stream.Collectors;

/**
 * The deployment test's process variables, their names and conversions in one place: forms submit dates as ISO text,
 * timers want {@link Date}s, the service wants domain types.
 */
final class ProcessValues {

    static final String TEST_RUN_ID = "testRunId";
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d.M.yyyy");

    private ProcessValues() {
    }

    static TestRunId runId(DelegateExecution execution) {
        return TestRunId.of((String) execution.getVariable(TEST_RUN_ID));
    }

    static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    static boolean flag(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString());
    }

    static Long number(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        return value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().strip());
    }

    /** A moment from a Date, an Instant or ISO text (with an offset, or local Finnish time). */
    static Instant instant(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        String text = value.toString().strip();
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(text).atZone(DeploymentTestService.FINLAND).toInstant();
        }
    }

    /** A day from a Date, a LocalDate or ISO text ({@code 2026-09-01}, or a date-time whose date counts). */
    static LocalDate day(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof Date date) {
            return LocalDate.ofInstant(date.toInstant(), DeploymentTestService.FINLAND);
        }
        if (value instanceof LocalDate day) {
            return day;
        }
        String text = value.toString().strip();
        return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    }

    /** The variables every form of the process shows about the run. */
    static void describe(DelegateExecution execution, TestRun run, String organisationName) {
        execution.setVariable(TEST_RUN_ID, run.id().toString());
        execution.setVariable("organisationName", organisationName + " (" + run.organisationOid() + ")");
        execution.setVariable("functionsText", run.functions().stream().map(KantaFunction::name).sorted()
                .collect(Collectors.joining(", ")));
        execution.setVariable("systemText", DeploymentTestService.describe(run.system())
                + (run.partnerSystem() == null ? "" : " + " + DeploymentTestService.describe(run.partnerSystem())));
        execution.setVariable("plannedStartText", DAY.format(run.plannedStart()));
        execution.setVariable("deploymentLead", run.deploymentLead());
        execution.setVariable("includesRegisterAccessRight", run.functions().contains(KantaFunction.REGISTER_ACCESS_RIGHT));
    }
}
