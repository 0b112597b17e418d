package fi.arkisto.store.document;

import fi.arkisto.store.access.facts.ClientFacts;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.audit.AuditEntry;
import fi.arkisto.store.cda.DocumentMetadata;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskExecutor;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The bulk path (the legacy migration, file-drop packages): prepares the documents in parallel, writes their objects
 * with bounded parallelism, then records every stored version with {@link VersionRecorder} in one transaction (one
 * JDBC batch, one batched audit append). Each item keeps every rule of the single path: the same preparation, the
 * same {@link VersionPlanner} walked over each set in version order from its archived head, object before metadata.
 * One bad item never fails the others; when the batch cannot commit as one, its items are archived one by one.
 */
final class BulkArchiver {

    private static final Logger log = LoggerFactory.getLogger(BulkArchiver.class);

    private final DocumentPreparation preparation;
    private final DocumentRepository documents;
    private final ArchiveAccess access;
    private final DocumentObjects objects;
    private final VersionRecorder recorder;
    private final ArchivingAudit audit;
    private final DocumentArchiver single;
    private final Clock clock;
    private final ParallelStages stages;
    private final int storageConcurrency;

    BulkArchiver(DocumentPreparation preparation, DocumentRepository documents, ArchiveAccess access,
                 DocumentObjects objects, VersionRecorder recorder, ArchivingAudit audit, DocumentArchiver single,
                 Clock clock, TaskExecutor executor, int storageConcurrency) {
        this.preparation = preparation;
        this.documents = documents;
        this.access = access;
        this.objects = objects;
        this.recorder = recorder;
        this.audit = audit;
        this.single = single;
        this.clock = clock;
        this.stages = new ParallelStages(executor);
        this.storageConcurrency = Math.max(1, storageConcurrency);
    }

    /**
     * Prepares every document in parallel (preparation is CPU work: one worker per core).
     *
     * @param submissionChecks one per document (null for none), the checks of what its submission says beside it
     */
    List<Preparation> prepareAll(List<byte[]> cdas, List<DocumentCheck> submissionChecks, Intake intake) {
        Preparation[] prepared = new Preparation[cdas.size()];
        stages.run(IntStream.range(0, cdas.size()).boxed().toList(), Runtime.getRuntime().availableProcessors(), i -> {
            DocumentCheck check = submissionChecks == null ? null : submissionChecks.get(i);
            prepared[i] = preparation.prepare(new DocumentContent.InMemory(cdas.get(i)), intake,
                    check == null ? List.of() : List.of(check));
        });
        return Arrays.asList(prepared);
    }

    /** @return one result per preparation, in order */
    List<BulkResult> archiveAll(List<Preparation> prepared, RequestContext context) {
        if (prepared.isEmpty()) {
            return List.of();
        }
        List<Item> items = new ArrayList<>(prepared.size());
        for (int i = 0; i < prepared.size(); i++) {
            items.add(new Item(i, prepared.get(i)));
        }
        List<Item> live = items.stream().filter(c -> !c.failed()).toList();
        List<Item> planned = plan(live, context);

        // store the bytes; a version whose batch predecessor could not be stored cannot be recorded either
        stages.run(planned, storageConcurrency, this::store);
        stages.run(live.stream().filter(c -> c.fate instanceof Fate.Duplicate).toList(), storageConcurrency,
                c -> objects.heal(c.document(), ((Fate.Duplicate) c.fate).stored()));
        List<Item> ready = new ArrayList<>();
        for (Item c : planned) {
            Item previous = ((Fate.Fresh) c.fate).previousInBatch();
            if (!c.failed() && previous != null && previous.failed()) {
                c.error = new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE, "Version "
                        + c.document().metadata().versionNumber() + " replaces a version of this batch that could not be stored");
            }
            if (!c.failed()) {
                ready.add(c);
            }
        }
        ready.sort(Comparator.comparingInt(c -> c.index));
        Set<Item> readySet = Collections.newSetFromMap(new IdentityHashMap<>());
        readySet.addAll(ready);
        for (Item c : live) {
            if (c.fate instanceof Fate.SameAs same && (same.first().failed() || !readySet.contains(same.first()))) {
                c.error = same.first().error;
            }
        }

        Instant at = NewVersion.now(clock);
        Map<Item, NewVersion> recorded = new LinkedHashMap<>();
        List<VersionRecorder.Entry> entries = new ArrayList<>(ready.size());
        for (Item c : ready) {
            NewVersion version = NewVersion.of(c.document(), context, at);
            recorded.put(c, version);
            Fate.Fresh fresh = (Fate.Fresh) c.fate;
            Preparation.Prepared document = c.document();
            entries.add(new VersionRecorder.Entry(version, fresh.previousOid(), fresh.previousStored(),
                    () -> objects.store(document)));
        }
        List<AuditEntry> events = items.stream().map(c -> c.auditEntry(context, recorded.containsKey(c))).toList();
        Recording recording = recorder.record(entries, events);
        BulkResult[] results = new BulkResult[items.size()];
        if (recording instanceof Recording.Recorded) {
            for (Item c : items) {
                results[c.index] = c.result(recorded);
            }
            return List.of(results);
        }
        // a concurrent change or one failing row must not fail the others: settle them one by one,
        // where each item meets the same rules on its own (a database that is down fails each quickly)
        log.info("Bulk archiving of {} versions could not commit as one ({}); archiving them one by one", ready.size(),
                recording instanceof Recording.Failed failed ? failed.error().detail() : "concurrent change");
        return oneByOne(items, recorded, context);
    }

    /**
     * Identical or conflicting OIDs, against the archive and within the list (the first one wins), then the version
     * plan of each set in version order from its archived head.
     *
     * @return the items to store and record, in set and version order
     */
    private List<Item> plan(List<Item> live, RequestContext context) {
        // the sets' heads are read before the OIDs are looked up (see DocumentArchiver)
        Map<String, SetHead> heads = new HashMap<>();
        documents.currentOfSets(live.stream().map(c -> c.document().metadata().setId()).distinct().toList())
                .forEach(s -> heads.put(s.document().metadata().setId(), SetHead.of(s)));
        Map<String, StoredDocument> existing = new HashMap<>();
        documents.findAll(live.stream().map(c -> c.document().documentOid()).distinct().toList())
                .forEach(s -> existing.put(s.document().oid().value(), s));
        // each decided before any answer for it (see DocumentArchiver); a refused item goes no further
        Function<String, ClientFacts> clients = access.clientFacts();
        List<Item> allowed = new ArrayList<>(live.size());
        for (Item c : live) {
            StoredDocument stored = existing.get(c.document().documentOid());
            ArchiveAccess.Decided decided = access.archiving(context, c.document(),
                    heads.get(c.document().metadata().setId()),
                    stored != null && stored.document().sha256().equals(c.document().sha256()), clients);
            if (decided.allowed()) {
                c.decision = decided.description();
                allowed.add(c);
            } else {
                c.error = decided.refusal();
            }
        }
        Map<String, Item> firstByOid = new HashMap<>();
        List<Item> fresh = new ArrayList<>();
        for (Item c : allowed) {
            StoredDocument stored = existing.get(c.document().documentOid());
            Item first = firstByOid.putIfAbsent(c.document().documentOid(), c);
            if (stored != null) {
                if (stored.document().sha256().equals(c.document().sha256())) {
                    c.fate = new Fate.Duplicate(stored);
                } else {
                    c.error = DocumentArchiver.conflict(c.document());
                }
            } else if (first != null) {
                if (first.document().sha256().equals(c.document().sha256())) {
                    c.fate = new Fate.SameAs(first);
                } else {
                    c.error = DocumentArchiver.conflict(c.document());
                }
            } else {
                fresh.add(c);
            }
        }
        fresh.sort(Comparator.comparing((Item c) -> c.document().metadata().setId())
                .thenComparingInt(c -> c.document().metadata().versionNumber()).thenComparingInt(c -> c.index));
        Map<String, Item> headInBatch = new HashMap<>();
        List<Item> planned = new ArrayList<>();
        for (Item c : fresh) {
            DocumentMetadata m = c.document().metadata();
            VersionPlan plan = VersionPlanner.plan(heads.get(m.setId()), m);
            if (plan instanceof VersionPlan.Refused refused) {
                c.error = refused.error();
                continue;
            }
            Item previousInBatch = plan instanceof VersionPlan.Replaces ? headInBatch.get(m.setId()) : null;
            String previousOid = plan instanceof VersionPlan.Replaces replaces ? replaces.head().oid() : null;
            c.fate = new Fate.Fresh(previousOid, previousOid != null && previousInBatch == null, previousInBatch);
            heads.put(m.setId(), SetHead.of(m, context.organisation().value()));
            headInBatch.put(m.setId(), c);
            planned.add(c);
        }
        return planned;
    }

    private void store(Item c) {
        try {
            objects.store(c.document());
        } catch (ArchiveException e) {
            c.error = e;
        }
    }

    /** After a batch that could not commit: each stored item on its own, in version order, refusals audited together. */
    private List<BulkResult> oneByOne(List<Item> items, Map<Item, NewVersion> recorded, RequestContext context) {
        BulkResult[] results = new BulkResult[items.size()];
        List<AuditEntry> refusals = new ArrayList<>();
        for (Item c : items) {
            if (!recorded.containsKey(c) && !(c.fate instanceof Fate.SameAs)) {
                refusals.add(c.auditEntry(context, false));
                results[c.index] = c.result(recorded);
            }
        }
        // a set's earlier version is archived before its replacement
        List<Item> ordered = new ArrayList<>(recorded.keySet());
        ordered.sort(Comparator.comparingInt((Item c) -> c.document().metadata().versionNumber())
                .thenComparingInt(c -> c.index));
        for (Item c : ordered) {
            try {
                results[c.index] = new BulkResult(c.index, single.archive(c.preparation, context), null);
            } catch (ArchiveException e) {
                results[c.index] = new BulkResult(c.index, null, e);
            }
        }
        for (Item c : items) {
            if (c.fate instanceof Fate.SameAs same) {
                BulkResult first = results[same.first().index];
                results[c.index] = first.succeeded()
                        ? new BulkResult(c.index, new ArchiveOutcome(first.outcome().document(), false), null)
                        : new BulkResult(c.index, null, first.error());
                refusals.add(first.succeeded()
                        ? ArchivingAudit.duplicate(context, c.preparation,
                                ArchivingAudit.IDENTICAL_TO_EARLIER_ITEM + "; " + c.decision)
                        : ArchivingAudit.refused(context, c.preparation, first.error()));
            }
        }
        audit.appendQuietly(refusals);
        return List.of(results);
    }

    /** What the bulk path decided for an item that was prepared. */
    private sealed interface Fate {
        /** The identical version is already archived. */
        record Duplicate(StoredDocument stored) implements Fate {
        }

        /** An earlier item of the list has the same OID and bytes. */
        record SameAs(Item first) implements Fate {
        }

        /** A new version; {@code previousInBatch} when the version it replaces is an earlier item of the list. */
        record Fresh(String previousOid, boolean previousStored, Item previousInBatch) implements Fate {
        }
    }

    /**
     * One item on its way through the stages. Confined to the thread running the stage that owns it; the stages hand
     * items on only through completed futures (happens-before).
     */
    private final class Item {
        final int index;
        final Preparation preparation;
        Fate fate;
        ArchiveException error;
        /** The words of the access decision that allowed it, once decided. */
        String decision;

        Item(int index, Preparation preparation) {
            this.index = index;
            this.preparation = preparation;
            if (preparation instanceof Preparation.Refused refused) {
                error = refused.error();
            }
        }

        Preparation.Prepared document() {
            return (Preparation.Prepared) preparation;
        }

        boolean failed() {
            return error != null;
        }

        AuditEntry auditEntry(RequestContext context, boolean created) {
            if (created) {
                return ArchivingAudit.created(context, document(), ((Fate.Fresh) fate).previousOid(), decision);
            }
            if (!failed() && (fate instanceof Fate.Duplicate || fate instanceof Fate.SameAs)) {
                return ArchivingAudit.duplicate(context, preparation, (fate instanceof Fate.Duplicate
                        ? ArchivingAudit.IDENTICAL_TO_ARCHIVED : ArchivingAudit.IDENTICAL_TO_EARLIER_ITEM) + "; " + decision);
            }
            return ArchivingAudit.refused(context, preparation, error);
        }

        BulkResult result(Map<Item, NewVersion> recorded) {
            if (failed()) {
                return new BulkResult(index, null, error);
            }
            if (fate instanceof Fate.Duplicate duplicate) {
                return new BulkResult(index, new ArchiveOutcome(duplicate.stored().document(), false), null);
            }
            if (fate instanceof Fate.SameAs same) {
                return new BulkResult(index, new ArchiveOutcome(recorded.get(same.first()).toArchived(), false), null);
            }
            return new BulkResult(index, new ArchiveOutcome(recorded.get(this).toArchived(), true), null);
        }
    }
}
