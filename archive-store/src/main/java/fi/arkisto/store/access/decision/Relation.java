package fi.arkisto.store.access.decision;

/**
 * How a document pertains to the client a request is about. A mutual case's documents pertain to every party of the
 * case for the period the party belongs to it (kanta.fi, "Processing of mutual cases"); the decision says which way
 * the document was reached so that lists can show that a document is mutual.
 */
public enum Relation {
    /** The request names no client (a read by document identifier in the acting organisation's own register). */
    REGISTER,
    /** The document's own client ({@code recordTarget}) is the client the request is about. */
    OWN_CLIENT,
    /** The client the request is about is a party of the mutual case the document is attached to. */
    MUTUAL_CASE_PARTY
}
