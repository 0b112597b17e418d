package fi.arkisto.store.accessrecords;

import fi.arkisto.store.access.registeraccess.RegisterAccessAgreement;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.audit.AuditOperation;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.hl7.Hl7Timestamp;
import fi.arkisto.store.identity.Oid;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * Register access agreements: the organiser creates and ends them (through the API, or a process that drives their
 * lifecycle), both parties read them, and the access facts read every agreement of a client's organisers. kanta.fi,
 * "Register access right of social welfare services": the right "can be used when both the service provider and the
 * service organiser have joined" and enabled the function; the Finnish page adds that an agreement on the service and
 * its arrangements precedes it. Every change and read is audited; nothing is deleted (docs/access.md, "Register access
 * agreements").
 */
public class RegisterAccessAgreementService {

    private final AgreementRepository agreements;
    private final TransactionTemplate transaction;
    private final RecordAudit audit;
    private final Clock clock;

    public RegisterAccessAgreementService(DataSource dataSource, PlatformTransactionManager transactionManager,
                                          AuditLog audit, Clock clock) {
        this.agreements = new AgreementRepository(dataSource);
        this.transaction = new TransactionTemplate(transactionManager);
        this.audit = new RecordAudit(audit);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Creates an agreement of the acting organisation as organiser.
     *
     * @throws ArchiveException AGREEMENT_ORGANISER_REQUIRED, AGREEMENT_WITH_ITSELF, CONTRACT_REFERENCE_REQUIRED,
     *                          TEXT_TOO_LONG, INVALID_SERVICE_TASK, INVALID_VALIDITY_PERIOD, AGREEMENT_OVERLAP
     */
    public AgreementRecord create(NewAgreement request, RequestContext context) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(context, "context");
        return audit.refusalsAudited(context, AuditOperation.CREATE_ACCESS_AGREEMENT, null, () -> {
            AgreementRecord created = checked(request, context);
            String contract = created.contractReference();
            return Storage.call(() -> transaction.execute(status -> {
                agreements.lockPair(created.organiser(), created.provider());
                for (AgreementRecord existing : agreements.between(created.organiser(), created.provider())) {
                    if (existing.overlaps(created)) {
                        throw new ArchiveException(ErrorCode.AGREEMENT_OVERLAP, "Agreement " + existing.id()
                                + " already covers some of these days and service tasks");
                    }
                }
                agreements.insert(created);
                audit.changed(context, AuditOperation.CREATE_ACCESS_AGREEMENT, null, "created " + created.describe()
                        + ", contract " + contract);
                return created;
            }));
        });
    }

    /**
     * Checks a request as {@link #create} would, storing nothing: a process that creates the agreement only at its
     * activation refuses a request it could never create at its start.
     *
     * @throws ArchiveException AGREEMENT_ORGANISER_REQUIRED, AGREEMENT_WITH_ITSELF, CONTRACT_REFERENCE_REQUIRED,
     *                          TEXT_TOO_LONG, INVALID_SERVICE_TASK, INVALID_VALIDITY_PERIOD
     */
    public void check(NewAgreement request, RequestContext context) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(context, "context");
        checked(request, context);
    }

    private AgreementRecord checked(NewAgreement request, RequestContext context) {
        if (!request.organiser().equals(context.organisation())) {
            throw new ArchiveException(ErrorCode.AGREEMENT_ORGANISER_REQUIRED, "The acting organisation "
                    + context.organisation() + " is not the agreement's organiser " + request.organiser());
        }
        if (request.provider().equals(request.organiser())) {
            throw new ArchiveException(ErrorCode.AGREEMENT_WITH_ITSELF, "provider and organiser are both "
                    + request.organiser());
        }
        String contract = Checks.text("contractReference", request.contractReference(), 200);
        if (contract == null) {
            throw new ArchiveException(ErrorCode.CONTRACT_REFERENCE_REQUIRED, "Give contractReference");
        }
        TreeSet<String> tasks = new TreeSet<>();
        for (String task : request.serviceTasks()) {
            tasks.add(Checks.serviceTask("serviceTasks", task));
        }
        LocalDate from = request.validFrom() == null ? today() : request.validFrom();
        Checks.period("validFrom", from, "validUntil", request.validUntil());
        return new AgreementRecord(RecordId.random(), request.organiser().value(),
                request.provider().value(), request.extensive(), List.copyOf(tasks), from, request.validUntil(),
                contract, Stamp.of(context, clock.instant()), null);
    }

    /**
     * Ends an agreement of the acting organisation as organiser: from {@code endsOn} (null: today) it is no longer in
     * effect, for every client, whatever the client relationship documents say.
     *
     * @throws ArchiveException AGREEMENT_NOT_FOUND (also when the acting organisation is no party),
     *                          AGREEMENT_ORGANISER_REQUIRED (the provider asks), AGREEMENT_ALREADY_ENDED,
     *                          AGREEMENT_END_IN_PAST, TEXT_TOO_LONG
     */
    public AgreementRecord end(RecordId id, LocalDate endsOn, String reason, RequestContext context) {
        return end(id, endsOn, reason, context, false);
    }

    /**
     * Ends an agreement on behalf of either party, as the register access lifecycle process does when the organiser or
     * the provider gives notice (the contract binds both, so either may end it; the ending records which one did).
     *
     * @throws ArchiveException AGREEMENT_NOT_FOUND (also when the acting organisation is no party),
     *                          AGREEMENT_ALREADY_ENDED, AGREEMENT_END_IN_PAST, TEXT_TOO_LONG
     */
    public AgreementRecord endAsParty(RecordId id, LocalDate endsOn, String reason, RequestContext context) {
        return end(id, endsOn, reason, context, true);
    }

    private AgreementRecord end(RecordId id, LocalDate endsOn, String reason, RequestContext context,
                                boolean providerMay) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(context, "context");
        return audit.refusalsAudited(context, AuditOperation.END_ACCESS_AGREEMENT, null, () -> {
            AgreementRecord agreement = ofParty(id, context);
            if (!providerMay && !agreement.organiser().equals(context.organisation().value())) {
                throw new ArchiveException(ErrorCode.AGREEMENT_ORGANISER_REQUIRED, "Agreement " + id
                        + " is ended by its organiser " + agreement.organiser());
            }
            if (agreement.end() != null) {
                throw new ArchiveException(ErrorCode.AGREEMENT_ALREADY_ENDED, "Agreement " + id + " was ended at "
                        + agreement.end().stamp().at() + ", in effect until " + agreement.end().from().minusDays(1));
            }
            LocalDate today = today();
            LocalDate effective = endsOn == null ? today : endsOn;
            if (effective.isBefore(today)) {
                throw new ArchiveException(ErrorCode.AGREEMENT_END_IN_PAST, "endsOn " + effective
                        + " is before today " + today);
            }
            Ending end = new Ending(effective, Stamp.of(context, clock.instant()),
                    Checks.text("reason", reason, Checks.MAX_TEXT));
            return Storage.call(() -> transaction.execute(status -> {
                if (!agreements.end(id, end)) {
                    throw new ArchiveException(ErrorCode.AGREEMENT_ALREADY_ENDED, "Agreement " + id
                            + " was ended meanwhile");
                }
                audit.changed(context, AuditOperation.END_ACCESS_AGREEMENT, null, "ended " + agreement.describe()
                        + ", no longer in effect from " + effective);
                return agreements.find(id).orElseThrow();
            }));
        });
    }

    /** One agreement of which the acting organisation is organiser or provider. */
    public AgreementRecord find(RecordId id, RequestContext context) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(context, "context");
        return audit.refusalsAudited(context, AuditOperation.READ_ACCESS_AGREEMENTS, null, () -> {
            AgreementRecord agreement = ofParty(id, context);
            audit.read(context, AuditOperation.READ_ACCESS_AGREEMENTS, null, "read " + agreement.describe());
            return agreement;
        });
    }

    /** Every agreement of which the acting organisation is a party, optionally only those with one counterpart. */
    public List<AgreementRecord> list(RequestContext context, Oid counterpart) {
        Objects.requireNonNull(context, "context");
        String organisation = context.organisation().value();
        List<AgreementRecord> found = Storage.call(() -> agreements.ofParty(organisation,
                counterpart == null ? null : counterpart.value()));
        audit.read(context, AuditOperation.READ_ACCESS_AGREEMENTS, null, "listed " + found.size() + " agreements of "
                + organisation + (counterpart == null ? "" : " with " + counterpart));
        return found;
    }

    /**
     * The agreements of the organisers as the access decision reads them, ended ones included, those never in effect
     * left out. Not audited: the facts of a decision, which is.
     */
    public List<RegisterAccessAgreement> agreementsOf(Collection<String> organisers) {
        List<RegisterAccessAgreement> result = new ArrayList<>();
        for (AgreementRecord record : Storage.call(() -> agreements.ofOrganisers(organisers))) {
            RegisterAccessAgreement agreement = record.toAgreement();
            if (agreement != null) {
                result.add(agreement);
            }
        }
        return result;
    }

    private AgreementRecord ofParty(RecordId id, RequestContext context) {
        String organisation = context.organisation().value();
        return Storage.call(() -> agreements.find(id))
                .filter(a -> a.organiser().equals(organisation) || a.provider().equals(organisation))
                .orElseThrow(() -> new ArchiveException(ErrorCode.AGREEMENT_NOT_FOUND, "No agreement " + id
                        + " of organisation " + organisation));
    }

    private LocalDate today() {
        return LocalDate.now(clock.withZone(Hl7Timestamp.FINNISH_TIME));
    }
}
