package fi.arkisto.store.document;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.audit.AuditEntry;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.audit.AuditOperation;
import fi.arkisto.store.audit.AuditOutcome;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Declares a version void with a reason (Kanta: a nullified document stays stored and retrievable, marked void;
 * invariant 4 (docs/invariants.md)). Only the current version of a set, by whom the access rules allow
 * ({@link ArchiveAccess}: the register's controller, or a provider for a version it archived while its register access
 * right is in effect); who, when and why are recorded, and every outcome is audited in the same transaction as the mark (invariant 5).
 */
final class Nullification {

    private final DocumentRepository documents;
    private final AuditLog audit;
    private final ArchivingAudit archivingAudit;
    private final ArchiveAccess access;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Nullification(DocumentRepository documents, AuditLog audit, ArchiveAccess access,
                  PlatformTransactionManager transactionManager, Clock clock) {
        this.documents = documents;
        this.audit = audit;
        this.archivingAudit = new ArchivingAudit(audit);
        this.access = access;
        this.transaction = new TransactionTemplate(transactionManager);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    ArchivedDocument nullify(DocumentOid oid, String reason, RequestContext context) {
        String documentOid = oid.value();
        if (reason == null || reason.isBlank()) {
            ArchiveException e = new ArchiveException(ErrorCode.NULLIFICATION_REASON_REQUIRED,
                    "A nullification of " + documentOid + " needs a reason");
            archivingAudit.appendQuietly(List.of(new AuditEntry(context, AuditOperation.NULLIFY, documentOid, null,
                    AuditOutcome.REJECTED, ArchivingAudit.describe(e))));
            throw e;
        }
        Optional<ArchiveException> refusal;
        try {
            refusal = transaction.execute(status -> markOrRefuse(documentOid, reason.strip(), context));
        } catch (DataAccessException e) {
            throw new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE, "The nullification could not be recorded: "
                    + VersionRecorder.rootMessage(e), e);
        }
        if (refusal != null && refusal.isPresent()) {
            throw refusal.get();
        }
        return documents.find(documentOid).map(StoredDocument::document).orElseThrow();
    }

    /** Inside the transaction: the refusal, audited, or the mark and its audit event. */
    private Optional<ArchiveException> markOrRefuse(String documentOid, String reason, RequestContext context) {
        documents.limitLockWaits();
        Optional<StoredDocument> found = documents.findForUpdate(documentOid);
        if (found.isEmpty()) {
            ArchiveException refusal = new ArchiveException(ErrorCode.DOCUMENT_NOT_FOUND, "No document " + documentOid);
            audit.append(new AuditEntry(context, AuditOperation.NULLIFY, documentOid, null, AuditOutcome.NOT_FOUND,
                    ArchivingAudit.describe(refusal)));
            return Optional.of(refusal);
        }
        StoredDocument stored = found.get();
        ArchiveAccess.Decided decision = access.nullifying(context, stored);
        if (!decision.allowed()) {
            audit.append(new AuditEntry(context, AuditOperation.NULLIFY, documentOid, stored.clientId(),
                    AuditOutcome.DENIED, ArchivingAudit.describe(decision.refusal())));
            return Optional.of(decision.refusal());
        }
        ArchiveException refusal = null;
        if (stored.document().status() == DocumentStatus.NULLIFIED) {
            refusal = new ArchiveException(ErrorCode.DOCUMENT_NULLIFIED, "Document " + documentOid
                    + " was already nullified");
        } else if (stored.document().status() == DocumentStatus.REPLACED) {
            refusal = new ArchiveException(ErrorCode.VERSION_CONFLICT, "Document " + documentOid
                    + " was replaced by a later version; only the current version of a set can be nullified");
        }
        if (refusal != null) {
            audit.append(new AuditEntry(context, AuditOperation.NULLIFY, documentOid, stored.clientId(),
                    AuditOutcome.REJECTED, ArchivingAudit.describe(refusal)));
            return Optional.of(refusal);
        }
        documents.markNullified(documentOid, reason, context.organisation().value(), context.userId(), NewVersion.now(clock));
        audit.append(new AuditEntry(context, AuditOperation.NULLIFY, documentOid, stored.clientId(),
                AuditOutcome.SUCCESS, "reason: " + reason + "; " + decision.description()));
        return Optional.empty();
    }
}
