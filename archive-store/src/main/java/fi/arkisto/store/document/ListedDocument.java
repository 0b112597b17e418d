package fi.arkisto.store.document;

import fi.arkisto.store.access.decision.AccessBasis;
import fi.arkisto.store.access.decision.Disclosure;
import fi.arkisto.store.access.decision.Relation;

import java.util.Objects;

/**
 * One item of a client document list: the version, the basis the access decision allowed it on, how it pertains to
 * the client ({@link Relation#OWN_CLIENT}, or {@link Relation#MUTUAL_CASE_PARTY}: a mutual case's document the client
 * is a party of, which a list must show as mutual), and what of it may be disclosed ({@link Disclosure#FULL}, {@link Disclosure#STRUCTURED_FORM_MASKED}: its metadata with the masked
 * structured form is read through the metadata read, or {@link Disclosure#METADATA_ONLY}: the list item only).
 * Its document carries no warnings and no signature evidence: a list item shows neither, the metadata read does.
 */
public record ListedDocument(ArchivedDocument document, AccessBasis basis, Relation relation, Disclosure disclosure) {

    public ListedDocument {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(disclosure, "disclosure");
    }
}
