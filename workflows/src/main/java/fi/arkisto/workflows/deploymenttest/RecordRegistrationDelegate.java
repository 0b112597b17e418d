package fi.arkisto.workflows.deploymenttest;

import fi.arkisto.store.deploymenttest.TestRun;
import fi.arkisto.store.organisation.ClientInformationSystem;
import fi.arkisto.store.organisation.KantaFunction;
import fi.arkisto.store.organisation.OrganisationId;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Task_RecordRegistration: a registration started from the REST API was recorded before the process started; one
 * from the start form is recorded here from the form's fields.
 */
class RecordRegistrationDelegate implements JavaDelegate {

    /** The start form's check boxes, one per function. */
    static final Map<String, KantaFunction> FUNCTION_FIELDS = Map.of(
            "fnArchiving", KantaFunction.ARCHIVING,
            "fnRegisterAccessRight", KantaFunction.REGISTER_ACCESS_RIGHT,
            "fnSharing", KantaFunction.SHARING,
            "fnStructuredDocuments", KantaFunction.STRUCTURED_DOCUMENTS,
            "fnProfessionalSignatures", KantaFunction.PROFESSIONAL_SIGNATURES);

    private final DeploymentTestService service;

    RecordRegistrationDelegate(DeploymentTestService service) {
        this.service = service;
    }

    @Override
    public void execute(DelegateExecution execution) {
        TestRun run = execution.hasVariable(ProcessValues.TEST_RUN_ID) ? service.run(ProcessValues.runId(execution))
                : service.register(fromForm(execution));
        ProcessValues.describe(execution, run, service.organisationOf(run).name());
    }

    private static Registration fromForm(DelegateExecution execution) {
        Set<KantaFunction> functions = EnumSet.noneOf(KantaFunction.class);
        FUNCTION_FIELDS.forEach((field, function) -> {
            if (ProcessValues.flag(execution, field)) {
                functions.add(function);
            }
        });
        Long organisation = ProcessValues.number(execution, "organisationId");
        Long partner = ProcessValues.number(execution, "partnerOrganisationId");
        String partnerProduct = ProcessValues.text(execution, "partnerSystemProduct");
        String lead = ProcessValues.text(execution, "deploymentLead");
        return new Registration(organisation == null ? null : new OrganisationId(organisation),
                ProcessValues.text(execution, "organisationOid"), ProcessValues.text(execution, "businessId"), functions,
                new ClientInformationSystem(ProcessValues.text(execution, "systemProduct"),
                        ProcessValues.text(execution, "systemVersion"), ProcessValues.text(execution, "systemVendor")),
                ProcessValues.day(execution, "plannedStart"), lead != null ? lead : ProcessValues.text(execution, "initiator"),
                partner == null ? null : new OrganisationId(partner),
                partnerProduct == null ? null : new ClientInformationSystem(partnerProduct,
                        ProcessValues.text(execution, "partnerSystemVersion"), ProcessValues.text(execution, "partnerSystemVendor")));
    }
}
