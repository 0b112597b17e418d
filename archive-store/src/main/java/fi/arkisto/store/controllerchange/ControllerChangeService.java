package fi.arkisto.store.controllerchange;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.audit.AuditEntry;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.audit.AuditOperation;
import fi.arkisto.store.audit.AuditOutcome;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.error.InfrastructureFailure;
import fi.arkisto.store.identity.Oid;
import fi.arkisto.store.object.ObjectStore;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * Controller changes (kanta.fi, "Controller changes"; docs/access.md, "Controller change"): requested by the old or the
 * new controller, counted without changing anything, run by the controller change job (which assigns the scope's
 * documents in chunks through {@link #assign}), verified, and completed; from the completion the access decision
 * reads the assignments, so the new controller uses the documents as its own and the former one no longer does.
 * Archiving into the scope pauses while the run goes on ({@link ArchivingPauses}). Nothing archived is rewritten:
 * a change and its assignments are records of their own, every step of which is in the audit hash chain.
 */
public class ControllerChangeService {

    /** Who the run's own steps are audited as: the job, acting for the new controller. */
    public static final String JOB_USER = "arkisto-controller-change-job";

    private final ControllerChangeRepository changes;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final RunVerification verification;
    private final Clock clock;

    public ControllerChangeService(DataSource dataSource, PlatformTransactionManager transactionManager, AuditLog audit,
                                   ObjectStore objects, Clock clock) {
        this.changes = new ControllerChangeRepository(dataSource);
        this.audit = Objects.requireNonNull(audit);
        this.transaction = new TransactionTemplate(transactionManager);
        this.verification = new RunVerification(changes, audit, Objects.requireNonNull(objects), transaction);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Records a requested change.
     *
     * @throws ArchiveException INVALID_REQUEST (an OID, the reason or the planned day missing or invalid, the same
     *                          controller twice), ACCESS_DENIED (the acting organisation is neither controller),
     *                          CONTROLLER_CHANGE_CONFLICT (another change of an overlapping scope is not completed)
     */
    public ControllerChange request(ControllerChangeRequest request, RequestContext context) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(context, "context");
        try {
            ControllerChange change = ControllerChangeValidation.validated(request, context, clock.instant());
            return storage(() -> transaction.execute(status -> {
                changes.lockRegister(change.oldController());
                for (ControllerChange pending : changes.pendingOf(change.oldController())) {
                    if (pending.scope().overlaps(change.scope())) {
                        throw new ArchiveException(ErrorCode.CONTROLLER_CHANGE_CONFLICT, pending.describe()
                                + " is not yet completed and its scope overlaps");
                    }
                }
                changes.insert(change);
                audit.append(new AuditEntry(context, AuditOperation.CONTROLLER_CHANGE_REQUEST, null, null,
                        AuditOutcome.SUCCESS, "requested " + change.describe() + ", planned for " + change.plannedOn()
                        + ": " + change.reason()));
                return change;
            }));
        } catch (ArchiveException e) {
            audit.appendCommitted(new AuditEntry(context, AuditOperation.CONTROLLER_CHANGE_REQUEST, null, null,
                    e.code() == ErrorCode.ACCESS_DENIED ? AuditOutcome.DENIED : AuditOutcome.REJECTED,
                    e.code() + " " + e.detail()));
            throw e;
        }
    }

    /** @throws ArchiveException CONTROLLER_CHANGE_NOT_FOUND */
    public ControllerChange find(UUID id) {
        return storage(() -> changes.find(id)).orElseThrow(() -> new ArchiveException(
                ErrorCode.CONTROLLER_CHANGE_NOT_FOUND, "No controller change " + id));
    }

    /**
     * A change as one of its two controllers reads it, audited.
     *
     * @throws ArchiveException CONTROLLER_CHANGE_NOT_FOUND, also when the acting organisation is neither controller
     */
    public ControllerChange findFor(UUID id, RequestContext context) {
        ControllerChange change = storage(() -> changes.find(id)).orElse(null);
        String acting = context.organisation().value();
        if (change == null || !(acting.equals(change.oldController()) || acting.equals(change.newController()))) {
            audit.appendCommitted(new AuditEntry(context, AuditOperation.READ_CONTROLLER_CHANGE, null, null,
                    AuditOutcome.NOT_FOUND, "controller change " + id));
            throw new ArchiveException(ErrorCode.CONTROLLER_CHANGE_NOT_FOUND, "No controller change " + id
                    + " of the acting organisation");
        }
        audit.appendCommitted(new AuditEntry(context, AuditOperation.READ_CONTROLLER_CHANGE, null, null,
                AuditOutcome.SUCCESS, "read " + change.describe()));
        return change;
    }

    /** The scope's selection, for the job's reader. */
    public ControllerChangeSelection selection(ControllerChange change) {
        return ControllerChangeSelection.of(change.id(), change.scope(), chained(change));
    }

    /** Whether a completed change moved documents into the change's old controller's register (a chain). */
    private boolean chained(ControllerChange change) {
        return storage(() -> changes.receivedAny(change.oldController()));
    }

    /** What the change would move, per part of its scope and in total; changes nothing. */
    public ControllerChangeImpact impact(UUID id) {
        ControllerChange change = find(id);
        ControllerChangeSelection selection = selection(change);
        ControllerChangeScope scope = change.scope();
        return storage(() -> {
            List<ControllerChangeImpact.Part> parts;
            if (!scope.serviceTasks().isEmpty()) {
                parts = changes.count(selection, "v.service_task", "service task");
            } else if (!scope.serviceUnits().isEmpty()) {
                parts = changes.count(selection, "v.service_unit_oid", "service unit");
            } else if (!scope.documentGroups().isEmpty()) {
                parts = changes.count(selection, "v.document_group", "document group");
            } else {
                parts = changes.count(selection, null, "whole register");
            }
            return new ControllerChangeImpact(parts, changes.count(selection, null, "total").get(0));
        });
    }

    /** The scope's documents and bytes now, for a run's start (one pass; the impact's distinct counts left out). */
    public ScopeSize size(UUID id) {
        ControllerChange change = find(id);
        ControllerChangeSelection selection = selection(change);
        return storage(() -> changes.size(selection));
    }

    /** The first document OID of each of up to {@code partitions} equal ranges of the scope (the job's partitions). */
    public List<String> rangeStarts(UUID id, int partitions) {
        ControllerChange change = find(id);
        return storage(() -> changes.rangeStarts(selection(change), partitions));
    }

    /**
     * Assigns the next up to {@code limit} documents of the change's scope in OID order, from {@code from} (inclusive,
     * null: the first), after {@code after} (exclusive, null: no bound) and before {@code until} (exclusive, null: the
     * last), those already assigned left as they are, with one audit event, in the caller's transaction: the job's
     * partitions step through their ranges with it, and a step taken again after a restart assigns nothing twice.
     */
    public AssignedRange assignRange(ControllerChange change, String from, String after, String until, int limit) {
        boolean chained = chained(change);
        ControllerChangeSelection selection = ControllerChangeSelection.of(change.id(), change.scope(), chained, false);
        // a row is looked up in the register it is in now when it may be elsewhere: received by a chain (perhaps by
        // a change that was abandoned), or moved away by a completed change of the register
        AssignedRange range = storage(() -> changes.assignRange(selection, change.id(), change.newController(), from,
                after, until, limit, clock.instant(), chained || changes.movedAnyFrom(change.oldController())));
        if (range.picked() > 0) {
            auditAssignment(change, range.assigned(), range.picked(), range.first(), range.last());
        }
        return range;
    }

    /**
     * Assigns the documents to the change's new controller, those already assigned left as they are, with one audit
     * event, in the caller's transaction.
     *
     * @return how many were newly assigned
     */
    public int assign(ControllerChange change, List<String> documentOids) {
        if (documentOids.isEmpty()) {
            return 0;
        }
        int assigned = changes.assign(change.id(), change.oldController(), change.newController(), documentOids,
                clock.instant());
        auditAssignment(change, assigned, documentOids.size(), documentOids.get(0),
                documentOids.get(documentOids.size() - 1));
        return assigned;
    }

    private void auditAssignment(ControllerChange change, int assigned, int of, String first, String last) {
        audit.append(new AuditEntry(jobContext(change), AuditOperation.CONTROLLER_CHANGE_ASSIGN, null, null,
                AuditOutcome.SUCCESS, "assigned " + assigned + " of " + of + " documents (" + first + " .. " + last
                + ") in " + change.describe()));
    }

    /**
     * Assigns what the partitions left: documents archived into the scope in the moment before every instance saw
     * the pause (at most its refresh interval). Each chunk in a transaction of its own.
     *
     * @return how many were assigned
     */
    public long sweep(ControllerChange change, int chunk) {
        ControllerChangeSelection selection = selection(change);
        // The partitions have just written the run's assignments, faster than autovacuum analyses them: planned on an
        // empty table's statistics, the anti-joins here and in the verification scanned the assignments once per
        // document (a 200,000-document run did not finish in 15 minutes). Then the common case, found by two counts:
        // nothing was archived into the scope behind the partitions. A change assigns only documents of its scope,
        // and they stay in it (no overlapping change completes meanwhile, no row is deleted), so as many assignments
        // as documents means every one; the verification then counts exactly.
        boolean behind = storage(() -> {
            changes.analyseAssignments();
            return changes.countSelected(selection) > changes.countAssigned(change.id());
        });
        if (!behind) {
            return 0;
        }
        long swept = 0;
        while (true) {
            List<String> left = storage(() -> changes.unassigned(selection, chunk));
            if (left.isEmpty()) {
                return swept;
            }
            swept += storage(() -> transaction.execute(status -> assign(change, left)));
        }
    }

    /** Pauses archiving into the change's scope (each instance's intake sees it within a second). */
    public void pause(UUID id) {
        ControllerChange change = find(id);
        storage(() -> transaction.execute(status -> {
            changes.recordPause(change.id(), true, clock.instant());
            audit.append(new AuditEntry(jobContext(change), AuditOperation.CONTROLLER_CHANGE_PAUSE, null, null,
                    AuditOutcome.SUCCESS, "archiving paused into the " + change.scope().describe()));
            return null;
        }));
    }

    /** Resumes archiving into the change's scope. */
    public void resume(UUID id) {
        ControllerChange change = find(id);
        storage(() -> transaction.execute(status -> {
            changes.recordPause(change.id(), false, clock.instant());
            audit.append(new AuditEntry(jobContext(change), AuditOperation.CONTROLLER_CHANGE_RESUME, null, null,
                    AuditOutcome.SUCCESS, "archiving resumed into the " + change.scope().describe()));
            return null;
        }));
    }

    /** The changes archiving is paused for now. */
    public List<ControllerChange> paused() {
        return storage(changes::paused);
    }

    /** The completed changes that passed a register, or part of one, to {@code controller} (a chain's earlier links). */
    public List<ControllerChange> completedInto(String controller) {
        return storage(() -> changes.completedInto(controller));
    }

    /**
     * Compares the scope before and after the run ({@link RunVerification}): counts, every document assigned by this
     * change and nothing else, {@code samples} assigned documents read back against their SHA-256, the audit chain.
     */
    public ControllerChangeVerification verify(UUID id, long documentsBefore, int samples) {
        ControllerChange change = find(id);
        return storage(() -> verification.verify(change, selection(change), documentsBefore, samples));
    }

    /**
     * Completes a verified run: from now the new controller uses the assigned documents as its own. Idempotent: a
     * completed change is returned as it is.
     */
    public ControllerChange complete(UUID id, String user) {
        ControllerChange change = find(id);
        if (change.completed()) {
            return change;
        }
        if (change.abandoned()) {
            throw new IllegalStateException(change.describe() + " was abandoned and never completes");
        }
        return storage(() -> transaction.execute(status -> {
            long assigned = changes.countAssigned(id);
            Instant at = clock.instant();
            if (changes.complete(id, at, user, assigned)) {
                audit.append(new AuditEntry(jobContext(change), AuditOperation.CONTROLLER_CHANGE_COMPLETE, null, null,
                        AuditOutcome.SUCCESS, "completed " + change.describe() + ": " + assigned
                        + " documents assigned, completed by " + user));
            }
            return changes.find(id).orElseThrow();
        }));
    }

    /** How many documents the change has assigned so far. */
    public long assignedCount(UUID id) {
        return storage(() -> changes.countAssigned(id));
    }

    static RequestContext jobContext(ControllerChange change) {
        return new RequestContext(Oid.of(change.newController()), JOB_USER, RequestContext.OWN_REGISTER_USE);
    }

    private static <T> T storage(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw InfrastructureFailure.translate(e, "The controller changes could not be read or written");
        }
    }
}
