package fi.arkisto.workflows.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;
import java.util.TreeSet;

/**
 * Business days in Finland: weekdays that are not public holidays. Public holidays follow the Act on the Church
 * (Kirkkolaki 652/2023) and the Independence Day Act: New Year's Day, Epiphany, Good Friday, Easter Monday, Ascension
 * Day (Easter + 39 days), May Day, Midsummer Day (the Saturday between 20 and 26 June), All Saints' Day (the Saturday
 * between 31 October and 6 November), Independence Day, Christmas Day and Boxing Day; Easter Sunday, Pentecost and
 * the Saturday holidays never fall on a weekday. Midsummer Eve and Christmas Eve are not public holidays by law but
 * days off by collective agreements and bank holidays, so they are not business days either (docs/workflows.md).
 */
public final class FinnishBusinessDays {

    /** Whether the day is a weekday that is neither a public holiday nor Midsummer or Christmas Eve. */
    public boolean isBusinessDay(LocalDate day) {
        DayOfWeek weekday = day.getDayOfWeek();
        return weekday != DayOfWeek.SATURDAY && weekday != DayOfWeek.SUNDAY && !holidays(day.getYear()).contains(day);
    }

    /** The business day {@code days} business days after {@code from} ({@code from} itself does not count). */
    public LocalDate plusBusinessDays(LocalDate from, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("days must not be negative");
        }
        LocalDate day = from;
        int counted = 0;
        while (counted < days) {
            day = day.plusDays(1);
            if (isBusinessDay(day)) {
                counted++;
            }
        }
        return day;
    }

    /** Every public holiday of the year plus Midsummer Eve and Christmas Eve. */
    public Set<LocalDate> holidays(int year) {
        LocalDate easter = easterSunday(year);
        LocalDate midsummerDay = LocalDate.of(year, Month.JUNE, 20).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY));
        Set<LocalDate> days = new TreeSet<>();
        days.add(LocalDate.of(year, Month.JANUARY, 1));
        days.add(LocalDate.of(year, Month.JANUARY, 6));
        days.add(easter.minusDays(2));
        days.add(easter);
        days.add(easter.plusDays(1));
        days.add(LocalDate.of(year, Month.MAY, 1));
        days.add(easter.plusDays(39));
        days.add(easter.plusDays(49));
        days.add(midsummerDay.minusDays(1));
        days.add(midsummerDay);
        days.add(LocalDate.of(year, Month.OCTOBER, 31).with(TemporalAdjusters.nextOrSame(DayOfWeek.SATURDAY)));
        days.add(LocalDate.of(year, Month.DECEMBER, 6));
        days.add(LocalDate.of(year, Month.DECEMBER, 24));
        days.add(LocalDate.of(year, Month.DECEMBER, 25));
        days.add(LocalDate.of(year, Month.DECEMBER, 26));
        return days;
    }

    /** Easter Sunday of the Gregorian calendar (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
    public static LocalDate easterSunday(int year) {
        int a = year % 19;
        int b = year / 100;
        int c = year % 100;
        int d = b / 4;
        int e = b % 4;
        int f = (b + 8) / 25;
        int g = (b - f + 1) / 3;
        int h = (19 * a + b - d - g + 15) % 30;
        int i = c / 4;
        int k = c % 4;
        int l = (32 + 2 * e + 2 * i - h - k) % 7;
        int m = (a + 11 * h + 22 * l) / 451;
        int month = (h + l - 7 * m + 114) / 31;
        int day = (h + l - 7 * m + 114) % 31 + 1;
        return LocalDate.of(year, month, day);
    }
}
