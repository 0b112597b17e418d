package fi.arkisto.store.hl7;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import fi.arkisto.store.identity.IdentityCodeRedaction;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one rule for HL7 v3 TS values, in document headers ({@code effectiveTime}, {@code hl7fi:creationTime}) and
 * message frames ({@code creationTime}) alike: {@code YYYYMMDD[HH[MM[SS[.F]]]][+/-ZZZZ]}, precision ending at the
 * day, hour, minute, second or a fraction of up to nine digits. HL7 v3 TS reads a value without a zone as the local
 * time of its sender; Kanta's senders are Finnish client information systems, so such a value is Finnish time
 * (Europe/Helsinki, daylight saving time included; docs/invariants.md, "HL7 timestamps").
 */
public final class Hl7Timestamp {

    /** The senders' local time, and the day the archive's date rules count in. */
    public static final ZoneId FINNISH_TIME = ZoneId.of("Europe/Helsinki");

    private static final Pattern TS = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:(\\d{2})(?:\\.(\\d{1,9}))?)?)?)?(?:([+-])(\\d{2})(\\d{2}))?");
    private static final String FORM = "expected YYYYMMDD[HH[MM[SS[.F]]]][+/-ZZZZ]";
    private static final DateTimeFormatter WRITTEN = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");

    private Hl7Timestamp() {
    }

    /**
     * @throws DateTimeParseException when the value is not a TS or names no such date, time or zone offset
     */
    public static OffsetDateTime parse(String value) {
        Matcher m = value == null ? null : TS.matcher(value);
        if (m == null || !m.matches()) {
            throw new DateTimeParseException(FORM, String.valueOf(value), 0);
        }
        try {
            LocalDateTime local = LocalDateTime.of(number(m.group(1)), number(m.group(2)), number(m.group(3)),
                    number(m.group(4)), number(m.group(5)), number(m.group(6)), nanos(m.group(7)));
            if (m.group(8) == null) {
                return local.atZone(FINNISH_TIME).toOffsetDateTime();
            }
            int sign = m.group(8).equals("-") ? -1 : 1;
            int minutes = number(m.group(10));
            if (minutes > 59) {
                throw new DateTimeParseException("the zone offset minutes must be 00-59", value, 0);
            }
            return OffsetDateTime.of(local, ZoneOffset.ofHoursMinutes(sign * number(m.group(9)), sign * minutes));
        } catch (DateTimeParseException e) {
            throw e;
        } catch (DateTimeException e) {
            throw new DateTimeParseException("no such date, time or zone offset", value, 0, e);
        }
    }

    /**
     * {@link #parse(String)} for a header field.
     *
     * @param field names the field in the refusal, e.g. {@code effectiveTime@value}
     * @throws ArchiveException {@code INVALID_FIELD_VALUE} naming the field when the value is not a valid TS
     */
    public static OffsetDateTime parse(String value, String field) {
        try {
            return parse(value);
        } catch (DateTimeParseException e) {
            String shown = value == null ? "(missing)" : value.length() > 40 ? value.substring(0, 40) + "..." : value;
            throw new ArchiveException(ErrorCode.INVALID_FIELD_VALUE, field + " is not a valid HL7 timestamp '"
                    + IdentityCodeRedaction.redact(shown) + "': " + e.getMessage());
        }
    }

    /** A time as the archive writes it ({@code YYYYMMDDHHMMSS+ZZZZ}): to the second, always with its zone. */
    public static String format(OffsetDateTime time) {
        return time.format(WRITTEN);
    }

    private static int number(String digits) {
        return digits == null ? 0 : Integer.parseInt(digits);
    }

    private static int nanos(String fraction) {
        return fraction == null ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
    }
}
