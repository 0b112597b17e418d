package fi.arkisto.store.document;

import fi.arkisto.store.access.AccessProperties;
import fi.arkisto.store.access.AccessRules;
import fi.arkisto.store.access.ClientFactsSource;
import fi.arkisto.store.access.decision.DenialReason;
import fi.arkisto.store.access.extract.DocumentFactsReader;
import fi.arkisto.store.access.nondisclosure.LocationDataFields;
import fi.arkisto.store.access.registeraccess.UnitOrganisation;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.object.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.task.TaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Archives Kanta CDA documents: parse, check, decide access, store the original bytes, record the metadata and
 * audit, keeping invariants 2-5 (docs/invariants.md):
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
 * A refusal ({@link ArchiveException}) changes nothing but the audit log. The work is done by
 * {@link DocumentPreparation} (parse, hash, checks), {@link DocumentArchiver} (one document: access, version plan,
 * object, {@link VersionRecorder}), {@link BulkArchiver} (many documents on the injected executor) and
 * {@link Nullification}; docs/write-path.md maps them.
 */
public class ArchivingService {

    private static final Logger log = LoggerFactory.getLogger(ArchivingService.class);

    private final DocumentPreparation preparation;
    private final DocumentArchiver single;
    private final BulkArchiver bulk;
    private final Nullification nullification;
    private final Clock clock;

    /**
     * @param checks             archiving-stage checks, in the order they run
     * @param executor           runs the bulk path's parallel stages (preparation, object writes)
     * @param storageConcurrency parallel object-store writes of the bulk path
     * @param rules              the access rules every archiving and nullification is decided by (docs/access.md,
     *                           "Archiving and nullifying")
     * @param clients            the facts of a document's client, gathered when the rules say they can matter
     */
    public ArchivingService(CdaParser parser, List<DocumentCheck> checks, ObjectStore objects, AuditLog audit,
                            AccessRules rules, ClientFactsSource clients, DocumentRepository documents,
                            PlatformTransactionManager transactionManager, Clock clock, TaskExecutor executor,
                            int storageConcurrency) {
        this(parser, checks, objects, audit, rules, clients, documents, transactionManager, clock, executor,
                storageConcurrency, defaultFactsReader());
    }

    /**
     * @param facts reads each document's access facts once at preparation, recorded with its version (a service
     *              unit's organisation, the location-data keys: docs/access.md, "Per-version access facts")
     */
    public ArchivingService(CdaParser parser, List<DocumentCheck> checks, ObjectStore objects, AuditLog audit,
                            AccessRules rules, ClientFactsSource clients, DocumentRepository documents,
                            PlatformTransactionManager transactionManager, Clock clock, TaskExecutor executor,
                            int storageConcurrency, DocumentFactsReader facts) {
        this.clock = Objects.requireNonNull(clock, "clock");
        FactsReading reading = new FactsReading(facts);
        this.preparation = new DocumentPreparation(Objects.requireNonNull(parser, "parser"), checks, reading);
        ArchiveAccess access = new ArchiveAccess(rules, clients, reading, new MutualCaseParties(documents.jdbc()), clock);
        DocumentObjects stored = new DocumentObjects(Objects.requireNonNull(objects, "objects"));
        VersionRecorder recorder = new VersionRecorder(documents, Objects.requireNonNull(audit, "audit"), transactionManager);
        ArchivingAudit archivingAudit = new ArchivingAudit(audit);
        this.single = new DocumentArchiver(documents, access, stored, recorder, archivingAudit, clock);
        this.bulk = new BulkArchiver(preparation, documents, access, stored, recorder, archivingAudit, single, clock,
                Objects.requireNonNull(executor, "executor"), storageConcurrency);
        this.nullification = new Nullification(documents, audit, access, transactionManager, clock);
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
        return archive(prepare(cda, intake), context);
    }

    /**
     * Reads one document for archiving: parses it once, hashes it once, runs {@code submissionChecks} (what the
     * submission says beside the document: a frame's summary of it, a migration row's client) and then every
     * archiving-stage check. Changes nothing; {@link #archive(Preparation, RequestContext)} archives the result.
     */
    public Preparation prepare(byte[] cda, Intake intake, DocumentCheck... submissionChecks) {
        return prepare(cda, null, intake, submissionChecks);
    }

    /**
     * {@link #prepare(byte[], Intake, DocumentCheck...)} for bytes whose SHA-256 the channel computed while reading
     * them (the file drop's fingerprint), so they are not hashed again here; null computes it.
     */
    public Preparation prepare(byte[] cda, String sha256, Intake intake, DocumentCheck... submissionChecks) {
        Objects.requireNonNull(intake, "intake");
        return preparation.prepare(new DocumentContent.InMemory(Objects.requireNonNull(cda, "cda"), sha256), intake,
                List.of(submissionChecks));
    }

    /**
     * Archives a prepared document acting for {@code context}; a refusal is audited and thrown.
     *
     * @return the archived version; {@code created=false} when identical bytes were already archived
     * @throws ArchiveException with the refusal's code; nothing but the audit log changed
     */
    public ArchiveOutcome archive(Preparation prepared, RequestContext context) {
        Objects.requireNonNull(prepared, "prepared");
        Objects.requireNonNull(context, "context");
        return single.archive(prepared, context);
    }

    /**
     * Archives one document version from a file, in constant memory whatever its size (a single 1 GB file streams
     * through), with every rule, check and outcome of {@link #archive(byte[], RequestContext)}. A file no
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
        return archive(cda, context, intake, null);
    }

    /**
     * {@link #archive(Path, RequestContext, Intake)} with the check of what the submission says beside the document
     * ({@link #prepare}), or null for none.
     */
    public ArchiveOutcome archive(Path cda, RequestContext context, Intake intake, DocumentCheck submissionCheck) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(intake, "intake");
        Path display = null;
        try {
            if (Files.size(cda) <= preparation.parser().limits().maxDocumentBytes()) {
                return archive(submissionCheck == null ? prepare(Files.readAllBytes(cda), intake)
                        : prepare(Files.readAllBytes(cda), intake, submissionCheck), context);
            }
            display = Files.createTempFile("arkisto-display-", ".tmp");
            return single.archive(preparation.prepare(new DocumentContent.Spooled(cda, display), intake,
                    submissionCheck == null ? List.of() : List.of(submissionCheck)), context);
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
        return archiveAll(cdas, null, context, intake);
    }

    /**
     * {@link #archiveAll(List, RequestContext, Intake)} with, per document, the check of what its submission says
     * beside it ({@link #prepare}; null for none).
     */
    public List<BulkResult> archiveAll(List<byte[]> cdas, List<DocumentCheck> submissionChecks, RequestContext context,
                                       Intake intake) {
        Objects.requireNonNull(context, "context");
        return archivePrepared(prepareAll(cdas, submissionChecks, intake), context);
    }

    /**
     * {@link #prepare} for many documents at once, in parallel on the archive's executor.
     *
     * @param submissionChecks one per document (null for none), or null for none at all
     * @return one preparation per document, in order
     */
    public List<Preparation> prepareAll(List<byte[]> cdas, List<DocumentCheck> submissionChecks, Intake intake) {
        Objects.requireNonNull(intake, "intake");
        for (int i = 0; i < cdas.size(); i++) {
            Objects.requireNonNull(cdas.get(i), "cda " + i);
        }
        if (submissionChecks != null && submissionChecks.size() != cdas.size()) {
            throw new IllegalArgumentException("one submission check (or null) per document");
        }
        return bulk.prepareAll(cdas, submissionChecks, intake);
    }

    /** The bulk path ({@link #archiveAll(List, RequestContext)}) for prepared documents acting for one context. */
    public List<BulkResult> archivePrepared(List<Preparation> prepared, RequestContext context) {
        Objects.requireNonNull(context, "context");
        return bulk.archiveAll(prepared, context);
    }

    /**
     * Declares a version void with a reason (seed: "nullification marks a document void with a
     * reason"). The version stays stored and retrievable; who, when and why are recorded.
     */
    public ArchivedDocument nullify(DocumentOid oid, String reason, RequestContext context) {
        Objects.requireNonNull(oid, "oid");
        Objects.requireNonNull(context, "context");
        return nullification.nullify(oid, reason, context);
    }

    /**
     * Every denial reason of the access rules archiving can answer, each as the {@link ErrorCode} of the same name
     * (docs/access.md, "Archiving and nullifying").
     */
    public static Set<DenialReason> archiveDenials() {
        return ArchiveAccess.ARCHIVE_DENIALS;
    }

    /** Every denial reason of the access rules a nullification can answer, each as the {@link ErrorCode} of the same name. */
    public static Set<DenialReason> nullifyDenials() {
        return ArchiveAccess.NULLIFY_DENIALS;
    }

    /** The facts reader of the default access settings, a unit's organisation by the OID rule. */
    public static DocumentFactsReader defaultFactsReader() {
        var keys = AccessProperties.defaults().nonDisclosure();
        return new DocumentFactsReader(UnitOrganisation.byRule(),
                new LocationDataFields(keys.personKeys(), keys.locationKeys()));
    }

    /** A caller that names no channel: judged as an online arrival now, the strict rules. */
    private Intake arrivingNow() {
        return Intake.unspecified(clock.instant());
    }
}
