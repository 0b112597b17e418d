package fi.arkisto.workflows.registeraccess;

import fi.arkisto.store.accessrecords.AgreementRecord;
import fi.arkisto.store.accessrecords.ClientFactsService;
import fi.arkisto.store.accessrecords.NewAgreement;
import fi.arkisto.store.accessrecords.RecordId;
import fi.arkisto.store.accessrecords.RegisterAccessAgreementService;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.deploymenttest.TestRun;
import fi.arkisto.store.deploymenttest.TestRunId;
import fi.arkisto.store.deploymenttest.TestRunLedger;
import fi.arkisto.store.deploymenttest.TestRunRegistration;
import fi.arkisto.store.deploymenttest.TestRunState;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.organisation.KantaFunction;
import fi.arkisto.store.organisation.OrganisationRegistry;
import fi.arkisto.workflows.registeraccess.Prerequisites.NamedSystem;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Objects;

/**
 * The register access lifecycle's steps over the organisation registry, the deployment test ledger, the register
 * access agreements and the client relationship documents (docs/workflows.md): what each process step does, so that
 * the delegates only move values between the process and this service.
 */
public class RegisterAccessLifecycleService {

    private final OrganisationRegistry registry;
    private final TestRunLedger ledger;
    private final RegisterAccessAgreementService agreements;
    private final ClientFactsService clientFacts;
    private final Clock clock;

    public RegisterAccessLifecycleService(OrganisationRegistry registry, TestRunLedger ledger,
                                          RegisterAccessAgreementService agreements, ClientFactsService clientFacts,
                                          Clock clock) {
        this.registry = Objects.requireNonNull(registry);
        this.ledger = Objects.requireNonNull(ledger);
        this.agreements = Objects.requireNonNull(agreements);
        this.clientFacts = Objects.requireNonNull(clientFacts);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Refuses, before anything starts, a request whose agreement could never be created: the same checks as the
     * agreement's creation, by the acting organisation.
     *
     * @throws ArchiveException AGREEMENT_ORGANISER_REQUIRED, AGREEMENT_WITH_ITSELF, CONTRACT_REFERENCE_REQUIRED,
     *                          TEXT_TOO_LONG, INVALID_SERVICE_TASK, INVALID_VALIDITY_PERIOD
     */
    public void check(AccessRequest request, RequestContext context) {
        agreements.check(newAgreement(request), context);
    }

    /** What the registry still lacks for the two parties. */
    Prerequisites prerequisites(Oid organiser, NamedSystem organiserSystem, Oid provider, NamedSystem providerSystem) {
        return Prerequisites.check(registry, organiser, organiserSystem, provider, providerSystem);
    }

    /** The DMN's input: whether a register access right test of the parties' combination of systems was approved. */
    boolean combinationPreviouslyTested(Prerequisites met) {
        return ledger.combinationApproved(met.organiserSystem(), met.providerSystem());
    }

    /**
     * Records the register access right deployment test of the parties' combination of client information systems for
     * the deployment test process the lifecycle calls. Unlike a registration of functions, the organiser's function may
     * already be in use (with other providers, on other combinations): the test is of the combination.
     */
    TestRun registerTest(Prerequisites met, LocalDate plannedStart, String deploymentLead) {
        if (!met.met()) {
            throw new IllegalStateException("a deployment test is registered only once the prerequisites are met");
        }
        LocalDate today = today();
        return ledger.register(new TestRunRegistration(met.organiser().id(), EnumSet.of(KantaFunction.REGISTER_ACCESS_RIGHT),
                        met.organiserSystem(), plannedStart == null || plannedStart.isBefore(today) ? today : plannedStart,
                        deploymentLead, met.provider().id(), met.providerSystem()),
                met.organiser().organisationOid().value(), met.provider().organisationOid().value(), clock.instant());
    }

    /** Whether the deployment test ended approved (otherwise its registration was rejected). */
    boolean testApproved(TestRunId id) {
        return ledger.get(id).state() == TestRunState.APPROVED;
    }

    /** How many clients the organiser's client relationship documents place with the provider, today or later. */
    public int clientsUnderAgreement(Oid organiser, Oid provider) {
        return clientFacts.clientsPlacedWithProvider(organiser.value(), provider.value(), today());
    }

    /** Activation: the agreement the access rules read is created, by the organiser's user who asked. */
    AgreementRecord activate(AccessRequest request) {
        return agreements.create(newAgreement(request), context(request.organiser(), request.requestedBy()));
    }

    /** The moment the contract's end date has passed (the start of the next day, Finnish time); null when open-ended. */
    static Instant contractEndsAt(AgreementRecord agreement) {
        LocalDate last = agreement.lastDay();
        return last == null ? null : last.plusDays(1).atStartOfDay(LifecycleValues.FINLAND).toInstant();
    }

    /**
     * A party ends the agreement: from {@code endsOn} (null: today) the provider's rights end for every client, whatever
     * the client relationship documents say. An agreement ended meanwhile through the agreement API stays as it was.
     *
     * @throws ArchiveException AGREEMENT_NOT_FOUND, AGREEMENT_END_IN_PAST, TEXT_TOO_LONG
     */
    AgreementRecord end(RecordId agreement, Oid party, String user, LocalDate endsOn, String reason) {
        RequestContext context = context(party, user);
        try {
            return agreements.endAsParty(agreement, endsOn, reason, context);
        } catch (ArchiveException e) {
            if (e.code() == ErrorCode.AGREEMENT_ALREADY_ENDED) {
                return agreements.find(agreement, context);
            }
            throw e;
        }
    }

    /** The agreement as the organiser reads it (its contract end reached, the lifecycle records no other end). */
    AgreementRecord agreement(RecordId agreement, Oid organiser, String user) {
        return agreements.find(agreement, context(organiser, user));
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(LifecycleValues.FINLAND));
    }

    private static NewAgreement newAgreement(AccessRequest request) {
        return new NewAgreement(request.organiser(), request.provider(), request.extensive(), request.serviceTasks(),
                request.validFrom(), request.validUntil(), request.contractReference());
    }

    private static RequestContext context(Oid organisation, String user) {
        return new RequestContext(organisation, user, RequestContext.OWN_REGISTER_USE);
    }
}
