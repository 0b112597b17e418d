package fi.arkisto.store.document;

import fi.arkisto.store.access.AccessAction;
import fi.arkisto.store.access.AccessDecision;
import fi.arkisto.store.access.AccessPolicy;
import fi.arkisto.store.access.RequestContext;
import fi.arkisto.store.audit.AuditEntry;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.audit.AuditOperation;
import fi.arkisto.store.audit.AuditOutcome;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.object.ContentHash;
import fi.arkisto.store.object.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Archives Kanta CDA documents: parse, check, decide access, store the original bytes, record the
 * metadata and audit, keeping DESIGN invariants 2-5:
 * <ul>
 *   <li>2: the bytes are written to the object store and verified before the metadata transaction
 *       commits; a crash in between leaves only a stray object, removed by {@link OrphanObjectSweeper};</li>
 *   <li>3: the same version submitted again answers with the existing record ({@code created=false}),
 *       the same OID with other bytes is {@code DOCUMENT_CONFLICT}; concurrent submissions are
 *       settled by the primary key and unique (set, version) constraint, never by two rows;</li>
 *   <li>4: a new version of a set marks its predecessor {@code REPLACED} and nullification marks a
 *       version {@code NULLIFIED}; stored bytes are never rewritten or deleted;</li>
 *   <li>5: every outcome, refusals included, appends an audit event; a successful archiving's event
 *       commits in the same transaction as its metadata.</li>
 * </ul>
 * A refusal ({@link ArchiveException}) changes nothing but the audit log.
 */
public class ArchivingService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ArchivingService.class);

    private final CdaParser parser;
    private final List<DocumentCheck> checks;
    private final ObjectStore objects;
    private final AuditLog audit;
    private final AccessPolicy policy;
    private final DocumentRepository documents;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ExecutorService cpuPool;
    private final ExecutorService storagePool;

    /**
     * @param checks            archiving-stage checks, in the order they run
     * @param storageConcurrency parallel object-store writes of the bulk path
     */
    public ArchivingService(CdaParser parser, List<DocumentCheck> checks, ObjectStore objects, AuditLog audit,
                            AccessPolicy policy, DataSource dataSource, PlatformTransactionManager transactionManager,
                            Clock clock, int storageConcurrency) {
        this.parser = Objects.requireNonNull(parser);
        this.checks = List.copyOf(checks);
        this.objects = Objects.requireNonNull(objects);
        this.audit = Objects.requireNonNull(audit);
        this.policy = Objects.requireNonNull(policy);
        this.documents = new DocumentRepository(dataSource);
        // archiving is a unit of its own: durable when it returns, whatever the caller's transaction does
        // (a migration chunk that rolls back resubmits, and identical resubmissions are duplicates)
        this.transaction = new TransactionTemplate(transactionManager);
        this.transaction.setPropagationBehavior(org.springframework.transaction.TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
        this.cpuPool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
                daemonThreads("arkisto-archive-cpu"));
        this.storagePool = Executors.newFixedThreadPool(Math.max(1, storageConcurrency), daemonThreads("arkisto-archive-s3"));
    }

    /**
     * Archives one document version, judged as arriving now through an online channel ({@link Intake.Channel#UNSPECIFIED}).
     *
     * @return the archived version; {@code created=false} when identical bytes were already archived
     * @throws ArchiveException with the refusal's code; nothing but the audit log changed
     */
    public ArchiveOutcome archive(byte[] cda, RequestContext context) {
        return archive(cda, context, arrivingNow());
    }

    /**
     * Archives one document version that arrived as {@code intake} says (the channel and arrival time some checks
     * depend on, docs/trust.md).
     *
     * @return the archived version; {@code created=false} when identical bytes were already archived
     * @throws ArchiveException with the refusal's code; nothing but the audit log changed
     */
    public ArchiveOutcome archive(byte[] cda, RequestContext context, Intake intake) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(intake, "intake");
        return archive(new Candidate(0, Objects.requireNonNull(cda, "cda")), context, intake);
    }

    /**
     * Archives one document version from a file, in constant memory whatever its size (issue 5: "a single 1 GB file
     * streams through"), with every rule, check and outcome of {@link #archive(byte[], RequestContext)}. A file no
     * larger than the in-memory limit ({@code arkisto.cda.max-document-size}) is archived as bytes; a larger one is
     * read with its body streamed ({@link CdaParser#parse(Path, Path)}: the checks see the elided DOM, the signature
     * is verified against the digest computed while streaming, the display form is checked in a temporary file) and
     * stored from the file as a multipart upload. The file must not change until this returns (a change is caught
     * by the upload's SHA-256 and refused as STORED_OBJECT_CORRUPT); it is neither moved nor deleted.
     *
     * @throws ArchiveException with the refusal's code; nothing but the audit log changed
     */
    public ArchiveOutcome archive(Path cda, RequestContext context) {
        return archive(cda, context, arrivingNow());
    }

    /** {@link #archive(Path, RequestContext)} for a document that arrived as {@code intake} says. */
    public ArchiveOutcome archive(Path cda, RequestContext context, Intake intake) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(intake, "intake");
        Path display = null;
        try {
            if (Files.size(cda) <= parser.limits().maxDocumentBytes()) {
                return archive(Files.readAllBytes(cda), context, intake);
            }
            display = Files.createTempFile("arkisto-display-", ".tmp");
            return archive(new Candidate(0, cda, display), context, intake);
        } catch (IOException e) {
            throw new ArchiveException(ErrorCode.INVALID_REQUEST, "The document file cannot be read: " + e.getMessage(), e);
        } finally {
            if (display != null) {
                try {
                    Files.deleteIfExists(display);
                } catch (IOException e) {
                    log.warn("Could not delete the temporary display form {}", display, e);
                }
            }
        }
    }

    private ArchiveOutcome archive(Candidate candidate, RequestContext context, Intake intake) {
        prepare(candidate, intake);
        if (candidate.failed()) {
            throw refused(candidate, context);
        }
        decideWrite(candidate, context);
        if (candidate.failed()) {
            throw refused(candidate, context);
        }
        // the set's head is read before the OID is looked up: a concurrent archiving of this very
        // document is then either seen by the lookup, or not in the head and caught by the insert
        Head head = documents.currentOfSet(candidate.metadata().setId()).map(Head::of).orElse(null);
        Optional<StoredDocument> existing = documents.find(candidate.documentOid());
        if (existing.isPresent()) {
            return answerExisting(candidate, existing.get(), context);
        }
        planVersion(candidate, head, context);
        if (candidate.failed()) {
            throw refused(candidate, context);
        }
        store(candidate);
        if (candidate.failed()) {
            throw refused(candidate, context);
        }
        NewVersion version = newVersion(candidate, context, now());
        try {
            transaction.executeWithoutResult(status -> {
                limitLockWaits();
                if (candidate.previousStored != null) {
                    lockPrevious(candidate.previousStored.document().oid().value());
                }
                if (documents.insertIfAbsent(List.of(version))[0] == 0) {
                    throw new ConcurrentSubmission();
                }
                if (candidate.previousStored != null) {
                    documents.markReplaced(candidate.previousOid(), candidate.documentOid(), version.archivedAt());
                }
                audit.append(new AuditEntry(context, AuditOperation.ARCHIVE, candidate.documentOid(),
                        candidate.clientId(), AuditOutcome.SUCCESS, describeCreated(candidate)));
            });
        } catch (ConcurrentSubmission e) {
            return settleConcurrent(candidate, context);
        } catch (ArchiveException e) {
            candidate.error = e;
            throw refused(candidate, context);
        } catch (DataAccessException e) {
            candidate.error = new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE,
                    "The metadata could not be recorded: " + rootMessage(e), e);
            throw refused(candidate, context);
        }
        return new ArchiveOutcome(version.toArchived(), true);
    }

    /**
     * The bulk path (legacy migration): parses and checks in parallel, writes objects with bounded
     * parallelism, then records every stored version in one transaction with one JDBC batch and one
     * batched audit append. Each item keeps every rule of {@link #archive}; one bad item never fails
     * the others. Versions of one set may be in the same list in any order.
     *
     * @return one result per item, in the order submitted
     */
    public List<BulkResult> archiveAll(List<byte[]> cdas, RequestContext context) {
        return archiveAll(cdas, context, arrivingNow());
    }

    /** {@link #archiveAll(List, RequestContext)} for documents that all arrived as {@code intake} says. */
    public List<BulkResult> archiveAll(List<byte[]> cdas, RequestContext context, Intake intake) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(intake, "intake");
        if (cdas.isEmpty()) {
            return List.of();
        }
        List<Candidate> candidates = new ArrayList<>(cdas.size());
        for (int i = 0; i < cdas.size(); i++) {
            candidates.add(new Candidate(i, Objects.requireNonNull(cdas.get(i), "cda " + i)));
        }
        List<AuditEntry> events = new ArrayList<>();
        runAll(candidates, cpuPool, c -> {
            prepare(c, intake);
            if (!c.failed()) {
                decideWrite(c, context);
            }
        });
        List<Candidate> live = candidates.stream().filter(c -> !c.failed()).toList();

        // the sets' heads are read before the OIDs are looked up (see archive())
        Map<String, Head> heads = new HashMap<>();
        documents.currentOfSets(live.stream().map(c -> c.metadata().setId()).distinct().toList())
                .forEach(s -> heads.put(s.document().metadata().setId(), Head.of(s)));

        // identical or conflicting OIDs: against the archive, and within the list (first one wins)
        Map<String, StoredDocument> existing = new HashMap<>();
        documents.findAll(live.stream().map(Candidate::documentOid).distinct().toList())
                .forEach(s -> existing.put(s.document().oid().value(), s));
        Map<String, Candidate> firstByOid = new HashMap<>();
        List<Candidate> fresh = new ArrayList<>();
        for (Candidate c : live) {
            StoredDocument stored = existing.get(c.documentOid());
            Candidate first = firstByOid.putIfAbsent(c.documentOid(), c);
            if (stored != null) {
                if (stored.document().sha256().equals(c.sha256)) {
                    c.duplicate = new ArchiveOutcome(stored.document(), false);
                    c.existing = stored;
                } else {
                    c.error = conflict(c);
                }
            } else if (first != null) {
                if (first.sha256.equals(c.sha256)) {
                    c.sameAs = first;
                } else {
                    c.error = conflict(c);
                }
            } else {
                fresh.add(c);
            }
        }

        // version rules, walking each set in version order from its archived head
        List<Candidate> ordered = new ArrayList<>(fresh);
        ordered.sort(Comparator.comparing((Candidate c) -> c.metadata().setId())
                .thenComparingInt(c -> c.metadata().versionNumber()).thenComparingInt(c -> c.index));
        List<Candidate> planned = new ArrayList<>();
        for (Candidate c : ordered) {
            planVersion(c, heads.get(c.metadata().setId()), context);
            if (!c.failed()) {
                heads.put(c.metadata().setId(), Head.of(c));
                planned.add(c);
            }
        }

        // store the bytes; a version whose batch predecessor could not be stored cannot be recorded either
        runAll(planned, storagePool, this::store);
        runAll(live.stream().filter(c -> c.duplicate != null).toList(), storagePool, c -> heal(c, c.existing));
        List<Candidate> ready = new ArrayList<>();
        for (Candidate c : planned) {
            if (!c.failed() && c.previousInBatch != null && c.previousInBatch.failed()) {
                c.error = new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE, "Version " + c.metadata().versionNumber()
                        + " replaces a version of this batch that could not be stored");
            }
            if (!c.failed()) {
                ready.add(c);
            }
        }
        ready.sort(Comparator.comparingInt(c -> c.index));
        java.util.Set<Candidate> readySet = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        readySet.addAll(ready);
        for (Candidate c : live) {
            if (c.sameAs != null && (c.sameAs.failed() || !readySet.contains(c.sameAs))) {
                c.error = c.sameAs.error;
            }
        }

        Instant at = now();
        List<NewVersion> versions = ready.stream().map(c -> newVersion(c, context, at)).toList();
        Map<Candidate, NewVersion> recorded = new LinkedHashMap<>();
        for (int i = 0; i < ready.size(); i++) {
            recorded.put(ready.get(i), versions.get(i));
        }
        boolean committed = false;
        try {
            transaction.executeWithoutResult(status -> {
                limitLockWaits();
                for (Candidate c : ready) {
                    if (c.previousStored != null) {
                        lockPrevious(c.previousStored.document().oid().value());
                    }
                }
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
                    documents.findAll(ready.stream().map(Candidate::documentOid).toList())
                            .forEach(s -> rows.put(s.document().oid().value(), s));
                    for (NewVersion v : versions) {
                        StoredDocument row = rows.get(v.metadata().documentOid().value());
                        if (row == null || !row.document().sha256().equals(v.sha256())
                                || !row.document().archivedAt().equals(v.archivedAt())) {
                            throw new ConcurrentSubmission();
                        }
                    }
                }
                for (Candidate c : ready) {
                    if (c.previousOid() != null
                            && documents.markReplaced(c.previousOid(), c.documentOid(), at) != 1) {
                        throw new ConcurrentSubmission();
                    }
                }
                for (Candidate c : candidates) {
                    events.add(auditEntryFor(c, context, recorded.containsKey(c)));
                }
                audit.appendAll(events);
            });
            committed = true;
        } catch (ConcurrentSubmission | ArchiveException | DataAccessException e) {
            // a concurrent change or one failing row must not fail the others: settle them one by one,
            // where each item meets the same rules on its own (a database that is down fails each quickly)
            log.info("Bulk archiving of {} versions could not commit as one ({}); archiving them one by one",
                    ready.size(), e instanceof ConcurrentSubmission ? "concurrent change" : rootMessage(e));
        }

        BulkResult[] results = new BulkResult[candidates.size()];
        if (committed) {
            for (Candidate c : candidates) {
                results[c.index] = resultOf(c, recorded);
            }
            return List.of(results);
        }
        List<AuditEntry> refusals = new ArrayList<>();
        for (Candidate c : candidates) {
            if (!recorded.containsKey(c) && c.sameAs == null) {
                refusals.add(auditEntryFor(c, context, false));
                results[c.index] = resultOf(c, recorded);
            }
        }
        // one by one in version order, so a set's earlier version is archived before its replacement
        List<Candidate> oneByOne = new ArrayList<>(recorded.keySet());
        oneByOne.sort(Comparator.comparingInt((Candidate c) -> c.metadata().versionNumber()).thenComparingInt(c -> c.index));
        for (Candidate c : oneByOne) {
            try {
                results[c.index] = new BulkResult(c.index, archive(c.bytes, context, intake), null);
            } catch (ArchiveException e) {
                results[c.index] = new BulkResult(c.index, null, e);
            }
        }
        for (Candidate c : candidates) {
            if (c.sameAs != null) {
                BulkResult first = results[c.sameAs.index];
                results[c.index] = first.succeeded()
                        ? new BulkResult(c.index, new ArchiveOutcome(first.outcome().document(), false), null)
                        : new BulkResult(c.index, null, first.error());
                refusals.add(new AuditEntry(context, AuditOperation.ARCHIVE, c.documentOid(), c.clientId(),
                        first.succeeded() ? AuditOutcome.DUPLICATE : AuditOutcome.REJECTED,
                        first.succeeded() ? "identical to an earlier item of the batch" : describe(first.error())));
            }
        }
        appendQuietly(refusals);
        return List.of(results);
    }

    /**
     * Declares a version void with a reason (seed: "nullification marks a document void with a
     * reason"). The version stays stored and retrievable; who, when and why are recorded.
     */
    public ArchivedDocument nullify(DocumentOid oid, String reason, RequestContext context) {
        Objects.requireNonNull(oid, "oid");
        Objects.requireNonNull(context, "context");
        String documentOid = oid.value();
        if (reason == null || reason.isBlank()) {
            ArchiveException e = new ArchiveException(ErrorCode.NULLIFICATION_REASON_REQUIRED,
                    "A nullification of " + documentOid + " needs a reason");
            appendQuietly(List.of(new AuditEntry(context, AuditOperation.NULLIFY, documentOid, null,
                    AuditOutcome.REJECTED, describe(e))));
            throw e;
        }
        ArchiveException[] refusal = new ArchiveException[1];
        try {
            transaction.executeWithoutResult(status -> {
                limitLockWaits();
                Optional<StoredDocument> found = documents.findForUpdate(documentOid);
                if (found.isEmpty()) {
                    refusal[0] = new ArchiveException(ErrorCode.DOCUMENT_NOT_FOUND, "No document " + documentOid);
                    audit.append(new AuditEntry(context, AuditOperation.NULLIFY, documentOid, null,
                            AuditOutcome.NOT_FOUND, describe(refusal[0])));
                    return;
                }
                StoredDocument stored = found.get();
                AccessDecision decision = policy.decide(context, AccessAction.NULLIFY, stored.controllerOid());
                if (!decision.permitted()) {
                    refusal[0] = new ArchiveException(ErrorCode.ACCESS_DENIED, decision.reason());
                    audit.append(new AuditEntry(context, AuditOperation.NULLIFY, documentOid, stored.clientId(),
                            AuditOutcome.DENIED, decision.reason()));
                    return;
                }
                if (stored.document().status() == DocumentStatus.NULLIFIED) {
                    refusal[0] = new ArchiveException(ErrorCode.DOCUMENT_NULLIFIED, "Document " + documentOid
                            + " was already nullified");
                } else if (stored.document().status() == DocumentStatus.REPLACED) {
                    refusal[0] = new ArchiveException(ErrorCode.VERSION_CONFLICT, "Document " + documentOid
                            + " was replaced by a later version; only the current version of a set can be nullified");
                }
                if (refusal[0] != null) {
                    audit.append(new AuditEntry(context, AuditOperation.NULLIFY, documentOid, stored.clientId(),
                            AuditOutcome.REJECTED, describe(refusal[0])));
                    return;
                }
                documents.markNullified(documentOid, reason.strip(), context.organisation().value(), context.userId(), now());
                audit.append(new AuditEntry(context, AuditOperation.NULLIFY, documentOid, stored.clientId(),
                        AuditOutcome.SUCCESS, "reason: " + reason.strip()));
            });
        } catch (DataAccessException e) {
            throw new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE, "The nullification could not be recorded: "
                    + rootMessage(e), e);
        }
        if (refusal[0] != null) {
            throw refusal[0];
        }
        return documents.find(documentOid).map(StoredDocument::document).orElseThrow();
    }

    @Override
    public void close() {
        cpuPool.shutdown();
        storagePool.shutdown();
        try {
            storagePool.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- stages -------------------------------------------------------------------------------

    /** Parse, hash and run every archiving-stage check, in order; the first refusal stops. */
    private void prepare(Candidate c, Intake intake) {
        try {
            if (c.file != null) {
                c.parsed = parser.parse(c.file, c.displayFile);
                if (!c.parsed.isStreamed()) {
                    throw new ArchiveException(ErrorCode.INVALID_REQUEST, "The document file changed while it was archived");
                }
                c.sha256 = c.parsed.streamed().sha256();
                c.size = c.parsed.streamed().size();
            } else {
                c.parsed = parser.parse(c.bytes);
                c.sha256 = ContentHash.sha256Hex(c.bytes);
                c.size = c.bytes.length;
            }
            c.report = new ValidationReport();
            for (DocumentCheck check : checks) {
                check.check(c.parsed, intake, c.report);
            }
        } catch (ArchiveException e) {
            c.error = e;
        } catch (RuntimeException e) {
            // a check's bug must not pass a document unchecked, nor fail the other items of a bulk list
            log.error("Archiving-stage check failed unexpectedly on item {}", c.index, e);
            c.error = new ArchiveException(ErrorCode.INVALID_REQUEST, "The document could not be checked: " + e, e);
        }
    }

    private void decideWrite(Candidate c, RequestContext context) {
        AccessDecision decision = policy.decide(context, AccessAction.ARCHIVE, c.metadata().controllerOid());
        if (!decision.permitted()) {
            c.error = new ArchiveException(ErrorCode.ACCESS_DENIED, decision.reason());
        }
    }

    /**
     * Version rules (seed: replacement): version 1 starts a set; version n+1 replaces the set's
     * current version n, needs {@code reasonOfCorrection}, cannot replace a nullified version, and
     * must name that version when it names the document it replaces.
     */
    private void planVersion(Candidate c, Head head, RequestContext context) {
        DocumentMetadata m = c.metadata();
        if (m.versionNumber() == 1) {
            if (head != null) {
                c.error = new ArchiveException(ErrorCode.VERSION_CONFLICT, "Set " + m.setId()
                        + " already has version " + head.version + "; a new version must be " + (head.version + 1));
            }
            return;
        }
        if (m.reasonOfCorrection() == null || m.reasonOfCorrection().isBlank()) {
            c.error = new ArchiveException(ErrorCode.CORRECTION_REASON_REQUIRED, "Version " + m.versionNumber()
                    + " of set " + m.setId() + " replaces an earlier version and needs hl7fi:reasonOfCorrection");
            return;
        }
        if (head == null) {
            c.error = new ArchiveException(ErrorCode.VERSION_CONFLICT, "Set " + m.setId() + " has no archived version "
                    + (m.versionNumber() - 1) + " for version " + m.versionNumber() + " to replace");
            return;
        }
        if (head.status == DocumentStatus.NULLIFIED) {
            c.error = new ArchiveException(ErrorCode.DOCUMENT_NULLIFIED, "Version " + head.version + " of set "
                    + m.setId() + " (" + head.oid + ") was nullified and cannot be replaced");
            return;
        }
        if (head.version != m.versionNumber() - 1 || head.status != DocumentStatus.ACTIVE) {
            c.error = new ArchiveException(ErrorCode.VERSION_CONFLICT, "Set " + m.setId() + " is at version "
                    + head.version + "; version " + m.versionNumber() + " does not follow it");
            return;
        }
        if (m.replacesDocumentOid() != null && !m.replacesDocumentOid().equals(head.oid)) {
            c.error = new ArchiveException(ErrorCode.VERSION_CONFLICT, "The document names " + m.replacesDocumentOid()
                    + " as the version it replaces, but the current version of set " + m.setId() + " is " + head.oid);
            return;
        }
        AccessDecision decision = policy.decide(context, AccessAction.ARCHIVE, head.controller);
        if (!decision.permitted()) {
            c.error = new ArchiveException(ErrorCode.ACCESS_DENIED, "The version to replace is in another register: "
                    + decision.reason());
            return;
        }
        c.previousStored = head.stored;
        c.previousInBatch = head.candidate;
    }

    private void store(Candidate c) {
        try {
            put(ObjectStore.documentKey(c.sha256), c);
        } catch (ArchiveException e) {
            c.error = e;
        }
    }

    /**
     * An identical resubmission carries the very bytes the metadata points at: if their object went
     * missing (swept in the sweeper's residual window, or lost by the store), write it back.
     */
    private void heal(Candidate c, StoredDocument stored) {
        try {
            if (!objects.exists(stored.objectKey())) {
                log.warn("Object of archived document {} was missing; restored it from an identical resubmission",
                        c.documentOid());
                put(stored.objectKey(), c);
            }
        } catch (ArchiveException e) {
            log.warn("Could not check the object of archived document {}", c.documentOid(), e);
        }
    }

    private void put(String key, Candidate c) {
        if (c.file != null) {
            objects.put(key, c.file, c.size, c.sha256);
        } else {
            objects.put(key, c.bytes, c.sha256);
        }
    }

    private void limitLockWaits() {
        documents.limitLockWaits();
    }

    /** Re-checks under a row lock that the version being replaced is still the set's active head. */
    private void lockPrevious(String previousOid) {
        StoredDocument previous = documents.findForUpdate(previousOid).orElseThrow(ConcurrentSubmission::new);
        if (previous.document().status() != DocumentStatus.ACTIVE) {
            throw new ConcurrentSubmission();
        }
    }

    private ArchiveOutcome answerExisting(Candidate c, StoredDocument stored, RequestContext context) {
        if (stored.document().sha256().equals(c.sha256)) {
            heal(c, stored);
            audit.appendCommitted(new AuditEntry(context, AuditOperation.ARCHIVE, c.documentOid(), c.clientId(),
                    AuditOutcome.DUPLICATE, "identical to the archived version"));
            return new ArchiveOutcome(stored.document(), false);
        }
        c.error = conflict(c);
        throw refused(c, context);
    }

    /** Another submission won the race for this OID or this set and version: answer from what it stored. */
    private ArchiveOutcome settleConcurrent(Candidate c, RequestContext context) {
        Optional<StoredDocument> stored = documents.find(c.documentOid());
        if (stored.isPresent()) {
            return answerExisting(c, stored.get(), context);
        }
        Optional<StoredDocument> head = documents.currentOfSet(c.metadata().setId());
        if (head.isPresent() && head.get().document().status() == DocumentStatus.NULLIFIED
                && head.get().document().metadata().versionNumber() == c.metadata().versionNumber() - 1) {
            c.error = new ArchiveException(ErrorCode.DOCUMENT_NULLIFIED, "Version " + (c.metadata().versionNumber() - 1)
                    + " of set " + c.metadata().setId() + " was nullified while its replacement was archived");
            throw refused(c, context);
        }
        c.error = new ArchiveException(ErrorCode.VERSION_CONFLICT, "Set " + c.metadata().setId()
                + " changed while version " + c.metadata().versionNumber() + " was archived"
                + head.map(h -> "; it is now at version " + h.document().metadata().versionNumber()
                + " (" + h.document().metadata().documentOid() + ", " + h.document().status() + ")").orElse(""));
        throw refused(c, context);
    }

    // ---- helpers ------------------------------------------------------------------------------

    private ArchiveException refused(Candidate c, RequestContext context) {
        appendQuietly(List.of(auditEntryFor(c, context, false)));
        return c.error;
    }

    private AuditEntry auditEntryFor(Candidate c, RequestContext context, boolean created) {
        if (created) {
            return new AuditEntry(context, AuditOperation.ARCHIVE, c.documentOid(), c.clientId(), AuditOutcome.SUCCESS,
                    describeCreated(c));
        }
        if (!c.failed() && (c.duplicate != null || c.sameAs != null)) {
            return new AuditEntry(context, AuditOperation.ARCHIVE, c.documentOid(), c.clientId(), AuditOutcome.DUPLICATE,
                    c.duplicate != null ? "identical to the archived version" : "identical to an earlier item of the batch");
        }
        AuditOutcome outcome = c.error != null && c.error.code() == ErrorCode.ACCESS_DENIED
                ? AuditOutcome.DENIED : AuditOutcome.REJECTED;
        return new AuditEntry(context, AuditOperation.ARCHIVE, c.documentOid(), c.clientId(), outcome, describe(c.error));
    }

    private static BulkResult resultOf(Candidate c, Map<Candidate, NewVersion> recorded) {
        if (c.failed()) {
            return new BulkResult(c.index, null, c.error);
        }
        if (c.duplicate != null) {
            return new BulkResult(c.index, c.duplicate, null);
        }
        if (c.sameAs != null) {
            return new BulkResult(c.index, new ArchiveOutcome(recorded.get(c.sameAs).toArchived(), false), null);
        }
        return new BulkResult(c.index, new ArchiveOutcome(recorded.get(c).toArchived(), true), null);
    }

    private NewVersion newVersion(Candidate c, RequestContext context, Instant at) {
        return new NewVersion(c.metadata(), c.sha256, c.size, ObjectStore.documentKey(c.sha256), at, context,
                c.report.warnings(), c.report.signatures());
    }

    private static String describeCreated(Candidate c) {
        return c.previousOid() == null ? "version " + c.metadata().versionNumber()
                : "version " + c.metadata().versionNumber() + " replacing " + c.previousOid();
    }

    private static ArchiveException conflict(Candidate c) {
        return new ArchiveException(ErrorCode.DOCUMENT_CONFLICT, "Document " + c.documentOid()
                + " is already archived with different content");
    }

    private static String describe(ArchiveException e) {
        return e == null ? null : e.code().name() + ": " + e.detail();
    }

    private void appendQuietly(List<AuditEntry> entries) {
        try {
            audit.appendAllCommitted(entries);
        } catch (ArchiveException e) {
            // the refusal itself is what the caller must see; a failing audit store is logged loudly
            log.error("Could not audit {} refused submissions", entries.size(), e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** A caller that names no channel: judged as an online arrival now, the strict rules. */
    private Intake arrivingNow() {
        return Intake.unspecified(clock.instant());
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static void runAll(List<Candidate> candidates, ExecutorService pool, Consumer<Candidate> stage) {
        if (candidates.size() == 1) {
            stage.accept(candidates.get(0));
            return;
        }
        CompletableFuture.allOf(candidates.stream()
                .map(c -> CompletableFuture.runAsync(() -> stage.accept(c), pool))
                .toArray(CompletableFuture[]::new)).join();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The current head of a set: archived, or an earlier item of the same bulk list. */
    private record Head(String oid, int version, DocumentStatus status, String controller, StoredDocument stored,
                        Candidate candidate) {

        static Head of(StoredDocument s) {
            return new Head(s.document().oid().value(), s.document().metadata().versionNumber(), s.document().status(),
                    s.controllerOid(), s, null);
        }

        static Head of(Candidate c) {
            return new Head(c.documentOid(), c.metadata().versionNumber(), DocumentStatus.ACTIVE,
                    c.metadata().controllerOid(), null, c);
        }
    }

    /** Signals that a concurrent submission changed the rows this one depends on; rolls the transaction back. */
    private static final class ConcurrentSubmission extends RuntimeException {
        ConcurrentSubmission() {
            super(null, null, false, false);
        }
    }
}
