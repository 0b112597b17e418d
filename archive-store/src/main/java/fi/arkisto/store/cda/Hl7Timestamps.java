package fi.arkisto.store.cda;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HL7 v3 TS values as Kanta headers carry them ({@code effectiveTime}, {@code hl7fi:creationTime}):
 * {@code YYYYMMDD[HHMM[SS[.fff]]][+/-ZZZZ]}. A value without a zone is Finnish local time
 * (Europe/Helsinki, daylight saving time included).
 */
public final class Hl7Timestamps {

    public static final ZoneId FINNISH_TIME = ZoneId.of("Europe/Helsinki");

    private static final Pattern TS = Pattern.compile(
            "(\\d{4})(\\d{2})(\\d{2})(?:(\\d{2})(\\d{2})(?:(\\d{2})(?:\\.(\\d{1,9}))?)?)?(?:([+-])(\\d{2})(\\d{2}))?");

    private Hl7Timestamps() {
    }

    /**
     * @param field names the header field in the error, e.g. {@code effectiveTime@value}
     * @throws ArchiveException {@code INVALID_FIELD_VALUE} naming the field when the value is not a valid TS
     */
    public static OffsetDateTime parse(String value, String field) {
        Matcher m = value == null ? null : TS.matcher(value);
        if (m == null || !m.matches()) {
            throw invalid(value, field, "expected YYYYMMDD[HHMM[SS[.fff]]][+/-ZZZZ]");
        }
        try {
            int nanos = 0;
            if (m.group(7) != null) {
                StringBuilder fraction = new StringBuilder(m.group(7));
                while (fraction.length() < 9) {
                    fraction.append('0');
                }
                nanos = Integer.parseInt(fraction.toString());
            }
            LocalDateTime local = LocalDateTime.of(
                    Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                    m.group(4) == null ? 0 : Integer.parseInt(m.group(4)),
                    m.group(5) == null ? 0 : Integer.parseInt(m.group(5)),
                    m.group(6) == null ? 0 : Integer.parseInt(m.group(6)),
                    nanos);
            if (m.group(8) == null) {
                return local.atZone(FINNISH_TIME).toOffsetDateTime();
            }
            int sign = m.group(8).equals("-") ? -1 : 1;
            int minutes = Integer.parseInt(m.group(10));
            if (minutes > 59) {
                throw invalid(value, field, "the zone offset minutes must be 00-59");
            }
            ZoneOffset offset = ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(m.group(9)), sign * minutes);
            return OffsetDateTime.of(local, offset);
        } catch (DateTimeException e) {
            throw invalid(value, field, "no such date, time or zone offset");
        }
    }

    private static ArchiveException invalid(String value, String field, String problem) {
        String shown = value == null ? "(missing)" : value.length() > 40 ? value.substring(0, 40) + "..." : value;
        return new ArchiveException(ErrorCode.INVALID_FIELD_VALUE,
                field + " is not a valid HL7 timestamp '" + SecureXml.safe(shown) + "': " + problem);
    }
}
