package fi.arkisto.store.accessrecords;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.audit.AuditEntry;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.audit.AuditOperation;
import fi.arkisto.store.audit.AuditOutcome;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import java.util.function.Supplier;

/**
 * The audit of the record services: every change and every read appends an event (who, organisation, use context,
 * what, outcome), refusals included, so that the client's log extract shows who recorded, withdrew or looked at the
 * client's will on sharing.
 */
final class RecordAudit {

    private final AuditLog audit;

    RecordAudit(AuditLog audit) {
        this.audit = audit;
    }

    /**
     * Runs the operation; a refusal is audited (committed on its own) with its code before it reaches the caller. The
     * operation audits its own success, in its transaction or before data leaves.
     */
    <T> T refusalsAudited(RequestContext context, AuditOperation operation, String clientId, Supplier<T> work) {
        try {
            return work.get();
        } catch (ArchiveException e) {
            // a refusal of the request is audited; a failure of the archive itself (5xx) has nothing to record
            if (e.code().httpStatus() < 500) {
                audit.appendCommitted(new AuditEntry(context, operation, null, clientId, outcomeOf(e.code()),
                        e.code().name() + ": " + e.detail()));
            }
            throw e;
        }
    }

    /** A success inside the caller's transaction: it commits or rolls back with the change it records. */
    void changed(RequestContext context, AuditOperation operation, String clientId, String detail) {
        audit.append(new AuditEntry(context, operation, null, clientId, AuditOutcome.SUCCESS, detail));
    }

    /** A read, committed before the data leaves. */
    void read(RequestContext context, AuditOperation operation, String clientId, String detail) {
        audit.appendCommitted(new AuditEntry(context, operation, null, clientId, AuditOutcome.SUCCESS, detail));
    }

    private static AuditOutcome outcomeOf(ErrorCode code) {
        return switch (code.httpStatus()) {
            case 403 -> AuditOutcome.DENIED;
            case 404 -> AuditOutcome.NOT_FOUND;
            default -> AuditOutcome.REJECTED;
        };
    }
}
