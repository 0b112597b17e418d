package fi.arkisto.app.api;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.Oid;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Fields of JSON request bodies, read as text and checked here, so that each kind of bad value gets its own problem
 * code naming the field (a body Jackson cannot bind at all answers INVALID_REQUEST).
 */
public final class RequestFields {

    private RequestFields() {
    }

    /** The value stripped; MISSING_REQUEST_FIELD when absent or blank. */
    public static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new ArchiveException(ErrorCode.MISSING_REQUEST_FIELD, "Give " + field);
        }
        return value.strip();
    }

    /** A calendar day {@code YYYY-MM-DD}, or null when absent or blank; INVALID_DATE otherwise. */
    public static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new ArchiveException(ErrorCode.INVALID_DATE, field + " must be a calendar day written YYYY-MM-DD");
        }
    }

    /** A required OID; MISSING_REQUEST_FIELD or INVALID_OID naming the field. */
    public static Oid oid(String field, String value) {
        String text = required(field, value);
        if (!Oid.isValid(text)) {
            throw new ArchiveException(ErrorCode.INVALID_OID, field + " is not a valid OID");
        }
        return Oid.of(text);
    }

    /** An optional OID (a query parameter); INVALID_OID naming the field. */
    public static Oid optionalOid(String field, String value) {
        return value == null || value.isBlank() ? null : oid(field, value);
    }
}
