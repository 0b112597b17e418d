package fi.arkisto.store.document;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.object.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a prepared document's bytes to the object store before its metadata is recorded (invariant 2 (docs/invariants.md)), under
 * the key of its SHA-256, so identical bytes share one object and stored bytes are never rewritten.
 */
final class DocumentObjects {

    private static final Logger log = LoggerFactory.getLogger(DocumentObjects.class);

    private final ObjectStore objects;

    DocumentObjects(ObjectStore objects) {
        this.objects = objects;
    }

    /** @throws ArchiveException STORAGE_UNAVAILABLE or STORED_OBJECT_CORRUPT; nothing was recorded */
    void store(Preparation.Prepared document) {
        document.content().storeIn(objects, ObjectStore.documentKey(document.sha256()), document.sha256(), document.size());
    }

    /**
     * An identical resubmission carries the very bytes the metadata points at: if their object went missing (swept in
     * the sweeper's residual window, or lost by the store), write it back.
     */
    void heal(Preparation.Prepared document, StoredDocument stored) {
        try {
            if (!objects.exists(stored.objectKey())) {
                log.warn("Object of archived document {} was missing; restored it from an identical resubmission",
                        document.documentOid());
                document.content().storeIn(objects, stored.objectKey(), document.sha256(), document.size());
            }
        } catch (ArchiveException e) {
            log.warn("Could not check the object of archived document {}", document.documentOid(), e);
        }
    }
}
