package fi.arkisto.workflows.calendar;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class FinnishBusinessDaysTest {

    private final FinnishBusinessDays days = new FinnishBusinessDays();

    @ParameterizedTest(name = "Easter {0} is {1}")
    @CsvSource({"2024, 2024-03-31", "2025, 2025-04-20", "2026, 2026-04-05", "2027, 2027-03-28", "2038, 2038-04-25",
            "2285, 2285-03-22"})
    void computesEasterSunday(int year, LocalDate easter) {
        assertThat(FinnishBusinessDays.easterSunday(year)).isEqualTo(easter);
    }

    @Test
    void knowsEveryHolidayOf2026() {
        assertThat(days.holidays(2026)).contains(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 6),
                LocalDate.of(2026, 4, 3), LocalDate.of(2026, 4, 6), LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 14),
                LocalDate.of(2026, 6, 19), LocalDate.of(2026, 6, 20), LocalDate.of(2026, 10, 31), LocalDate.of(2026, 12, 6),
                LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26));
    }

    @ParameterizedTest(name = "two business days after {0} is {1}")
    @CsvSource({
            "2026-03-02, 2026-03-04",   // Monday: Wednesday
            "2026-03-05, 2026-03-09",   // Thursday: over the weekend to Monday
            "2026-04-01, 2026-04-07",   // before Easter: Good Friday, the weekend and Easter Monday skipped
            "2026-05-13, 2026-05-18",   // before Ascension Day (Thursday 14.5.)
            "2026-06-18, 2026-06-23",   // before Midsummer Eve (Friday 19.6.)
            "2026-12-03, 2026-12-07",   // Thursday before Independence Day (a Sunday in 2026: no extra day)
            "2027-12-03, 2027-12-08",   // Friday before Independence Day (Monday 6.12.2027)
            "2026-12-23, 2026-12-29",   // Christmas Eve, Christmas Day, Boxing Day, the weekend
            "2026-12-31, 2027-01-05",   // New Year's Day and the weekend
            "2027-01-05, 2027-01-08"})  // Epiphany (Wednesday 6.1.2027)
    void addsBusinessDays(LocalDate from, LocalDate expected) {
        assertThat(days.plusBusinessDays(from, 2)).isEqualTo(expected);
    }

    @Test
    void weekendsAndHolidaysAreNoBusinessDays() {
        assertThat(days.isBusinessDay(LocalDate.of(2026, 3, 7))).isFalse();
        assertThat(days.isBusinessDay(LocalDate.of(2026, 5, 1))).isFalse();
        assertThat(days.isBusinessDay(LocalDate.of(2026, 5, 4))).isTrue();
        assertThat(days.plusBusinessDays(LocalDate.of(2026, 5, 4), 0)).isEqualTo(LocalDate.of(2026, 5, 4));
    }
}
