package fi.arkisto.store.document;

import fi.arkisto.store.object.ObjectStore;

import java.nio.file.Path;

/**
 * The bytes of one submitted document: held in memory, or a file above the in-memory limit that is read with its
 * body streamed and stored as a multipart upload (invariant 2 (docs/invariants.md): stored unchanged, verified by its SHA-256).
 */
sealed interface DocumentContent {

    /** Writes these bytes to the object store under {@code key}, verified against {@code sha256}. */
    void storeIn(ObjectStore objects, String key, String sha256, long size);

    /**
     * A document read whole.
     *
     * @param sha256 its hex SHA-256 when the channel computed it while reading the bytes, else null (computed here);
     *               the object store verifies the bytes against it before anything is recorded
     */
    record InMemory(byte[] bytes, String sha256) implements DocumentContent {

        InMemory(byte[] bytes) {
            this(bytes, null);
        }

        @Override
        public void storeIn(ObjectStore objects, String key, String sha256, long size) {
            objects.put(key, bytes, sha256);
        }
    }

    /** A document read from {@code file}, its decoded display form written to {@code displayFile} while it is read. */
    record Spooled(Path file, Path displayFile) implements DocumentContent {
        @Override
        public void storeIn(ObjectStore objects, String key, String sha256, long size) {
            objects.put(key, file, size, sha256);
        }
    }
}
