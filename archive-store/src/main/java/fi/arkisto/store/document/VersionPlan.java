package fi.arkisto.store.document;

import fi.arkisto.store.error.ArchiveException;

/** Where a new version goes in its set ({@link VersionPlanner}). */
sealed interface VersionPlan {

    /** Version 1: the start of a new set. */
    record StartsSet() implements VersionPlan {
    }

    /** Version n+1 replacing the set's active head n (invariant 4 (docs/invariants.md): the head becomes REPLACED). */
    record Replaces(SetHead head) implements VersionPlan {
    }

    /** The version does not fit the set. */
    record Refused(ArchiveException error) implements VersionPlan {
    }
}
