package fi.arkisto.store.document;

import fi.arkisto.store.cda.CdaParser;
import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.object.ObjectStore;
import org.springframework.dao.DataAccessException;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The archive's own reads of archived documents, for the facts of its decisions (who serves a client, what a denial
 * names). Nothing read here is handed to a user, so these reads are not audited; whatever decision they feed is.
 * Content comes from the object store, checked against the SHA-256 recorded in PostgreSQL; a structured form once read
 * is kept for the version ({@link VerifiedStructuredForms}).
 */
public class DocumentLookup {

    private final ObjectStore objects;
    private final CdaParser parser;
    private final DocumentRepository documents;
    // the client facts of every list and read come from here: an object read and a parse per client relationship
    // document each time cost more than the list itself
    private final VerifiedStructuredForms structuredForms = new VerifiedStructuredForms(4_096);

    public DocumentLookup(ObjectStore objects, CdaParser parser, DataSource dataSource) {
        this.objects = Objects.requireNonNull(objects);
        this.parser = Objects.requireNonNull(parser);
        this.documents = new DocumentRepository(dataSource);
    }

    /** A document version by its OID. */
    public Optional<ArchivedDocument> find(String documentOid) {
        try {
            return documents.find(documentOid).map(StoredDocument::document);
        } catch (DataAccessException e) {
            throw new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE, "The document could not be read", e);
        }
    }

    /**
     * The current, valid version of every set of the client in the document group, in any register, with its structured
     * form: a replaced version is not current, and a set whose current version is nullified has none.
     */
    public List<CurrentStructuredForm> currentOfClientGroup(String clientId, String documentGroup) {
        List<StoredDocument> stored;
        try {
            stored = documents.activeOfClientGroup(clientId, documentGroup);
        } catch (DataAccessException e) {
            throw new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE, "The client's documents could not be read", e);
        }
        return withStructuredForms(stored);
    }

    /**
     * The current, valid version of every set in the document group of one controller's register, with its structured
     * form, ordered by client.
     */
    public List<CurrentStructuredForm> currentOfControllerGroup(String controllerOid, String documentGroup) {
        List<StoredDocument> stored;
        try {
            stored = documents.activeOfControllerGroup(controllerOid, documentGroup);
        } catch (DataAccessException e) {
            throw new ArchiveException(ErrorCode.STORAGE_UNAVAILABLE, "The register's documents could not be read", e);
        }
        return withStructuredForms(stored);
    }

    private List<CurrentStructuredForm> withStructuredForms(List<StoredDocument> stored) {
        long limit = parser.limits().maxDocumentBytes();
        List<CurrentStructuredForm> current = new ArrayList<>(stored.size());
        for (StoredDocument document : stored) {
            if (document.document().size() > limit) {
                throw new ArchiveException(ErrorCode.CLIENT_FACTS_UNREADABLE, "Document " + document.document().oid()
                        + " has " + document.document().size() + " bytes, above the in-memory limit of " + limit);
            }
            current.add(new CurrentStructuredForm(document.document(), structuredForms.get(document.document(),
                    () -> parser.readArchived(objects.get(document.objectKey(), document.document().sha256()))
                            .structuredForm())));
        }
        return current;
    }
}
