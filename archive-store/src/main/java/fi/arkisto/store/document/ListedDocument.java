package fi.arkisto.store.document;

import fi.arkisto.store.access.decision.AccessBasis;
import fi.arkisto.store.access.decision.Disclosure;

import java.util.Objects;

/**
 * One item of a client document list: the version, the basis the access decision allowed it on, and what of it may
 * be disclosed ({@link Disclosure#FULL}, {@link Disclosure#STRUCTURED_FORM_MASKED}: its metadata with the masked
 * structured form is read through the metadata read, or {@link Disclosure#METADATA_ONLY}: the list item only).
 */
public record ListedDocument(ArchivedDocument document, AccessBasis basis, Disclosure disclosure) {

    public ListedDocument {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(disclosure, "disclosure");
    }
}
