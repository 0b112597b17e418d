package fi.arkisto.store.document;

import fi.arkisto.store.access.AccessAction;
import fi.arkisto.store.access.AccessDecision;
import fi.arkisto.store.access.AccessPolicy;
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
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Reads archived documents for an acting organisation. Every call is decided by the
 * {@link AccessPolicy} (invariant 6 (docs/invariants.md)) and appends an audit event, SUCCESS, DENIED or
 * NOT_FOUND, which is committed before any data is returned (invariant 5). Content comes from the
 * object store and is checked against the SHA-256 recorded in PostgreSQL; the original bytes stay
 * the single source of truth, so the display form is decoded from them on each read.
 */
public class DocumentReadService {

    private final ObjectStore objects;
    private final AuditLog audit;
    private final AccessPolicy policy;
    private final CdaParser parser;
    private final DocumentRepository documents;

    public DocumentReadService(ObjectStore objects, AuditLog audit, AccessPolicy policy, CdaParser parser,
                               DataSource dataSource) {
        this.objects = Objects.requireNonNull(objects);
        this.audit = Objects.requireNonNull(audit);
        this.policy = Objects.requireNonNull(policy);
        this.parser = Objects.requireNonNull(parser);
        this.documents = new DocumentRepository(dataSource);
    }

    /** The extracted metadata and the archive's facts (status, SHA-256, size, archiving time). */
    public ArchivedDocument metadata(DocumentOid oid, RequestContext context) {
        StoredDocument stored = permitted(oid, context, AuditOperation.READ_METADATA);
        succeeded(context, AuditOperation.READ_METADATA, stored, null);
        return stored.document();
    }

    /** The original bytes exactly as archived (byte-exact), verified against their SHA-256. */
    public StoredContent content(DocumentOid oid, RequestContext context) {
        StoredDocument stored = permitted(oid, context, AuditOperation.READ_CONTENT);
        requireInMemory(stored, "openContent");
        byte[] bytes = objects.get(stored.objectKey(), stored.document().sha256());
        succeeded(context, AuditOperation.READ_CONTENT, stored, null);
        return new StoredContent(bytes, stored.document().sha256(), stored.document());
    }

    /**
     * The original bytes as a verified stream, for documents of any size; audited like {@link #content}: the event
     * is committed before the stream is returned. The caller closes it.
     */
    public ContentStream openContent(DocumentOid oid, RequestContext context) {
        StoredDocument stored = permitted(oid, context, AuditOperation.READ_CONTENT);
        ArchivedDocument document = stored.document();
        InputStream in = objects.open(stored.objectKey(), document.sha256(), document.size());
        try {
            succeeded(context, AuditOperation.READ_CONTENT, stored, null);
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
        StoredDocument stored = permitted(oid, context, AuditOperation.READ_DISPLAY);
        requireInMemory(stored, null);
        byte[] bytes = objects.get(stored.objectKey(), stored.document().sha256());
        ParsedDocument parsed = parser.readArchived(bytes);
        succeeded(context, AuditOperation.READ_DISPLAY, stored, null);
        return new DisplayForm(parsed.displayForm(), parsed.displayMediaType(), stored.document());
    }

    /**
     * A client's current documents (replaced versions left out; nullified ones included with their
     * status) in the acting organisation's own register, newest first by effective time.
     */
    public ClientDocumentsPage clientDocuments(String clientId, ClientDocumentsQuery query, RequestContext context) {
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(query, "query");
        // Clients are found by their personal identity code; a malformed one names nobody (INVALID_IDENTITY_CODE).
        PersonalIdentityCode.of(clientId);
        String register = context.organisation().value();
        AccessDecision decision = policy.decide(context, AccessAction.LIST, register);
        if (!decision.permitted()) {
            append(new AuditEntry(context, AuditOperation.LIST_CLIENT_DOCUMENTS, null, clientId, AuditOutcome.DENIED,
                    decision.reason()));
            throw new ArchiveException(ErrorCode.ACCESS_DENIED, decision.reason());
        }
        ClientDocumentsPage page;
        try {
            page = documents.clientDocuments(clientId, register, query);
        } catch (DataAccessException e) {
            throw new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE, "The documents could not be listed", e);
        }
        append(new AuditEntry(context, AuditOperation.LIST_CLIENT_DOCUMENTS, null, clientId, AuditOutcome.SUCCESS,
                "register " + register + ", page " + query.page() + " of size " + query.size() + ", "
                        + page.items().size() + " of " + page.total() + " documents" + describeFilters(query)));
        return page;
    }

    private StoredDocument permitted(DocumentOid oid, RequestContext context, AuditOperation operation) {
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
        AccessDecision decision = policy.decide(context, AccessAction.READ, stored.controllerOid());
        if (!decision.permitted()) {
            append(new AuditEntry(context, operation, oid.value(), stored.clientId(), AuditOutcome.DENIED,
                    decision.reason()));
            throw new ArchiveException(ErrorCode.ACCESS_DENIED, decision.reason());
        }
        return stored;
    }

    private void succeeded(RequestContext context, AuditOperation operation, StoredDocument stored, String detail) {
        append(new AuditEntry(context, operation, stored.document().oid().value(), stored.clientId(),
                AuditOutcome.SUCCESS, detail));
    }

    /** Commits the event on its own; if it cannot be written, no data leaves (STORAGE_UNAVAILABLE). */
    private void append(AuditEntry entry) {
        audit.appendCommitted(entry);
    }

    private static String describeFilters(ClientDocumentsQuery q) {
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
