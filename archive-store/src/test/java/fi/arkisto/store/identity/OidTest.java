package fi.arkisto.store.identity;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** OIDs as Kanta uses them for every identity: decimal arcs, no leading zeros, first arc 0-2. */
class OidTest {

    @ParameterizedTest
    @ValueSource(strings = {"1.2.246.21", "2.16.840.1.113883.1.3", "0.0", "1.0.10",
            "1.2.246.10.32213561.95777.2026.688883.2809773", "1.2.246.537.6.1505.1.2023.6.1"})
    void acceptsOidsFromKantaDocuments(String value) {
        assertThat(Oid.isValid(value)).isTrue();
        assertThat(Oid.of(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"01.2", "1.02.3", "1.2.246.010", "1..2", "1.2.", ".1.2", "3.1", "9.2.246", "1",
            "1.2.a", "1.2.246 ", " 1.2.246", "1,2,246", "1.-2", "urn:oid:1.2.246", "1.2.246.21\n"})
    void refusesMalformedOids(String value) {
        // when validated, then refused with INVALID_OID
        assertThat(Oid.isValid(value)).isFalse();
        ArchiveException refusal = catchThrowableOfType(() -> Oid.of(value), ArchiveException.class);
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_OID);
    }

    @Test
    void refusesOidsLongerThan256Characters() {
        // given OIDs of exactly 256 and 257 characters
        String limit = "1.2" + ".1".repeat(126) + "1";
        assertThat(limit).hasSize(256);
        String tooLong = limit + "1";

        // then the first is accepted, the second refused with an abbreviated value in the message
        assertThat(Oid.isValid(limit)).isTrue();
        ArchiveException refusal = catchThrowableOfType(() -> Oid.of(tooLong), ArchiveException.class);
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_OID);
        assertThat(refusal.getMessage()).endsWith("...").hasSizeLessThan(120);
    }

    @Test
    void comparesPrefixesByWholeArcs() {
        Oid organisation = Oid.of("1.2.246.10.32213561.10.0");
        assertThat(organisation.startsWith("1.2.246.10.32213561")).isTrue();
        assertThat(organisation.startsWith("1.2.246.10.3221356")).isFalse();
    }
}
