package fi.arkisto.store.object;

import java.time.Instant;

/** One object as listed by the store: its key, size and last modification (for the orphan sweeper). */
public record StoredObject(String key, long size, Instant lastModified) {
}
