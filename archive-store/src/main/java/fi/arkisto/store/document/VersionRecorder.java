package fi.arkisto.store.document;

import fi.arkisto.store.audit.AuditEntry;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The metadata transaction of archiving (invariants 3-5 (docs/invariants.md)): locks the version being replaced and re-checks that
 * it is still the set's active head, inserts the new versions with the parties a mutual case's topic document names (the primary key and the unique set and version settle
 * concurrent submissions, never two rows), marks the replaced versions REPLACED and appends the audit events, all in
 * one commit. The objects are stored before this runs (invariant 2).
 */
final class VersionRecorder {

    private static final Logger log = LoggerFactory.getLogger(VersionRecorder.class);

    /**
     * A version to record, and the version it replaces (null for version 1); a replaced version is locked when stored.
     * {@code rewrite} writes the version's object again, should the orphan sweep have deleted its key meanwhile.
     */
    record Entry(NewVersion version, String previousOid, boolean previousStored, Runnable rewrite) {
    }

    private final DocumentRepository documents;
    private final MutualCaseParties parties;
    private final ObjectLocks locks;
    private final AuditLog audit;
    private final TransactionTemplate transaction;

    VersionRecorder(DocumentRepository documents, AuditLog audit, PlatformTransactionManager transactionManager) {
        this.documents = documents;
        this.parties = new MutualCaseParties(documents.jdbc());
        this.locks = new ObjectLocks(documents.jdbc());
        this.audit = audit;
        // archiving is a unit of its own: durable when it returns, whatever the caller's transaction does
        // (a migration chunk that rolls back resubmits, and identical resubmissions are duplicates)
        this.transaction = new TransactionTemplate(transactionManager);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** Records {@code entries} with {@code events} in one transaction. */
    Recording record(List<Entry> entries, List<AuditEntry> events) {
        try {
            transaction.executeWithoutResult(status -> {
                documents.limitLockWaits();
                rewriteSwept(entries);
                for (Entry entry : entries) {
                    if (entry.previousStored()) {
                        lockPrevious(entry.previousOid());
                    }
                }
                List<NewVersion> versions = entries.stream().map(Entry::version).toList();
                insert(versions);
                parties.insert(versions);
                for (Entry entry : entries) {
                    if (entry.previousOid() != null && documents.markReplaced(entry.previousOid(),
                            entry.version().metadata().documentOid().value(), entry.version().archivedAt()) != 1) {
                        throw new ConcurrentSubmission();
                    }
                }
                audit.appendAll(events);
            });
            return new Recording.Recorded();
        } catch (ConcurrentSubmission e) {
            return new Recording.Raced();
        } catch (ArchiveException e) {
            return new Recording.Failed(e);
        } catch (DataAccessException | TransactionException e) {
            // TransactionException: the commit or rollback itself failed (the server stopped mid-transaction)
            return new Recording.Failed(new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE,
                    "The metadata could not be recorded: " + rootMessage(e), e));
        }
    }

    /**
     * Holds the objects' buckets against the orphan sweep until the commit, and writes again each object whose key it
     * deleted lately: the write may have come just before the sweep's delete (ObjectLocks).
     */
    private void rewriteSwept(List<Entry> entries) {
        Set<String> swept = locks.lockForRecording(entries.stream().map(e -> e.version().objectKey()).toList());
        Set<String> rewritten = new HashSet<>();
        for (Entry entry : entries) {
            if (swept.contains(entry.version().objectKey()) && rewritten.add(entry.version().objectKey())) {
                log.warn("The orphan sweep deleted object {} lately; writing it again before version {} is recorded",
                        entry.version().objectKey(), entry.version().metadata().documentOid());
                entry.rewrite().run();
            }
        }
    }

    private void insert(List<NewVersion> versions) {
        int[] counts = documents.insertIfAbsent(versions);
        boolean unknown = false;
        for (int count : counts) {
            if (count == 0) {
                throw new ConcurrentSubmission();
            }
            unknown |= count < 0;
        }
        if (unknown) {
            // a rewritten batch does not say which rows it skipped: check that every row is ours
            Map<String, StoredDocument> rows = new HashMap<>();
            documents.findAll(versions.stream().map(v -> v.metadata().documentOid().value()).toList())
                    .forEach(s -> rows.put(s.document().oid().value(), s));
            for (NewVersion v : versions) {
                StoredDocument row = rows.get(v.metadata().documentOid().value());
                if (row == null || !row.document().sha256().equals(v.sha256())
                        || !row.document().archivedAt().equals(v.archivedAt())) {
                    throw new ConcurrentSubmission();
                }
            }
        }
    }

    /** Re-checks under a row lock that the version being replaced is still the set's active head. */
    private void lockPrevious(String previousOid) {
        StoredDocument previous = documents.findForUpdate(previousOid).orElseThrow(ConcurrentSubmission::new);
        if (previous.document().status() != DocumentStatus.ACTIVE) {
            throw new ConcurrentSubmission();
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    /** Signals that a concurrent submission changed the rows this one depends on; rolls the transaction back. */
    private static final class ConcurrentSubmission extends RuntimeException {
        ConcurrentSubmission() {
            super(null, null, false, false);
        }
    }
}
