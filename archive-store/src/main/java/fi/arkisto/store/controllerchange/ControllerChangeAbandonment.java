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
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Abandoning a controller change whose run failed (docs/access.md and docs/workflows.md, "Controller change"): an
 * archive operator ends the change without completing it. In one transaction the change is stamped abandoned with who
 * and why, archiving into its scope resumes, and the abandonment is an audit event. The assignments the failed run
 * wrote stay (they are append-only) but never take effect: the access decision, the lists and the log extracts read
 * only a completed change's assignments, and an abandoned change never completes. Access stays as it was before the
 * change; a later change of the same scope may move its documents.
 */
public class ControllerChangeAbandonment {

    /** The longest reason kept. */
    public static final int MAX_REASON = 2000;

    private final ControllerChangeRepository changes;
    private final AuditLog audit;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public ControllerChangeAbandonment(DataSource dataSource, PlatformTransactionManager transactionManager,
                                       AuditLog audit, Clock clock) {
        this.changes = new ControllerChangeRepository(dataSource);
        this.audit = Objects.requireNonNull(audit);
        this.transaction = new TransactionTemplate(transactionManager);
        this.clock = Objects.requireNonNull(clock);
    }

    /**
     * Abandons the change. Idempotent: an abandoned change is returned as it is (a step run again).
     *
     * @param operator who abandons it (the archive operator's user id)
     * @param reason   why, at most {@value #MAX_REASON} characters
     * @throws ArchiveException CONTROLLER_CHANGE_NOT_FOUND; INVALID_REQUEST without an operator or a reason
     * @throws IllegalStateException when the change has completed: a completed change has taken effect and is undone
     *                               only by another change back
     */
    public ControllerChange abandon(UUID id, String operator, String reason) {
        if (operator == null || operator.isBlank() || operator.length() > 256) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "Name the operator who abandons the change");
        }
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "Give a reason of at most " + MAX_REASON
                    + " characters for abandoning the change");
        }
        try {
            return transaction.execute(status -> {
                changes.lock(id);
                ControllerChange change = changes.find(id).orElseThrow(() -> new ArchiveException(
                        ErrorCode.CONTROLLER_CHANGE_NOT_FOUND, "No controller change " + id));
                if (change.abandoned()) {
                    return change;
                }
                if (change.completed()) {
                    throw new IllegalStateException(change.describe() + " has completed and cannot be abandoned");
                }
                long written = changes.countAssigned(id);
                changes.abandon(id, clock.instant(), operator.strip(), reason.strip());
                changes.recordPause(id, false, clock.instant());
                audit.append(new AuditEntry(operatorContext(change, operator.strip()),
                        AuditOperation.CONTROLLER_CHANGE_ABANDON, null, null, AuditOutcome.SUCCESS, "abandoned "
                        + change.describe() + " by " + operator.strip() + ": " + reason.strip() + "; archiving resumed"
                        + " into the " + change.scope().describe() + "; " + written + " assignments written stay"
                        + " without effect"));
                return changes.find(id).orElseThrow();
            });
        } catch (ArchiveException | IllegalStateException e) {
            throw e;
        } catch (RuntimeException e) {
            throw InfrastructureFailure.translate(e, "The controller change could not be abandoned");
        }
    }

    /** The operator acts on the old controller's register, which stays the old controller's. */
    private static RequestContext operatorContext(ControllerChange change, String operator) {
        return new RequestContext(Oid.of(change.oldController()), operator, RequestContext.OWN_REGISTER_USE);
    }
}
