package fi.arkisto.store.document;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The structured forms of archived versions read for the archive's own decisions, kept once read: a version's bytes
 * never change once archived (docs/invariants.md, invariants 3 and 4) and were verified against the SHA-256 recorded
 * with it, so a version read again is answered from here instead of the object store and a new parse. Which versions
 * are current is still asked of PostgreSQL on every request. Bounded, least recently used first out.
 */
final class VerifiedStructuredForms {

    /** No structured form, kept as such (a document without one states no facts). */
    private static final byte[] NONE = new byte[0];

    private final Map<String, byte[]> forms;

    VerifiedStructuredForms(int capacity) {
        this.forms = new LinkedHashMap<>(Math.min(capacity, 1_024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The version's structured form, or null when it has none; {@code read} reads and verifies it when not kept. */
    byte[] get(ArchivedDocument version, Supplier<byte[]> read) {
        String key = version.oid().value() + ' ' + version.sha256();
        byte[] form;
        synchronized (forms) {
            form = forms.get(key);
        }
        if (form == null) {
            byte[] fresh = read.get();
            form = fresh == null ? NONE : fresh.clone();
            synchronized (forms) {
                forms.put(key, form);
            }
        }
        // the caller may change what it is given; what is kept stays as read
        return form == NONE ? null : form.clone();
    }
}
