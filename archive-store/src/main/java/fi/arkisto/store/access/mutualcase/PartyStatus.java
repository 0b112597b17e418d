package fi.arkisto.store.access.mutualcase;

/** Where a day falls for a client of a mutual case. */
public enum PartyStatus {
    NOT_A_PARTY,
    BEFORE_JOINING,
    IN_PERIOD,
    AFTER_LEAVING
}
