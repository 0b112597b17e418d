package fi.arkisto.store.document;

import fi.arkisto.store.error.ArchiveException;

/** How {@link VersionRecorder}'s transaction ended. */
sealed interface Recording {

    /** Committed: the versions, their replacements and their audit events. */
    record Recorded() implements Recording {
    }

    /**
     * Rolled back because a concurrent submission changed the rows this one depends on (the same OID, or the same set
     * and version, or the head being replaced); the caller answers from what the other stored (invariant 3 (docs/invariants.md)).
     */
    record Raced() implements Recording {
    }

    /** Rolled back for a failure of the database or the audit log. */
    record Failed(ArchiveException error) implements Recording {
    }
}
