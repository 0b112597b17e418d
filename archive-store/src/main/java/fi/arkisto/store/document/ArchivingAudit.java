package fi.arkisto.store.document;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.audit.AuditEntry;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.audit.AuditOperation;
import fi.arkisto.store.audit.AuditOutcome;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.error.ArchiveException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The audit events of archiving (invariant 5 (docs/invariants.md): every outcome, refusals included, appends an event). A
 * successful archiving's event is appended by {@link VersionRecorder} in the metadata's transaction; refusals and
 * duplicates are appended here, each committed on its own.
 */
final class ArchivingAudit {

    static final String IDENTICAL_TO_ARCHIVED = "identical to the archived version";
    static final String IDENTICAL_TO_EARLIER_ITEM = "identical to an earlier item of the batch";

    private static final Logger log = LoggerFactory.getLogger(ArchivingAudit.class);

    private final AuditLog audit;

    ArchivingAudit(AuditLog audit) {
        this.audit = audit;
    }

    /** @param decision the words of the access decision that allowed it (its basis) */
    static AuditEntry created(RequestContext context, Preparation.Prepared document, String previousOid,
                              String decision) {
        DocumentMetadata m = document.metadata();
        String description = previousOid == null ? "version " + m.versionNumber()
                : "version " + m.versionNumber() + " replacing " + previousOid;
        return new AuditEntry(context, AuditOperation.ARCHIVE, document.documentOid(), document.clientId(),
                AuditOutcome.SUCCESS, description + "; " + decision);
    }

    static AuditEntry duplicate(RequestContext context, Preparation document, String description) {
        return new AuditEntry(context, AuditOperation.ARCHIVE, document.documentOid(), document.clientId(),
                AuditOutcome.DUPLICATE, description);
    }

    /** An access refusal is DENIED, every other refusal REJECTED. */
    static AuditEntry refused(RequestContext context, Preparation document, ArchiveException error) {
        AuditOutcome outcome = ArchiveAccess.denial(error.code()) ? AuditOutcome.DENIED : AuditOutcome.REJECTED;
        return new AuditEntry(context, AuditOperation.ARCHIVE, document.documentOid(), document.clientId(), outcome,
                describe(error));
    }

    static String describe(ArchiveException e) {
        return e == null ? null : e.code().name() + ": " + e.detail();
    }

    /** Audits the refusal and returns it, for the caller to throw. */
    ArchiveException refuse(RequestContext context, Preparation document, ArchiveException error) {
        appendQuietly(List.of(refused(context, document, error)));
        return error;
    }

    /** @param decision the words of the access decision that allowed the resubmission */
    void appendDuplicate(RequestContext context, Preparation document, String decision) {
        audit.appendCommitted(duplicate(context, document, IDENTICAL_TO_ARCHIVED + "; " + decision));
    }

    void appendQuietly(List<AuditEntry> entries) {
        try {
            audit.appendAllCommitted(entries);
        } catch (ArchiveException e) {
            // the refusal itself is what the caller must see; a failing audit store is logged loudly
            log.error("Could not audit {} refused submissions", entries.size(), e);
        }
    }
}
