package fi.arkisto.workflows.registeraccess;

import fi.arkisto.store.accessrecords.AgreementRecord;
import fi.arkisto.store.accessrecords.RecordId;
import fi.arkisto.store.deploymenttest.TestRun;
import fi.arkisto.store.deploymenttest.TestRunId;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.workflows.deploymenttest.DeploymentTestService;
import fi.arkisto.workflows.deploymenttest.DeploymentTestStarter;
import fi.arkisto.workflows.registeraccess.Prerequisites.NamedSystem;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;

import java.time.Instant;
import java.util.Date;

import static fi.arkisto.workflows.registeraccess.LifecycleValues.AGREEMENT_ID;
import static fi.arkisto.workflows.registeraccess.LifecycleValues.CLIENTS;
import static fi.arkisto.workflows.registeraccess.LifecycleValues.DAY;
import static fi.arkisto.workflows.registeraccess.LifecycleValues.ENDED_BY;
import static fi.arkisto.workflows.registeraccess.LifecycleValues.ENDED_BY_USER;
import static fi.arkisto.workflows.registeraccess.LifecycleValues.ENDS_ON;
import static fi.arkisto.workflows.registeraccess.LifecycleValues.END_REASON;
import static fi.arkisto.workflows.registeraccess.LifecycleValues.ORGANISER;
import static fi.arkisto.workflows.registeraccess.LifecycleValues.PROVIDER;
import static fi.arkisto.workflows.registeraccess.LifecycleValues.REQUESTED_BY;
import static fi.arkisto.workflows.registeraccess.LifecycleValues.TEST_RUN_ID;
import static fi.arkisto.workflows.registeraccess.LifecycleValues.VALID_FROM;
import static fi.arkisto.workflows.registeraccess.LifecycleValues.day;
import static fi.arkisto.workflows.registeraccess.LifecycleValues.text;

/**
 * The delegates of bpmn/register-access-lifecycle.bpmn, one bean: its service tasks call
 * {@code ${registerAccessLifecycleSteps.<step>}}. Each moves values between the process and
 * {@link RegisterAccessLifecycleService}.
 */
public final class RegisterAccessLifecycleSteps {

    private final RegisterAccessLifecycleService service;

    public RegisterAccessLifecycleSteps(RegisterAccessLifecycleService service) {
        this.service = service;
    }

    /** Task_CountClients (and again at activation and at the end): the clients placed with the provider. */
    public JavaDelegate getCountClients() {
        return execution -> execution.setVariable(CLIENTS, service.clientsUnderAgreement(oid(execution, ORGANISER),
                oid(execution, PROVIDER)));
    }

    /** Task_CheckPrerequisites: what the registry still lacks, as the waiting task shows it. */
    public JavaDelegate getCheckPrerequisites() {
        return execution -> {
            Prerequisites found = prerequisites(execution);
            execution.setVariable("prerequisitesMet", found.met());
            execution.setVariable("missingPrerequisites", String.join("\n", found.missing()));
            execution.setVariable("organiserName", found.organiser() == null ? text(execution, ORGANISER)
                    : found.organiser().name() + " (" + text(execution, ORGANISER) + ")");
            execution.setVariable("providerName", found.provider() == null ? text(execution, PROVIDER)
                    : found.provider().name() + " (" + text(execution, PROVIDER) + ")");
            if (found.met()) {
                execution.setVariable("systemText", DeploymentTestService.describe(found.organiserSystem()) + " + "
                        + DeploymentTestService.describe(found.providerSystem()));
            }
        };
    }

    /** Task_AssessCombination: the DMN's inputs. */
    public JavaDelegate getAssessCombination() {
        return execution -> {
            execution.setVariable("includesRegisterAccessRight", true);
            execution.setVariable("combinationPreviouslyTested", service.combinationPreviouslyTested(prerequisites(execution)));
        };
    }

    /** Task_RegisterDeploymentTest: the run the called deployment test process works on. */
    public JavaDelegate getRegisterDeploymentTest() {
        return execution -> {
            TestRun run = service.registerTest(prerequisites(execution), day(execution, VALID_FROM),
                    text(execution, REQUESTED_BY));
            execution.setVariable(TEST_RUN_ID, run.id().toString());
            execution.setVariable("testBusinessKey", DeploymentTestStarter.businessKey(run));
        };
    }

    /** Task_ReadTestOutcome: approved, or its registration was rejected. */
    public JavaDelegate getReadTestOutcome() {
        return execution -> execution.setVariable("testApproved",
                service.testApproved(TestRunId.of(text(execution, TEST_RUN_ID))));
    }

    /** Task_RecordTestSkipped: a recommended test is skipped only with a reason, kept in the process history. */
    public JavaDelegate getRecordTestSkipped() {
        return execution -> {
            String reason = text(execution, "testSkipReason");
            if (reason == null) {
                throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE,
                        "A recommended deployment test is skipped only with a reason (testSkipReason)");
            }
            execution.setVariable("testSkipReason", reason);
            // the engine's clock, which the process tests move
            execution.setVariable("testSkippedAt", ClockUtil.getCurrentTime());
        };
    }

    /** Task_ActivateAgreement: the agreement the access rules read, and the timer of its contract's end. */
    public JavaDelegate getActivateAgreement() {
        return execution -> {
            AgreementRecord agreement = service.activate(LifecycleValues.request(execution));
            execution.setVariable(AGREEMENT_ID, agreement.id().toString());
            describe(execution, agreement);
            Instant endsAt = RegisterAccessLifecycleService.contractEndsAt(agreement);
            execution.setVariable("hasContractEnd", endsAt != null);
            execution.setVariable("contractEndsAt", endsAt == null ? null : Date.from(endsAt));
            getCountClients().execute(execution);
        };
    }

    /** Task_EndAgreement: a party's notice ends it; at the contract's end date it has ended by itself. */
    public JavaDelegate getEndAgreement() {
        return execution -> {
            RecordId id = RecordId.parse(text(execution, AGREEMENT_ID));
            String party = text(execution, ENDED_BY);
            AgreementRecord agreement = party == null
                    ? service.agreement(id, oid(execution, ORGANISER), text(execution, REQUESTED_BY))
                    : service.end(id, Oid.of(party), text(execution, ENDED_BY_USER), day(execution, ENDS_ON),
                    text(execution, END_REASON));
            describe(execution, agreement);
            execution.setVariable("endedByText", party == null ? "sopimuksen päättymispäivä / the contract's end date"
                    : party.equals(text(execution, ORGANISER)) ? "järjestäjä / the organiser" : "tuottaja / the provider");
            getCountClients().execute(execution);
        };
    }

    private Prerequisites prerequisites(DelegateExecution execution) {
        return service.prerequisites(oid(execution, ORGANISER), named(execution, "organiserSystem"),
                oid(execution, PROVIDER), named(execution, "providerSystem"));
    }

    private static NamedSystem named(DelegateExecution execution, String prefix) {
        String product = text(execution, prefix + "Product");
        return product == null ? null : new NamedSystem(product, text(execution, prefix + "Version"));
    }

    private static void describe(DelegateExecution execution, AgreementRecord agreement) {
        execution.setVariable("validFromText", DAY.format(agreement.validFrom()));
        execution.setVariable("lastDayText", agreement.lastDay() == null ? "" : DAY.format(agreement.lastDay()));
    }

    private static Oid oid(DelegateExecution execution, String name) {
        return Oid.of(text(execution, name));
    }
}
