package fi.arkisto.store.access.facts;

/**
 * A professional's restriction on showing a document to the client (MyKanta): {@code hl7fi:inaccessibleArgument}
 * (code system 1.2.246.537.6.1288.201901, e.g. code 1: showing it would endanger the client's health or
 * development) or {@code hl7fi:authorizationRestrictionArgument} (a delay, free text). It holds until a replacing
 * version no longer carries it.
 */
public enum RestrictionKind {
    NONE,
    INACCESSIBLE,
    AUTHORIZATION_RESTRICTION
}
