package fi.arkisto.store.accessrecords;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import java.time.LocalDate;
import java.util.regex.Pattern;

/** The checks of record input the services share; each refusal names its field. */
final class Checks {

    /** Longest free text (a description, a reason) a record keeps. */
    static final int MAX_TEXT = 1000;
    // Codes of 1.2.246.537.6.1221.201601 are short numbers (24 Lapsiperheiden palvelut, 25 Lastensuojelu, ...).
    private static final Pattern SERVICE_TASK = Pattern.compile("[0-9]{1,8}");

    private Checks() {
    }

    /** The text stripped, or null when absent or blank. */
    static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String stripped = value.strip();
        if (stripped.length() > max) {
            throw new ArchiveException(ErrorCode.TEXT_TOO_LONG, field + " has " + stripped.length()
                    + " characters; at most " + max + " are kept");
        }
        return stripped;
    }

    static String serviceTask(String field, String code) {
        if (code == null || !SERVICE_TASK.matcher(code).matches()) {
            throw new ArchiveException(ErrorCode.INVALID_SERVICE_TASK, field
                    + " must be a service task code of 1.2.246.537.6.1221.201601 (1-8 digits)");
        }
        return code;
    }

    static void period(String firstField, LocalDate first, String lastField, LocalDate last) {
        if (first != null && last != null && last.isBefore(first)) {
            throw new ArchiveException(ErrorCode.INVALID_VALIDITY_PERIOD, lastField + " " + last + " is before "
                    + firstField + " " + first);
        }
    }
}
