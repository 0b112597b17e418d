package fi.arkisto.store.identity;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import java.util.regex.Pattern;

/**
 * An ISO/IEC 8824 object identifier as used for every identity in Kanta documents: documents,
 * organisations ({@code 1.2.246.10.<business id>.10.0}), code systems. Arcs are decimal without
 * leading zeros; the first arc is 0, 1 or 2 (ITU-T X.660).
 */
public record Oid(String value) {

    private static final Pattern SYNTAX = Pattern.compile("[0-2](\\.(0|[1-9][0-9]*))+");
    private static final int MAX_LENGTH = 256;

    public Oid {
        if (!isValid(value)) {
            throw new ArchiveException(ErrorCode.INVALID_OID, "Not a valid OID: " + abbreviate(value));
        }
    }

    public static Oid of(String value) {
        return new Oid(value);
    }

    public static boolean isValid(String value) {
        return value != null && value.length() <= MAX_LENGTH && SYNTAX.matcher(value).matches();
    }

    public boolean startsWith(String prefix) {
        return value.equals(prefix) || value.startsWith(prefix + ".");
    }

    @Override
    public String toString() {
        return value;
    }

    static String abbreviate(String value) {
        if (value == null) {
            return "(missing)";
        }
        return value.length() > 64 ? value.substring(0, 64) + "..." : value;
    }
}
