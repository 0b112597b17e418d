package fi.arkisto.workflows.registeraccess;

import fi.arkisto.store.accessrecords.AgreementRecord;
import fi.arkisto.store.accessrecords.RecordId;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Starts a register access lifecycle and delivers a party's notice of its end from outside the tasklist (the REST
 * API). A refused request or notice is answered with its code and changes nothing: the checks and the process's
 * first steps run in one transaction.
 */
@Component
public class RegisterAccessLifecycleStarter {

    private final RegisterAccessLifecycleService service;
    private final RuntimeService runtime;
    private final HistoryService history;
    private final TransactionTemplate transaction;

    RegisterAccessLifecycleStarter(RegisterAccessLifecycleService service, RuntimeService runtime, HistoryService history,
                                   PlatformTransactionManager transactions) {
        this.service = service;
        this.runtime = runtime;
        this.history = history;
        this.transaction = new TransactionTemplate(transactions);
    }

    /**
     * A lifecycle as its parties see it.
     *
     * @param activities where the process waits now (element ids of bpmn/register-access-lifecycle.bpmn); empty once ended
     * @param agreementId the agreement, once activated
     * @param clientsUnderAgreement how many clients the organiser's client relationship documents place with the
     *                              provider today or later, counted now
     */
    public record Lifecycle(String requestId, String processInstanceId, String businessKey, String organiser,
                            String provider, List<String> activities, boolean ended, String missingPrerequisites,
                            String testRequirement, String agreementId, int clientsUnderAgreement) {
    }

    /**
     * The organiser requests enabling the register access right with a provider.
     *
     * @throws ArchiveException the agreement checks' codes (AGREEMENT_ORGANISER_REQUIRED, AGREEMENT_WITH_ITSELF, ...)
     */
    public Lifecycle start(AccessRequest request, RequestContext context) {
        service.check(request, context);
        String requestId = UUID.randomUUID().toString();
        String processInstanceId = transaction.execute(status -> runtime.startProcessInstanceByKey(
                LifecycleValues.PROCESS_KEY, LifecycleValues.businessKey(requestId, request),
                LifecycleValues.of(requestId, request)).getId());
        return view(requestId, processInstanceId);
    }

    /**
     * A party (organiser or provider) ends the agreement: the process's end message, with who and from when.
     *
     * @throws ArchiveException REGISTER_ACCESS_REQUEST_NOT_FOUND (also when the acting organisation is no party),
     *                          REGISTER_ACCESS_NOT_ACTIVE, AGREEMENT_END_IN_PAST, TEXT_TOO_LONG
     */
    public AgreementRecord end(String requestId, LocalDate endsOn, String reason, RequestContext context) {
        HistoricProcessInstance process = ofParty(requestId, context);
        transaction.executeWithoutResult(status -> {
            boolean waiting = runtime.createExecutionQuery().processInstanceId(process.getId())
                    .messageEventSubscriptionName(LifecycleValues.END_MESSAGE).count() > 0;
            if (!waiting) {
                throw new ArchiveException(ErrorCode.REGISTER_ACCESS_NOT_ACTIVE, "The register access agreement of "
                        + "request " + requestId + " is not in effect: it is still being enabled, or has ended");
            }
            Map<String, Object> notice = new HashMap<>();
            notice.put(LifecycleValues.ENDED_BY, context.organisation().value());
            notice.put(LifecycleValues.ENDED_BY_USER, context.userId());
            notice.put(LifecycleValues.ENDS_ON, endsOn == null ? null : endsOn.toString());
            notice.put(LifecycleValues.END_REASON, reason);
            runtime.createMessageCorrelation(LifecycleValues.END_MESSAGE).processInstanceId(process.getId())
                    .setVariables(notice).correlateWithResult();
        });
        // read once the end is committed: a read's audit event is written on its own, and the end's holds the chain
        return service.agreement(RecordId.parse(variable(process.getId(), LifecycleValues.AGREEMENT_ID)),
                context.organisation(), context.userId());
    }

    /**
     * A lifecycle of which the acting organisation is organiser or provider.
     *
     * @throws ArchiveException REGISTER_ACCESS_REQUEST_NOT_FOUND
     */
    public Lifecycle find(String requestId, RequestContext context) {
        return view(requestId, ofParty(requestId, context).getId());
    }

    private Lifecycle view(String requestId, String processInstanceId) {
        HistoricProcessInstance process = history.createHistoricProcessInstanceQuery()
                .processInstanceId(processInstanceId).singleResult();
        boolean ended = process.getEndTime() != null;
        List<String> activities = ended ? List.of() : runtime.getActiveActivityIds(processInstanceId);
        String organiser = variable(processInstanceId, LifecycleValues.ORGANISER);
        String provider = variable(processInstanceId, LifecycleValues.PROVIDER);
        return new Lifecycle(requestId, processInstanceId, process.getBusinessKey(), organiser, provider, activities,
                ended, variable(processInstanceId, "missingPrerequisites"),
                variable(processInstanceId, "testRequirement"), variable(processInstanceId, LifecycleValues.AGREEMENT_ID),
                service.clientsUnderAgreement(Oid.of(organiser), Oid.of(provider)));
    }

    private HistoricProcessInstance ofParty(String requestId, RequestContext context) {
        HistoricProcessInstance process = requestId == null ? null : history.createHistoricProcessInstanceQuery()
                .processDefinitionKey(LifecycleValues.PROCESS_KEY)
                .variableValueEquals(LifecycleValues.REQUEST_ID, requestId).singleResult();
        String organisation = context.organisation().value();
        if (process == null || !(organisation.equals(variable(process.getId(), LifecycleValues.ORGANISER))
                || organisation.equals(variable(process.getId(), LifecycleValues.PROVIDER)))) {
            throw new ArchiveException(ErrorCode.REGISTER_ACCESS_REQUEST_NOT_FOUND, "No register access request "
                    + requestId + " of organisation " + organisation);
        }
        return process;
    }

    private String variable(String processInstanceId, String name) {
        HistoricVariableInstance variable = history.createHistoricVariableInstanceQuery()
                .processInstanceId(processInstanceId).variableName(name).singleResult();
        return variable == null || variable.getValue() == null ? null : variable.getValue().toString();
    }
}
