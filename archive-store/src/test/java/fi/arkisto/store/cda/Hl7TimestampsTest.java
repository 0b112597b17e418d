package fi.arkisto.store.cda;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** HL7 TS values {@code YYYYMMDD[HHMM[SS[.fff]]][+/-ZZZZ]}; without a zone, Finnish time. */
class Hl7TimestampsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "20260717130652+0300, 2026-07-17T13:06:52+03:00",
            "20260717130652-0530, 2026-07-17T13:06:52-05:30",
            "20260717130652+0000, 2026-07-17T13:06:52Z",
            "20260717, 2026-07-17T00:00+03:00",
            "20260117, 2026-01-17T00:00+02:00",
            "202607171306, 2026-07-17T13:06+03:00",
            "20260717130652.4257, 2026-07-17T13:06:52.4257+03:00",
            "20260717130652.1+0200, 2026-07-17T13:06:52.1+02:00",
            "20240229120000, 2024-02-29T12:00+02:00",
            // the last Sunday of March 2026: 03:30 does not exist in Helsinki, it becomes 04:30 summer time
            "20260329033000, 2026-03-29T04:30+03:00",
    })
    void readsTimestampsWithAndWithoutZone(String value, String expected) {
        assertThat(Hl7Timestamps.parse(value, "effectiveTime@value")).isEqualTo(OffsetDateTime.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026", "202607", "2026071", "2026-07-17", "20260717T130652", "20261301",
            "20260230", "20260717246000", "20260717126000", "20260717130660", "20260717130652+03",
            "20260717130652+0360", "20260717130652+1900", "20260717130652.", "20260717130652.1234567890",
            "20260717 130652", "x20260717"})
    void refusesMalformedTimestampsNamingTheField(String value) {
        ArchiveException refusal = catchThrowableOfType(() -> Hl7Timestamps.parse(value, "hl7fi:creationTime@value"),
                ArchiveException.class);
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_FIELD_VALUE);
        assertThat(refusal.getMessage()).startsWith("hl7fi:creationTime@value");
    }
}
