package fi.arkisto.testkit.legacy;

/**
 * The deliberately bad rows a generated legacy package contains (docs/legacy-package.md), in the order they are dealt out, with
 * the error code the migration must reject each with (names of {@code fi.arkisto.store.error.ErrorCode}).
 */
public enum BadRowKind {
    /** A test identity code with a wrong check character. */
    INVALID_IDENTITY_CODE("INVALID_IDENTITY_CODE"),
    /** A service task code that is not in the code list. */
    UNKNOWN_SERVICE_TASK("INVALID_FIELD_VALUE"),
    /** The manifest names a file that is not in the package. */
    MISSING_FILE("LEGACY_FILE_MISSING"),
    /** The file path climbs out of the package ({@code ../}). */
    PATH_OUTSIDE_PACKAGE("PACKAGE_ENTRY_UNSAFE"),
    /** The legacy id of an earlier good row again, with different content. */
    DUPLICATE_LEGACY_ID("LEGACY_DUPLICATE_ID"),
    /** A document type code that is not in the code list. */
    UNKNOWN_DOCUMENT_TYPE("INVALID_FIELD_VALUE"),
    /** A creation date that is not a date. */
    INVALID_DATE("INVALID_FIELD_VALUE");

    private final String errorCode;

    BadRowKind(String errorCode) {
        this.errorCode = errorCode;
    }

    public String errorCode() {
        return errorCode;
    }
}
