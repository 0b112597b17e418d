package fi.arkisto.store.hl7;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The one HL7 TS rule (docs/invariants.md, "HL7 timestamps"): {@code YYYYMMDD[HH[MM[SS[.F]]]][+/-ZZZZ]}; without a
 * zone, the sender's local time, which for Kanta's senders is Finnish time.
 */
class Hl7TimestampTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "20260717130652+0300, 2026-07-17T13:06:52+03:00",
            "20260717130652-0530, 2026-07-17T13:06:52-05:30",
            "20260717130652+0000, 2026-07-17T13:06:52Z",
            "2026071713, 2026-07-17T13:00+03:00",
            "2026071713+0000, 2026-07-17T13:00Z",
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
        assertThat(Hl7Timestamp.parse(value, "effectiveTime@value")).isEqualTo(OffsetDateTime.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026", "202607", "2026071", "2026-07-17", "20260717T130652", "20261301",
            "20260230", "20260717246000", "20260717126000", "20260717130660", "20260717130652+03",
            "20260717130652+0360", "20260717130652+1900", "20260717130652.", "20260717130652.1234567890",
            "20260717 130652", "x20260717"})
    void refusesMalformedTimestampsNamingTheField(String value) {
        ArchiveException refusal = catchThrowableOfType(() -> Hl7Timestamp.parse(value, "hl7fi:creationTime@value"),
                ArchiveException.class);
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_FIELD_VALUE);
        assertThat(refusal.getMessage()).startsWith("hl7fi:creationTime@value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"asiakkuusasiakirja_S.xml", "asiakkuusasiakirja_K.xml"})
    void theRealSamplesStateFinnishTimeSoAValueWithoutItsZoneIsTheSameInstant(String sample) throws Exception {
        // given every TS with a time of day in the real document (S) and message frame (K)
        List<String> values = timestampsWithTimeOfDay("/kanta/" + sample);
        assertThat(values).isNotEmpty();
        for (String value : values) {
            // then each carries its zone, Finnish summer time in July
            assertThat(value).as(sample).endsWith("+0300");
            // and the rule reads it without its zone as the same instant: the sender's local time is Finnish time
            String withoutZone = value.substring(0, value.length() - 5);
            assertThat(Hl7Timestamp.parse(withoutZone).toInstant()).as(value)
                    .isEqualTo(Hl7Timestamp.parse(value).toInstant());
        }
    }

    @Test
    void aValueWithoutAZoneIsNotUtc() {
        // given a frame's creation time written without its zone, when read, then it is Finnish time, three hours
        // before the same wall-clock time in UTC (message frames were once read as UTC)
        assertThat(Hl7Timestamp.parse("20260717130654").toInstant())
                .isEqualTo(OffsetDateTime.parse("2026-07-17T10:06:54Z").toInstant());
    }

    @Test
    void refusesANonTimestampWithTheJavaTimeException() {
        assertThatThrownBy(() -> Hl7Timestamp.parse("2026-07-17")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> Hl7Timestamp.parse((String) null)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void writesToTheSecondWithTheZone() {
        assertThat(Hl7Timestamp.format(OffsetDateTime.parse("2026-07-17T13:06:54.123+03:00")))
                .isEqualTo("20260717130654+0300");
        assertThat(Hl7Timestamp.format(OffsetDateTime.parse("2026-01-17T13:06:54Z"))).isEqualTo("20260117130654+0000");
    }

    private static List<String> timestampsWithTimeOfDay(String resource) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        org.w3c.dom.Document dom;
        try (InputStream in = Hl7TimestampTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            dom = factory.newDocumentBuilder().parse(in);
        }
        List<String> values = new ArrayList<>();
        for (String name : List.of("effectiveTime", "creationTime", "birthTime", "time")) {
            for (String namespace : List.of(Hl7Namespaces.V3, Hl7Namespaces.FINLAND)) {
                var found = dom.getElementsByTagNameNS(namespace, name);
                for (int i = 0; i < found.getLength(); i++) {
                    String value = Hl7Elements.attribute((org.w3c.dom.Element) found.item(i), "value");
                    // a date alone (birthTime) names a day, not an instant: the zone rule is about times of day
                    if (value != null && value.length() > 8) {
                        values.add(value);
                    }
                }
            }
        }
        return values;
    }
}
