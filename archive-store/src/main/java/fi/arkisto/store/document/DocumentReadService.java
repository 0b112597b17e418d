package fi.arkisto.store.document;

import fi.arkisto.store.access.AccessRules;
import fi.arkisto.store.access.ClientFactsSource;
import fi.arkisto.store.access.decision.DenialReason;
import fi.arkisto.store.access.decision.Disclosure;
import fi.arkisto.store.access.extract.DocumentFactsReader;
import fi.arkisto.store.access.extract.StageOneClassifier;
import fi.arkisto.store.access.nondisclosure.LocationDataFields;
import fi.arkisto.store.access.nondisclosure.MaskedStructuredForm;
import fi.arkisto.store.access.registeraccess.UnitOrganisation;
import fi.arkisto.store.actor.RequestContext;
import fi.arkisto.store.audit.AuditEntry;
import fi.arkisto.store.audit.AuditLog;
import fi.arkisto.store.audit.AuditOperation;
import fi.arkisto.store.audit.AuditOutcome;
import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.cda.DocumentOid;
import fi.arkisto.store.cda.ParsedDocument;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.PersonalIdentityCode;
import fi.arkisto.store.object.ObjectStore;
import org.springframework.dao.DataAccessException;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * Reads archived documents for an acting organisation. A read of one document by its identifier is decided by the
 * one access decision ({@link AccessRules}, invariant 6 (docs/invariants.md); docs/access.md, "Reading one document")
 * over the stored version's facts and the facts of its client, and appends an audit event, SUCCESS, DENIED or
 * NOT_FOUND, with the decision's basis, use context and asserted rights, committed before any data is returned
 * (invariant 5). Content comes from the object store and is checked against the SHA-256 recorded in PostgreSQL; the
 * original bytes stay the single source of truth, so the display form is decoded from them on each read. A document
 * disclosed with its location data masked ({@link Disclosure#STRUCTURED_FORM_MASKED}) is read as metadata with the
 * masked structured form only: its original and display form are withheld (PROTECTED_LOCATION_DATA_WITHHELD).
 * A client's document list is decided by the same rules, row by row from the recorded facts
 * ({@code ClientDocumentsList}; docs/access.md, "A client's document list").
 */
public class DocumentReadService {

    private final ObjectStore objects;
    private final AuditLog audit;
    private final CdaParser parser;
    private final DocumentRepository documents;
    private final VersionFacts versionFacts;
    private final ReadAccess access;
    private final LocationDataFields locationData;
    private final ClientDocumentsList list;

    /**
     * @param units        a service unit's organisation (the author's organisation of the facts)
     * @param readExecutor where a list's audit event is appended while its page is read
     */
    public DocumentReadService(ObjectStore objects, AuditLog audit, AccessRules rules, ClientFactsSource clients,
                               UnitOrganisation units, CdaParser parser, DataSource dataSource, Clock clock,
                               Executor readExecutor) {
        this.objects = Objects.requireNonNull(objects);
        this.audit = Objects.requireNonNull(audit);
        this.parser = Objects.requireNonNull(parser);
        this.documents = new DocumentRepository(dataSource);
        var keys = rules.properties().nonDisclosure();
        this.locationData = new LocationDataFields(keys.personKeys(), keys.locationKeys());
        StageOneClassifier stageOne = new StageOneClassifier(rules.properties().stageTwo().startDays());
        this.versionFacts = new VersionFacts(objects, parser, new DocumentFactsReader(units, locationData), stageOne,
                new MutualCaseParties(documents.jdbc()));
        this.access = new ReadAccess(rules, clients, clock);
        this.list = new ClientDocumentsList(documents, audit, rules, clients, stageOne, clock, readExecutor);
    }

    /**
     * Every reason the access decision may refuse a read of one document with; each is answered as the
     * {@link ErrorCode} of the same name.
     */
    public static Set<DenialReason> readDenials() {
        return ReadAccess.READ_DENIALS;
    }

    /** The extracted metadata and the archive's facts (status, SHA-256, size, archiving time). */
    public ArchivedDocument metadata(DocumentOid oid, RequestContext context) {
        return disclosedMetadata(oid, context).document();
    }

    /**
     * The metadata with the basis it was read on and what of the document may leave; under
     * {@link Disclosure#STRUCTURED_FORM_MASKED} with the masked structured form, the masked fields named in the
     * audit event.
     */
    public DisclosedMetadata disclosedMetadata(DocumentOid oid, RequestContext context) {
        return disclosedMetadata(oid, context, null);
    }

    /**
     * A citizen's read of the metadata of their own document (request kind CITIZEN_READ), audited as the citizen's
     * own use ({@link CitizenReads}).
     *
     * @throws ArchiveException DOCUMENT_NOT_FOUND, or the code of the citizen's view that refuses it
     *                          ({@link #citizenReadDenials()}); each audited
     */
    public DisclosedMetadata citizenMetadata(DocumentOid oid, PersonalIdentityCode citizen) {
        return disclosedMetadata(oid, CitizenReads.context(citizen), citizen.value());
    }

    private DisclosedMetadata disclosedMetadata(DocumentOid oid, RequestContext context, String citizen) {
        Permitted read = permitted(oid, context, AuditOperation.READ_METADATA, citizen);
        MaskedStructuredForm masked = null;
        String detail = read.decided().description();
        if (read.disclosure() == Disclosure.STRUCTURED_FORM_MASKED) {
            masked = masked(read.loaded());
            detail += masked == null ? "; structured form withheld" : "; masked " + masked.maskedPointers();
        }
        succeeded(context, AuditOperation.READ_METADATA, read.loaded().stored(), detail);
        return new DisclosedMetadata(read.loaded().stored().document(), read.decided().verdict().basis(),
                read.disclosure(), masked, read.loaded().facts().mutualCase(), read.loaded().stored().assignedController());
    }

    /** The original bytes exactly as archived (byte-exact), verified against their SHA-256. */
    public StoredContent content(DocumentOid oid, RequestContext context) {
        Permitted read = wholeDocument(oid, context, AuditOperation.READ_CONTENT, null);
        StoredDocument stored = read.loaded().stored();
        requireInMemory(stored, "openContent");
        succeeded(context, AuditOperation.READ_CONTENT, stored, read.decided().description());
        return new StoredContent(read.loaded().bytes(), stored.document().sha256(), stored.document());
    }

    /**
     * The original bytes as a verified stream, for documents of any size; audited like {@link #content}: the event
     * is committed before the stream is returned. The caller closes it.
     */
    public ContentStream openContent(DocumentOid oid, RequestContext context) {
        Permitted read = wholeDocument(oid, context, AuditOperation.READ_CONTENT, null);
        StoredDocument stored = read.loaded().stored();
        ArchivedDocument document = stored.document();
        InputStream in = objects.open(stored.objectKey(), document.sha256(), document.size());
        try {
            succeeded(context, AuditOperation.READ_CONTENT, stored, read.decided().description());
        } catch (RuntimeException e) {
            closeQuietly(in);
            throw e;
        }
        return new ContentStream(in, document.sha256(), document.size(), document);
    }

    /** A document above the in-memory limit is never read into the heap (issue 5); nothing has left yet. */
    private void requireInMemory(StoredDocument stored, String instead) {
        long limit = parser.limits().maxDocumentBytes();
        if (stored.document().size() > limit) {
            throw new ArchiveException(ErrorCode.DOCUMENT_TOO_LARGE, "The document has " + stored.document().size()
                    + " bytes, above the in-memory limit of " + limit + (instead == null ? "" : "; read it with " + instead));
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException e) {
            // nothing was handed out; the audit failure is what the caller sees
        }
    }

    /** The decoded display form ({@code nonXMLBody/text}) of the archived original bytes. */
    public DisplayForm displayForm(DocumentOid oid, RequestContext context) {
        return displayForm(oid, context, null);
    }

    /** A citizen's read of the display form of their own document, decided and audited as {@link #citizenMetadata}. */
    public DisplayForm citizenDisplayForm(DocumentOid oid, PersonalIdentityCode citizen) {
        return displayForm(oid, CitizenReads.context(citizen), citizen.value());
    }

    /**
     * A guardian's read of a minor's display form on the minor's behalf (docs/access.md, "A guardian on a minor's
     * behalf"): the caller has established that the token issuer verified the guardianship; the citizen's view
     * decides the rest (the minor's age, non-disclosure, the minor's refusal). Audited as the guardian's use.
     */
    public DisplayForm guardianDisplayForm(DocumentOid oid, PersonalIdentityCode guardian, PersonalIdentityCode minor) {
        return displayForm(oid, CitizenReads.guardianContext(guardian), minor.value());
    }

    /** A guardian's read of a minor's document's metadata on the minor's behalf, as {@link #guardianDisplayForm}. */
    public DisclosedMetadata guardianMetadata(DocumentOid oid, PersonalIdentityCode guardian,
                                              PersonalIdentityCode minor) {
        return disclosedMetadata(oid, CitizenReads.guardianContext(guardian), minor.value());
    }

    /** A minor's documents the citizen's view shows their guardian, as {@link #citizenDocuments}. */
    public ClientDocumentsPage guardianDocuments(PersonalIdentityCode guardian, PersonalIdentityCode minor,
                                                 ClientDocumentsQuery query) {
        Objects.requireNonNull(query, "query");
        return list.citizenList(guardian.value(), minor.value(), query, CitizenReads.guardianContext(guardian));
    }

    private DisplayForm displayForm(DocumentOid oid, RequestContext context, String citizen) {
        Permitted read = wholeDocument(oid, context, AuditOperation.READ_DISPLAY, citizen);
        StoredDocument stored = read.loaded().stored();
        requireInMemory(stored, null);
        ParsedDocument parsed = read.loaded().parsed();
        succeeded(context, AuditOperation.READ_DISPLAY, stored, read.decided().description());
        return new DisplayForm(parsed.displayForm(), parsed.displayMediaType(), stored.document());
    }

    /**
     * A client's current documents (replaced versions left out; nullified ones included with their status) in the
     * acting organisation's registers ({@link ClientDocumentsScope#REGISTERS}), newest first by effective time.
     */
    public ClientDocumentsPage clientDocuments(String clientId, ClientDocumentsQuery query, RequestContext context) {
        return clientDocuments(clientId, query, ClientDocumentsScope.REGISTERS, context);
    }

    /**
     * A client's current documents in the scope's registers that the access decision allows, newest first by effective
     * time, each with its basis and disclosure (docs/access.md, "A client's document list"); one audit event records
     * the listing.
     *
     * @throws ArchiveException INVALID_IDENTITY_CODE (not audited: it names nobody), USE_CONTEXT_UNKNOWN,
     *                          USE_CONTEXT_NOT_FOR_SHARING, USE_CONTEXT_NOT_FOR_REGISTER_LIST,
     *                          BROAD_SEARCH_JUSTIFICATION_UNKNOWN (each audited as denied), CLIENT_FACTS_UNREADABLE
     */
    public ClientDocumentsPage clientDocuments(String clientId, ClientDocumentsQuery query, ClientDocumentsScope scope,
                                               RequestContext context) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(scope, "scope");
        // Clients are found by their personal identity code; a malformed one names nobody (INVALID_IDENTITY_CODE).
        PersonalIdentityCode.of(clientId);
        return list.list(clientId, query, scope, context);
    }

    /**
     * The citizen's own current documents and those of the mutual cases they are a party of, in every register, that
     * the citizen's view shows (request kind CITIZEN_LIST), newest first by effective time; one audit event records the
     * listing as the citizen's own use.
     */
    public ClientDocumentsPage citizenDocuments(PersonalIdentityCode citizen, ClientDocumentsQuery query) {
        Objects.requireNonNull(citizen, "citizen");
        Objects.requireNonNull(query, "query");
        return list.citizenList(citizen.value(), citizen.value(), query, CitizenReads.context(citizen));
    }

    /**
     * Every reason the citizen's view may refuse a citizen's read of one document with; each is answered as the
     * {@link ErrorCode} of the same name.
     */
    public static Set<DenialReason> citizenReadDenials() {
        return ReadAccess.CITIZEN_READ_DENIALS;
    }

    /** An allowed read: the version with its facts, and the decision. */
    private record Permitted(VersionFacts.Loaded loaded, ReadAccess.Decided decided) {

        Disclosure disclosure() {
            return decided.verdict().disclosure();
        }
    }

    /**
     * @param citizen for a citizen's read (request kind CITIZEN_READ) whose documents are read, the citizen or the
     *                minor they act for as guardian; null for a professional's (PROFESSIONAL_READ)
     */
    private Permitted permitted(DocumentOid oid, RequestContext context, AuditOperation operation, String citizen) {
        Objects.requireNonNull(oid, "oid");
        Objects.requireNonNull(context, "context");
        StoredDocument stored;
        try {
            stored = documents.find(oid.value()).orElse(null);
        } catch (DataAccessException e) {
            throw new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE, "The document could not be read", e);
        }
        if (stored == null) {
            append(new AuditEntry(context, operation, oid.value(), null, AuditOutcome.NOT_FOUND, null));
            throw new ArchiveException(ErrorCode.DOCUMENT_NOT_FOUND, "No document " + oid.value());
        }
        VersionFacts.Loaded loaded = versionFacts.load(stored);
        ReadAccess.Decided decided = access.decide(context, loaded.facts(), citizen);
        if (!decided.allowed()) {
            append(new AuditEntry(context, operation, oid.value(), stored.clientId(), AuditOutcome.DENIED,
                    decided.description()));
            throw new ArchiveException(decided.code(), "Reading document " + oid.value() + " is refused: "
                    + decided.verdict().denial().title());
        }
        return new Permitted(loaded, decided);
    }

    /**
     * A read of the original or the display form: only under {@link Disclosure#FULL}. A masked disclosure withholds
     * both, since the display form is signed free XHTML in which protected parts cannot be located reliably, and the
     * original carries both forms (docs/access.md, "Reading one document").
     */
    private Permitted wholeDocument(DocumentOid oid, RequestContext context, AuditOperation operation,
                                    String citizen) {
        Permitted read = permitted(oid, context, operation, citizen);
        if (read.disclosure() != Disclosure.FULL) {
            ErrorCode code = ErrorCode.PROTECTED_LOCATION_DATA_WITHHELD;
            append(new AuditEntry(context, operation, oid.value(), read.loaded().stored().clientId(),
                    AuditOutcome.DENIED, code.name() + " under " + read.decided().description()));
            throw new ArchiveException(code, "Document " + oid.value() + " carries location data of a person under "
                    + "non-disclosure for safety reasons; read its metadata for the masked structured form");
        }
        return read;
    }

    /** The structured form with the protected location fields nulled, or null when there is none to read. */
    private MaskedStructuredForm masked(VersionFacts.Loaded loaded) {
        if (loaded.parsed() == null) {
            return null;
        }
        byte[] structured = loaded.parsed().structuredForm();
        return structured == null || structured.length == 0 ? null : locationData.mask(structured);
    }

    private void succeeded(RequestContext context, AuditOperation operation, StoredDocument stored, String detail) {
        append(new AuditEntry(context, operation, stored.document().oid().value(), stored.clientId(),
                AuditOutcome.SUCCESS, detail));
    }

    /** Commits the event on its own; if it cannot be written, no data leaves (STORAGE_UNAVAILABLE). */
    private void append(AuditEntry entry) {
        audit.appendCommitted(entry);
    }

    static String describeFilters(ClientDocumentsQuery q) {
        StringBuilder filters = new StringBuilder();
        if (q.serviceTask() != null) {
            filters.append(", service task ").append(q.serviceTask());
        }
        if (q.documentGroup() != null) {
            filters.append(", document group ").append(q.documentGroup());
        }
        if (q.caseId() != null) {
            filters.append(", case ").append(q.caseId());
        }
        if (q.from() != null) {
            filters.append(", from ").append(q.from());
        }
        if (q.to() != null) {
            filters.append(", to ").append(q.to());
        }
        return filters.toString();
    }
}
