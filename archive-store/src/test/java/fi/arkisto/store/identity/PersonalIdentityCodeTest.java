package fi.arkisto.store.identity;

import fi.arkisto.store.error.ArchiveException;
import fi.arkisto.store.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.LocalDate;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Personal identity codes as the Population Information Act defines them since 1 January 2023: DDMMYY, a century
 * sign, individual number NNN, and the check
 * character DDMMYYNNN mod 31 in 0123456789ABCDEFHJKLMNPRSTUVWXY. Expected codes are computed
 * here from that rule, independently of the class under test; all use test individual numbers.
 */
class PersonalIdentityCodeTest {

    private static final String CHECK_ALPHABET = "0123456789ABCDEFHJKLMNPRSTUVWXY";

    /** The documented algorithm, written out independently of the production code. */
    static String withCheckCharacter(String birthDate, char centurySign, int individualNumber) {
        String number = String.format("%03d", individualNumber);
        long nineDigits = Long.parseLong(birthDate + number);
        return birthDate + centurySign + number + CHECK_ALPHABET.charAt((int) (nineDigits % 31));
    }

    static Stream<Arguments> everyCenturySign() {
        return Stream.of(
                Arguments.of('+', "311299", LocalDate.of(1899, 12, 31)),
                Arguments.of('-', "150377", LocalDate.of(1977, 3, 15)),
                Arguments.of('Y', "150377", LocalDate.of(1977, 3, 15)),
                Arguments.of('X', "290296", LocalDate.of(1996, 2, 29)),
                Arguments.of('W', "010100", LocalDate.of(1900, 1, 1)),
                Arguments.of('V', "311299", LocalDate.of(1999, 12, 31)),
                Arguments.of('U', "240650", LocalDate.of(1950, 6, 24)),
                Arguments.of('A', "290200", LocalDate.of(2000, 2, 29)),
                Arguments.of('B', "010520", LocalDate.of(2020, 5, 1)),
                Arguments.of('C', "311223", LocalDate.of(2023, 12, 31)),
                Arguments.of('D', "150124", LocalDate.of(2024, 1, 15)),
                Arguments.of('E', "010125", LocalDate.of(2025, 1, 1)),
                Arguments.of('F', "170726", LocalDate.of(2026, 7, 17)));
    }

    @ParameterizedTest(name = "century sign {0}")
    @MethodSource("everyCenturySign")
    void acceptsTestCodesWithEveryCenturySign(char sign, String birthDate, LocalDate expectedBirthDate) {
        for (int individual : new int[] {900, 901, 953, 998, 999}) {
            // given a code computed with the documented algorithm
            String value = withCheckCharacter(birthDate, sign, individual);

            // when validated, then it is valid, a test code, and born on the expected day
            assertThat(PersonalIdentityCode.problemWith(value)).as(value).isNull();
            PersonalIdentityCode code = PersonalIdentityCode.of(value);
            assertThat(code.value()).isEqualTo(value);
            assertThat(code.birthDate()).isEqualTo(expectedBirthDate);
            assertThat(code.individualNumber()).isEqualTo(individual);
            assertThat(code.isTestCode()).isTrue();
        }
    }

    @ParameterizedTest(name = "century sign {0}")
    @MethodSource("everyCenturySign")
    void refusesEveryWrongCheckCharacter(char sign, String birthDate, LocalDate ignored) {
        String valid = withCheckCharacter(birthDate, sign, 942);
        for (char wrong : CHECK_ALPHABET.toCharArray()) {
            if (wrong == valid.charAt(10)) {
                continue;
            }
            // given the valid code with another check character
            String value = valid.substring(0, 10) + wrong;

            // when validated, then
            assertThat(PersonalIdentityCode.problemWith(value)).as(value).isEqualTo("check character does not match");
        }
    }

    @Test
    void refusesImpossibleBirthDates() {
        // 31 February; 29 February in 2001 and in 1900 (not leap years)
        assertThat(PersonalIdentityCode.problemWith(withCheckCharacter("310299", '-', 912))).isEqualTo("no such birth date");
        assertThat(PersonalIdentityCode.problemWith(withCheckCharacter("290201", 'A', 912))).isEqualTo("no such birth date");
        assertThat(PersonalIdentityCode.problemWith(withCheckCharacter("290200", '-', 912))).isEqualTo("no such birth date");
        assertThat(PersonalIdentityCode.problemWith(withCheckCharacter("001090", '-', 912))).isEqualTo("no such birth date");
        assertThat(PersonalIdentityCode.problemWith(withCheckCharacter("011390", '-', 912))).isEqualTo("no such birth date");
        // but 29 February 2000 is a real day: the century sign decides
        assertThat(PersonalIdentityCode.problemWith(withCheckCharacter("290200", 'A', 912))).isNull();
    }

    @Test
    void refusesIndividualNumbersZeroAndOne() {
        assertThat(PersonalIdentityCode.problemWith(withCheckCharacter("150377", '-', 0)))
                .isEqualTo("individual number must be 002-999");
        assertThat(PersonalIdentityCode.problemWith(withCheckCharacter("150377", '-', 1)))
                .isEqualTo("individual number must be 002-999");
        assertThat(PersonalIdentityCode.problemWith(withCheckCharacter("150377", '-', 2))).isNull();
    }

    @Test
    void refusesLowercaseSignsAndCheckCharacters() {
        // given a valid code with a letter check character and a letter century sign
        String valid = withCheckCharacter("010520", 'A', 931);
        assertThat(valid).isEqualTo("010520A931V");

        // then neither may be written in lower case
        assertThat(PersonalIdentityCode.problemWith("010520a931V")).startsWith("unknown century sign");
        assertThat(PersonalIdentityCode.problemWith("010520A931v")).isEqualTo("check character does not match");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"150377-912", "150377-912CC", " 150377-912C", "150377-912C ", "1503771912C",
            "15037A-912C", "150377-9A2C", "150377Z912C", "150377*912C"})
    void refusesMalformedValues(String value) {
        assertThat(PersonalIdentityCode.isValid(value)).isFalse();
        ArchiveException refusal = catchThrowableOfType(() -> PersonalIdentityCode.of(value), ArchiveException.class);
        assertThat(refusal.code()).isEqualTo(ErrorCode.INVALID_IDENTITY_CODE);
    }

    @Test
    void keepsTheCenturySignAsPartOfTheIdentity() {
        // given the same digits with '-' and with 'Y' (both 1900s since 2023)
        PersonalIdentityCode dash = PersonalIdentityCode.of(withCheckCharacter("150377", '-', 912));
        PersonalIdentityCode y = PersonalIdentityCode.of(withCheckCharacter("150377", 'Y', 912));

        // then both are valid, born the same day, and still two different identities
        assertThat(dash.value()).isEqualTo("150377-912C");
        assertThat(y.value()).isEqualTo("150377Y912C");
        assertThat(dash.birthDate()).isEqualTo(y.birthDate());
        assertThat(dash).isNotEqualTo(y);
        assertThat(Set.of(dash, y)).hasSize(2);
    }

    @Test
    void tellsTestCodesFromOrdinaryOnes() {
        assertThat(PersonalIdentityCode.of(withCheckCharacter("150377", '-', 900)).isTestCode()).isTrue();
        assertThat(PersonalIdentityCode.of(withCheckCharacter("150377", '-', 899)).isTestCode()).isFalse();
        assertThat(PersonalIdentityCode.of(withCheckCharacter("150377", '-', 2)).isTestCode()).isFalse();
    }

    @Test
    void showsOnlyTheBirthDatePartWhenMasked() {
        // given a valid code
        PersonalIdentityCode code = PersonalIdentityCode.of("200111A904P");

        // then logs and messages see only the birth date part
        assertThat(code.masked()).isEqualTo("200111*****");
        assertThat(code.toString()).isEqualTo("200111*****");
        ArchiveException refusal = catchThrowableOfType(() -> PersonalIdentityCode.of("200111A904X"),
                ArchiveException.class);
        assertThat(refusal.getMessage()).contains("200111*****").doesNotContain("A904");
    }

    @Test
    void masksIdentityCodesInsideFreeText() {
        assertThat(IdentityCodeRedaction.redact("client 200111A904P and 150377-912D, oid 1.2.246.10.32213561.10.0"))
                .isEqualTo("client 200111***** and 150377*****, oid 1.2.246.10.32213561.10.0");
        assertThat(IdentityCodeRedaction.redact("id=150377y912c;")).isEqualTo("id=150377*****;");
        assertThat(IdentityCodeRedaction.redact(null)).isNull();
        assertThat(IdentityCodeRedaction.maskCode("15")).isEqualTo("*****");
    }

    @Test
    void isTestCodeAnswersValidCodesOfIndividualNumbers900To999Only() {
        // given valid codes on either side of 900, and malformed ones
        String test = withCheckCharacter("150385", '-', 905);
        String real = withCheckCharacter("131052", '-', 308);
        String wrongCheck = test.substring(0, 10) + (test.charAt(10) == 'A' ? 'B' : 'A');

        // then only the valid test code is one
        assertThat(PersonalIdentityCode.isTestCode(test)).isTrue();
        assertThat(PersonalIdentityCode.isTestCode(withCheckCharacter("010116", 'A', 999))).isTrue();
        assertThat(PersonalIdentityCode.isTestCode(withCheckCharacter("010116", 'A', 899))).isFalse();
        assertThat(PersonalIdentityCode.isTestCode(real)).isFalse();
        assertThat(PersonalIdentityCode.isTestCode(wrongCheck)).isFalse();
        assertThat(PersonalIdentityCode.isTestCode(test.replace('-', '?'))).isFalse();
        assertThat(PersonalIdentityCode.isTestCode(test.substring(0, 10))).isFalse();
        assertThat(PersonalIdentityCode.isTestCode(null)).isFalse();
    }
}
