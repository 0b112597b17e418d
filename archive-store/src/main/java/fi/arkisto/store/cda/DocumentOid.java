package fi.arkisto.store.cda;

import fi.arkisto.store.identity.Oid;

/** The OID of one document version (CDA {@code id@root}); unique across the archive. */
public record DocumentOid(String value) {

    public DocumentOid {
        Oid.of(value);
    }

    public static DocumentOid of(String value) {
        return new DocumentOid(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
