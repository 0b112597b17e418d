package fi.arkisto.app.api.deploymenttest;

import fi.arkisto.app.api.problem.ApiErrors;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.deploymenttest.TestRun;
import fi.arkisto.store.deploymenttest.TestRunId;
import fi.arkisto.store.deploymenttest.TestRunLedger;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.organisation.ClientInformationSystem;
import fi.arkisto.store.organisation.KantaFunction;
import fi.arkisto.store.organisation.Organisation;
import fi.arkisto.store.organisation.OrganisationId;
import fi.arkisto.store.organisation.OrganisationRegistry;
import fi.arkisto.workflows.deploymenttest.DeploymentTestStarter;
import fi.arkisto.workflows.deploymenttest.Registration;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An organisation registers the deployment of functions (kanta.fi: "the organisation decides and registers"); the
 * deployment test process takes it from there (docs/workflows.md). A client system registers only for the
 * organisation it acts for, and sees only that organisation's tests.
 */
@RestController
@RequestMapping("/api/v1/deployment-tests")
@Tag(name = "Deployment tests", description = "Register a deployment of Kanta functions and follow its deployment test")
class DeploymentTestController {

    private final DeploymentTestStarter starter;
    private final TestRunLedger ledger;
    private final OrganisationRegistry registry;

    DeploymentTestController(DeploymentTestStarter starter, TestRunLedger ledger, OrganisationRegistry registry) {
        this.starter = starter;
        this.ledger = ledger;
        this.registry = registry;
    }

    /**
     * @param organisationOid the organisation's OID, required when the registry does not know it yet
     * @param partnerOrganisationId the service provider, for the register access right only
     */
    record RegistrationRequest(Long organisationId, String organisationOid, String businessId, Set<String> functions,
                               ClientInformationSystem system, LocalDate plannedStart, String deploymentLead,
                               Long partnerOrganisationId, ClientInformationSystem partnerSystem) {
    }

    record TestView(String id, long organisationId, String organisationOid, List<String> functions, String state,
                    int attempt, Instant windowStart, Instant windowEnd, List<String> testIdentities, LocalDate plannedStart,
                    String processInstanceId, String businessKey) {
        static TestView of(TestRun run, String processInstanceId, String businessKey) {
            return new TestView(run.id().toString(), run.organisationId().value(), run.organisationOid(),
                    run.functions().stream().map(Enum::name).sorted().toList(), run.state().name(), run.attempt(),
                    run.windowStart(), run.windowEnd(), run.identities(), run.plannedStart(), processInstanceId, businessKey);
        }
    }

    @Operation(summary = "Register a deployment of functions for its deployment test",
            description = "Functions: ARCHIVING, REGISTER_ACCESS_RIGHT (with partnerOrganisationId and partnerSystem), SHARING, "
                    + "STRUCTURED_DOCUMENTS, PROFESSIONAL_SIGNATURES. Starts the deployment test process; a coordinator "
                    + "reviews it in the tasklist. While the window of a register access right test is open, the partner "
                    + "(the provider) uses the organisation's register for the clients its client relationship documents "
                    + "place with the partner and that have test identity codes, without an agreement (docs/access.md).")
    @ApiErrors({ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_FIELD_VALUE, ErrorCode.INVALID_OID, ErrorCode.ACCESS_DENIED,
            ErrorCode.ORGANISATION_NOT_FOUND, ErrorCode.ORGANISATION_CONFLICT, ErrorCode.DEPLOYMENT_TEST_STATE_CONFLICT})
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<TestView> register(@RequestBody RegistrationRequest request, RequestContext context) {
        if (request == null || request.organisationId() == null || request.functions() == null || request.system() == null
                || request.plannedStart() == null || request.deploymentLead() == null) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST,
                    "A registration needs organisationId, functions, system, plannedStart and deploymentLead");
        }
        OrganisationId organisationId = request.organisationId() > 0 ? new OrganisationId(request.organisationId()) : null;
        Organisation organisation = organisationId == null ? null : registry.find(organisationId).orElse(null);
        if (organisation == null) {
            throw new ArchiveException(ErrorCode.ORGANISATION_NOT_FOUND, "No organisation " + request.organisationId()
                    + " in the registry");
        }
        String oid = organisation.organisationOid() != null ? organisation.organisationOid().value() : request.organisationOid();
        if (!context.organisation().value().equals(oid)) {
            throw new ArchiveException(ErrorCode.ACCESS_DENIED, "A client system registers deployments only for the "
                    + "organisation it acts for");
        }
        Set<KantaFunction> functions = EnumSet.noneOf(KantaFunction.class);
        for (String function : request.functions()) {
            try {
                functions.add(KantaFunction.valueOf(function));
            } catch (IllegalArgumentException e) {
                throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, "Unknown function " + function);
            }
        }
        DeploymentTestStarter.Started started;
        try {
            started = starter.start(new Registration(organisationId, request.organisationOid(), request.businessId(),
                    functions, request.system(), request.plannedStart(), request.deploymentLead(),
                    request.partnerOrganisationId() == null ? null : new OrganisationId(request.partnerOrganisationId()),
                    request.partnerSystem()));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, "Invalid registration: " + e.getMessage());
        }
        return ResponseEntity.created(URI.create("/api/v1/deployment-tests/" + started.run().id()))
                .body(TestView.of(started.run(), started.processInstanceId(), started.businessKey()));
    }

    @Operation(summary = "A deployment test of the acting organisation",
            description = "Its state, window and the test identity codes handed out for it.")
    @ApiErrors({ErrorCode.DEPLOYMENT_TEST_NOT_FOUND})
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    TestView one(@PathVariable String id, RequestContext context) {
        TestRunId runId;
        try {
            runId = TestRunId.of(id);
        } catch (IllegalArgumentException e) {
            throw new ArchiveException(ErrorCode.DEPLOYMENT_TEST_NOT_FOUND, "No deployment test " + id);
        }
        return ledger.find(runId).filter(run -> context.organisation().value().equals(run.organisationOid()))
                .map(run -> TestView.of(run, null, null))
                .orElseThrow(() -> new ArchiveException(ErrorCode.DEPLOYMENT_TEST_NOT_FOUND, "No deployment test " + id
                        + " of this organisation"));
    }
}
