package fi.arkisto.store.identity;

import java.util.regex.Pattern;

/**
 * Masks anything shaped like a personal identity code inside free text (error details, parser
 * messages, log lines), keeping only the birth-date part as {@link PersonalIdentityCode#masked()}
 * does. Needed where text is built from untrusted input that may carry an identity code in an
 * unexpected place, e.g. an identity code sent as a document OID (common brief: error messages
 * never echo a full identity code).
 */
public final class IdentityCodeRedaction {

    // Shape only (DDMMYY, any century sign in use since 2023, NNN, any check character), with
    // no word boundaries: a malformed or embedded code must be masked just as well as a valid
    // one, and masking a look-alike in an error message costs nothing.
    private static final Pattern IDENTITY_CODE_SHAPE =
            Pattern.compile("([0-9]{6})[-+A-FU-Ya-fu-y][0-9]{3}[0-9A-Za-z]");

    private IdentityCodeRedaction() {
    }

    public static String redact(String text) {
        if (text == null || text.length() < 11) {
            return text;
        }
        return IDENTITY_CODE_SHAPE.matcher(text).replaceAll("$1*****");
    }

    /**
     * The masked form of a value given as an identity code, whatever its shape: its first six
     * characters (the birth date) and asterisks, as {@link PersonalIdentityCode#masked()}.
     */
    public static String maskCode(String value) {
        return PersonalIdentityCode.mask(value);
    }
}
