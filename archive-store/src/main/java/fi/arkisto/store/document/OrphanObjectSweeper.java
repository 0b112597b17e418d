package fi.arkisto.store.document;

import fi.arkisto.store.object.ObjectStore;
import fi.arkisto.store.object.StoredObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Removes stray objects: bytes written to the object store whose metadata transaction never
 * committed (a crash or a database failure between the PUT and the commit; invariant 2 (docs/invariants.md)).
 * Only objects older than the grace period are considered, so an archiving in flight is never
 * robbed of its object; each candidate is re-checked just before deletion, because
 * content-addressed keys may be written again by a new submission of the same bytes. The re-check and the delete
 * run under the key's bucket lock ({@link ObjectLocks}), with the deletion recorded first: an archiving that wrote
 * the same key meanwhile waits for the lock in its metadata transaction, learns of the deletion and writes the object
 * again before it commits, so no archived version points at a deleted object.
 */
public class OrphanObjectSweeper {

    private static final Logger log = LoggerFactory.getLogger(OrphanObjectSweeper.class);

    private final ObjectStore objects;
    private final DocumentRepository documents;
    private final ObjectLocks locks;
    private final Clock clock;
    private final Duration gracePeriod;

    public OrphanObjectSweeper(ObjectStore objects, DataSource dataSource, Clock clock, Duration gracePeriod) {
        this.objects = objects;
        this.documents = new DocumentRepository(dataSource);
        this.locks = new ObjectLocks(dataSource);
        this.clock = clock;
        this.gracePeriod = gracePeriod;
    }

    /** Deletes unreferenced document objects older than the grace period; returns their keys. */
    public List<String> sweep() {
        return sweep(new Tally());
    }

    /**
     * The same, counting into {@code tally} as it goes, so that a sweep cut short by an outage still tells how far
     * it got and what it removed.
     */
    public List<String> sweep(Tally tally) {
        Instant cutoff = clock.instant().minus(gracePeriod);
        List<String> candidates = new ArrayList<>();
        objects.list(ObjectStore.DOCUMENT_PREFIX, object -> {
            tally.examined++;
            if (isOlder(object, cutoff) && !documents.referencesObject(object.key())) {
                candidates.add(object.key());
            }
        });
        for (String key : candidates) {
            boolean removed = locks.whileSweeping(key, deletion -> {
                boolean stillStray = objects.describe(key).filter(o -> isOlder(o, cutoff)).isPresent()
                        && !documents.referencesObject(key);
                if (stillStray) {
                    deletion.run();
                    objects.delete(key);
                }
                return stillStray;
            });
            if (removed) {
                tally.removed.add(key);
            }
        }
        if (!tally.removed.isEmpty()) {
            log.info("Removed {} stray objects that no archived document references", tally.removed.size());
        }
        return List.copyOf(tally.removed);
    }

    /** What one sweep examined and removed so far. */
    public static final class Tally {
        private int examined;
        private final List<String> removed = new ArrayList<>();

        /** Document objects listed. */
        public int examined() {
            return examined;
        }

        /** Keys of the objects deleted, in order. */
        public List<String> removed() {
            return List.copyOf(removed);
        }
    }

    private static boolean isOlder(StoredObject object, Instant cutoff) {
        return object.lastModified() != null && !object.lastModified().isAfter(cutoff);
    }
}
