package fi.arkisto.workflows.registeraccess;

import fi.arkisto.store.identity.Oid;
import org.camunda.bpm.engine.delegate.DelegateExecution;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The register access lifecycle's process variables, their names and conversions in one place: dates are kept as ISO
 * text (forms show them, REST sends them), the timer gets a {@link Date}.
 */
final class LifecycleValues {

    static final String PROCESS_KEY = "registerAccessLifecycle";
    static final String END_MESSAGE = "registerAccessAgreementEnd";
    static final String END_EVENT_ELEMENT = "Event_EndNoticeReceived";
    static final String END_EVENT_DATED_ELEMENT = "Event_EndNoticeBeforeContractEnd";
    static final ZoneId FINLAND = ZoneId.of("Europe/Helsinki");
    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d.M.yyyy");

    static final String REQUEST_ID = "requestId";
    static final String ORGANISER = "organiserOid";
    static final String PROVIDER = "providerOid";
    static final String CONTRACT = "contractReference";
    static final String EXTENSIVE = "extensive";
    static final String SERVICE_TASKS = "serviceTasks";
    static final String VALID_FROM = "validFrom";
    static final String VALID_UNTIL = "validUntil";
    static final String REQUESTED_BY = "requestedBy";
    static final String CLIENTS = "clientsUnderAgreement";
    static final String AGREEMENT_ID = "agreementId";
    static final String TEST_RUN_ID = "testRunId";
    static final String ENDED_BY = "endedByOid";
    static final String ENDED_BY_USER = "endedByUser";
    static final String ENDS_ON = "endsOn";
    static final String END_REASON = "endReason";

    private LifecycleValues() {
    }

    /** The variables a request starts its process with. */
    static Map<String, Object> of(String requestId, AccessRequest request) {
        return Map.of(REQUEST_ID, requestId, ORGANISER, request.organiser().value(), PROVIDER, request.provider().value(),
                CONTRACT, request.contractReference() == null ? "" : request.contractReference(),
                EXTENSIVE, request.extensive(), SERVICE_TASKS, String.join(",", request.serviceTasks()),
                VALID_FROM, request.validFrom() == null ? "" : request.validFrom().toString(),
                VALID_UNTIL, request.validUntil() == null ? "" : request.validUntil().toString(),
                REQUESTED_BY, request.requestedBy());
    }

    /** The request as its process holds it. */
    static AccessRequest request(DelegateExecution execution) {
        String tasks = text(execution, SERVICE_TASKS);
        return new AccessRequest(Oid.of(text(execution, ORGANISER)), Oid.of(text(execution, PROVIDER)),
                text(execution, CONTRACT), Boolean.TRUE.equals(execution.getVariable(EXTENSIVE)),
                tasks == null ? List.of() : Arrays.stream(tasks.split(",")).map(String::strip).toList(),
                day(execution, VALID_FROM), day(execution, VALID_UNTIL), text(execution, REQUESTED_BY));
    }

    static String text(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value == null || value.toString().isBlank() ? null : value.toString().strip();
    }

    static LocalDate day(DelegateExecution execution, String name) {
        String text = text(execution, name);
        return text == null ? null : LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
    }

    static boolean flag(DelegateExecution execution, String name) {
        Object value = execution.getVariable(name);
        return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString());
    }

    /** {@code register-access:<organiser OID>:<provider OID>:<request id>}, what the cockpit lists. */
    static String businessKey(String requestId, AccessRequest request) {
        return "register-access:" + request.organiser().value() + ":" + request.provider().value() + ":" + requestId;
    }
}
