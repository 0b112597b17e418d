package fi.arkisto.store.identity;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * A Finnish personal identity code (henkilötunnus), code system {@code 1.2.246.21}.
 *
 * <p>Form {@code DDMMYYCNNNQ}: birth date, century sign, individual number and check character
 * ({@code DDMMYYNNN mod 31} indexed into {@value #CHECK_CHARACTERS}). Century signs follow the
 * Population Information Act as amended from 1 January 2023: {@code +} for the 1800s,
 * {@code - Y X W V U} for the 1900s and {@code A B C D E F} for the 2000s. The century sign is
 * part of the identity: {@code 010101-900R} and {@code 010101Y900R} are two different people,
 * so the code is kept exactly as given and never normalised. Individual numbers 900-999 are
 * test and temporary codes; the archive's fixtures use only those.
 */
public record PersonalIdentityCode(String value) {

    public static final String CODE_SYSTEM = "1.2.246.21";
    static final String CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    public PersonalIdentityCode {
        String problem = problemWith(value);
        if (problem != null) {
            throw new ArchiveException(ErrorCode.INVALID_IDENTITY_CODE,
                    "Invalid personal identity code " + mask(value) + ": " + problem);
        }
    }

    public static PersonalIdentityCode of(String value) {
        return new PersonalIdentityCode(value);
    }

    public static boolean isValid(String value) {
        return problemWith(value) == null;
    }

    /** The reason the value is not a valid identity code, or {@code null} when it is. */
    public static String problemWith(String value) {
        if (value == null || value.isEmpty()) {
            return "missing";
        }
        if (value.length() != 11) {
            return "must be 11 characters, was " + value.length();
        }
        for (int i = 0; i < 6; i++) {
            if (!isDigit(value.charAt(i))) {
                return "birth date must be six digits";
            }
        }
        int century = centuryOf(value.charAt(6));
        if (century < 0) {
            return "unknown century sign '" + value.charAt(6) + "'";
        }
        for (int i = 7; i < 10; i++) {
            if (!isDigit(value.charAt(i))) {
                return "individual number must be three digits";
            }
        }
        int day = Integer.parseInt(value.substring(0, 2));
        int month = Integer.parseInt(value.substring(2, 4));
        int year = century + Integer.parseInt(value.substring(4, 6));
        try {
            LocalDate.of(year, month, day);
        } catch (DateTimeException e) {
            return "no such birth date";
        }
        int individual = Integer.parseInt(value.substring(7, 10));
        if (individual < 2) {
            return "individual number must be 002-999";
        }
        char expected = checkCharacterFor(value.substring(0, 6) + value.substring(7, 10));
        if (value.charAt(10) != expected) {
            return "check character does not match";
        }
        return null;
    }

    /** The check character for the nine digits {@code DDMMYYNNN}. */
    public static char checkCharacterFor(String nineDigits) {
        return CHECK_CHARACTERS.charAt(Integer.parseInt(nineDigits) % 31);
    }

    public LocalDate birthDate() {
        int century = centuryOf(value.charAt(6));
        return LocalDate.of(century + Integer.parseInt(value.substring(4, 6)),
                Integer.parseInt(value.substring(2, 4)), Integer.parseInt(value.substring(0, 2)));
    }

    public int individualNumber() {
        return Integer.parseInt(value.substring(7, 10));
    }

    /**
     * Whether the value is a test or temporary identity code (individual number 900-999) with a known century sign
     * and a matching check character, without allocating: the access decision asks it per document.
     */
    public static boolean isTestCode(String value) {
        if (value == null || value.length() != 11 || centuryOf(value.charAt(6)) < 0) {
            return false;
        }
        int digits = 0;
        for (int i = 0; i < 10; i++) {
            if (i == 6) {
                continue;
            }
            char c = value.charAt(i);
            if (!isDigit(c)) {
                return false;
            }
            digits = digits * 10 + (c - '0');
        }
        return digits % 1000 >= 900 && value.charAt(10) == CHECK_CHARACTERS.charAt(digits % 31);
    }

    /** Test and temporary identity codes have individual numbers 900-999. */
    public boolean isTestCode() {
        return individualNumber() >= 900;
    }

    /** For logs and error messages: the birth date part only. */
    public String masked() {
        return mask(value);
    }

    @Override
    public String toString() {
        return masked();
    }

    static String mask(String value) {
        if (value == null) {
            return "(missing)";
        }
        return value.length() >= 6 ? value.substring(0, 6) + "*****" : "*****";
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static int centuryOf(char sign) {
        return switch (sign) {
            case '+' -> 1800;
            case '-', 'Y', 'X', 'W', 'V', 'U' -> 1900;
            case 'A', 'B', 'C', 'D', 'E', 'F' -> 2000;
            default -> -1;
        };
    }
}
