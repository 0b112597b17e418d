package fi.arkisto.store.document;

import java.util.Objects;

/**
 * A set's current, valid version (status {@code ACTIVE}) with its decoded structured form, as the archive reads it for
 * its own decisions.
 *
 * @param structuredForm the decoded {@code hl7fi:json}, or null when the document has none
 */
public record CurrentStructuredForm(ArchivedDocument document, byte[] structuredForm) {

    public CurrentStructuredForm {
        Objects.requireNonNull(document, "document");
    }

    public String controller() {
        return document.metadata().controllerOid();
    }
}
