package fi.arkisto.store.document;

import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Archives one prepared document (invariants 2-5 (docs/invariants.md)): the access decision, the identical or conflicting OID, the
 * version plan against the set's head, the object before the metadata, and the recorder's transaction; a concurrent
 * submission that wins the race is answered from what it stored. Every refusal is audited before it is thrown.
 */
final class DocumentArchiver {

    private final DocumentRepository documents;
    private final ArchiveAccess access;
    private final DocumentObjects objects;
    private final VersionRecorder recorder;
    private final ArchivingAudit audit;
    private final Clock clock;

    DocumentArchiver(DocumentRepository documents, ArchiveAccess access, DocumentObjects objects, VersionRecorder recorder,
                     ArchivingAudit audit, Clock clock) {
        this.documents = documents;
        this.access = access;
        this.objects = objects;
        this.recorder = recorder;
        this.audit = audit;
        this.clock = clock;
    }

    /** @throws ArchiveException the refusal, audited; nothing else changed */
    ArchiveOutcome archive(Preparation preparation, RequestContext context) {
        if (preparation instanceof Preparation.Refused refused) {
            throw audit.refuse(context, refused, refused.error());
        }
        Preparation.Prepared document = (Preparation.Prepared) preparation;
        // the set's head is read before the OID is looked up: a concurrent archiving of this very
        // document is then either seen by the lookup, or not in the head and caught by the insert
        SetHead head = documents.currentOfSet(document.metadata().setId()).map(SetHead::of).orElse(null);
        Optional<StoredDocument> existing = documents.find(document.documentOid());
        // decided before any answer, so that a refused writer learns nothing of what is archived
        ArchiveAccess.Decided decided = access.archiving(context, document, head,
                existing.isPresent() && existing.get().document().sha256().equals(document.sha256()),
                access.clientFacts());
        if (!decided.allowed()) {
            throw audit.refuse(context, document, decided.refusal());
        }
        if (existing.isPresent()) {
            return answerExisting(document, existing.get(), context, decided.description());
        }
        VersionPlan plan = VersionPlanner.plan(head, document.metadata());
        if (plan instanceof VersionPlan.Refused refused) {
            throw audit.refuse(context, document, refused.error());
        }
        String previousOid = plan instanceof VersionPlan.Replaces replaces ? replaces.head().oid() : null;
        try {
            objects.store(document);
        } catch (ArchiveException e) {
            throw audit.refuse(context, document, e);
        }
        NewVersion version = NewVersion.of(document, context, NewVersion.now(clock));
        Recording recording = recorder.record(List.of(new VersionRecorder.Entry(version, previousOid, previousOid != null,
                        () -> objects.store(document))),
                List.of(ArchivingAudit.created(context, document, previousOid, decided.description())));
        if (recording instanceof Recording.Failed failed) {
            throw audit.refuse(context, document, failed.error());
        }
        if (recording instanceof Recording.Raced) {
            return settleConcurrent(document, context, decided.description());
        }
        return new ArchiveOutcome(version.toArchived(), true);
    }

    private ArchiveOutcome answerExisting(Preparation.Prepared document, StoredDocument stored, RequestContext context,
                                          String decision) {
        if (stored.document().sha256().equals(document.sha256())) {
            objects.heal(document, stored);
            audit.appendDuplicate(context, document, decision);
            return new ArchiveOutcome(stored.document(), false);
        }
        throw audit.refuse(context, document, conflict(document));
    }

    /** Another submission won the race for this OID or this set and version: answer from what it stored. */
    private ArchiveOutcome settleConcurrent(Preparation.Prepared document, RequestContext context, String decision) {
        Optional<StoredDocument> stored = documents.find(document.documentOid());
        if (stored.isPresent()) {
            return answerExisting(document, stored.get(), context, decision);
        }
        DocumentMetadata m = document.metadata();
        Optional<StoredDocument> head = documents.currentOfSet(m.setId());
        if (head.isPresent() && head.get().document().status() == DocumentStatus.NULLIFIED
                && head.get().document().metadata().versionNumber() == m.versionNumber() - 1) {
            throw audit.refuse(context, document, new ArchiveException(ErrorCode.DOCUMENT_NULLIFIED, "Version "
                    + (m.versionNumber() - 1) + " of set " + m.setId() + " was nullified while its replacement was archived"));
        }
        throw audit.refuse(context, document, new ArchiveException(ErrorCode.VERSION_CONFLICT, "Set " + m.setId()
                + " changed while version " + m.versionNumber() + " was archived"
                + head.map(h -> "; it is now at version " + h.document().metadata().versionNumber()
                + " (" + h.document().metadata().documentOid() + ", " + h.document().status() + ")").orElse("")));
    }

    static ArchiveException conflict(Preparation document) {
        return new ArchiveException(ErrorCode.DOCUMENT_CONFLICT, "Document " + document.documentOid()
                + " is already archived with different content");
    }
}
