package fi.arkisto.testkit.generator;

import fi.arkisto.store.identity.PersonalIdentityCode;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic clients, professionals and places for the generator. Identity codes are always test codes
 * (individual number 900-999, invariant 8 (docs/invariants.md)) with a correct check character and a mix of every century
 * sign, including the additional signs in use from 2023 ({@code Y X W V U}, {@code B C D E F}).
 */
final class SyntheticPopulation {

    /** A municipality of the code system 1.2.246.537.6.21.2003 (code + name). */
    record Municipality(String code, String name) {
    }

    /** A synthetic person: the identity code determines birth date and gender (odd individual number = male). */
    record Person(String identityCode, String family, String given, LocalDate birthDate, boolean male,
                  Municipality municipality) {

        String genderCode() {
            return male ? "1" : "2";
        }

        String genderDisplay() {
            return male ? "mies" : "nainen";
        }
    }

    static final String MUNICIPALITY_CODE_SYSTEM = "1.2.246.537.6.21.2003";

    static final List<Municipality> MUNICIPALITIES = List.of(
            new Municipality("091", "Helsinki"), new Municipality("092", "Vantaa"), new Municipality("049", "Espoo"),
            new Municipality("245", "Kerava"), new Municipality("837", "Tampere"), new Municipality("853", "Turku"),
            new Municipality("564", "Oulu"), new Municipality("179", "Jyväskylä"), new Municipality("297", "Kuopio"),
            new Municipality("398", "Lahti"), new Municipality("405", "Lappeenranta"), new Municipality("609", "Pori"),
            new Municipality("743", "Seinäjoki"), new Municipality("698", "Rovaniemi"), new Municipality("167", "Joensuu"),
            new Municipality("286", "Kouvola"), new Municipality("905", "Vaasa"), new Municipality("109", "Hämeenlinna"));

    private static final List<String> FAMILY_NAMES = List.of(
            "Korhonen", "Virtanen", "Mäkinen", "Nieminen", "Mäkelä", "Hämäläinen", "Laine", "Heikkinen", "Koskinen",
            "Järvinen", "Lehtonen", "Lehtinen", "Saarinen", "Salminen", "Heinonen", "Niemi", "Heikkilä", "Kinnunen",
            "Salonen", "Turunen", "Salo", "Laitinen", "Tuominen", "Rantanen", "Karjalainen", "Jokinen", "Mattila",
            "Savolainen", "Lahtinen", "Ahonen", "Ylönen", "Räsänen", "Öhman", "Åberg", "Kärkkäinen", "Pääkkönen");

    private static final List<String> FEMALE_NAMES = List.of(
            "Aino", "Eevi", "Helmi", "Ellen", "Olivia", "Sofia", "Aada", "Lilja", "Venla", "Iida", "Anna", "Maria",
            "Tiina", "Sari", "Päivi", "Johanna", "Minna", "Satu", "Kaarina", "Marjatta", "Sirkka", "Elina", "Hanna",
            "Ilona", "Kerttu", "Siiri", "Jenni", "Laura", "Noora", "Essi");

    private static final List<String> MALE_NAMES = List.of(
            "Eino", "Väinö", "Onni", "Leo", "Elias", "Oliver", "Aarne", "Juhani", "Mikko", "Matti", "Timo", "Jari",
            "Kari", "Pekka", "Antti", "Ville", "Tuomas", "Jussi", "Heikki", "Olavi", "Ilmari", "Lauri", "Joonas",
            "Eetu", "Niko", "Otto", "Toivo", "Veikko", "Sakari", "Pertti");

    private static final char[] SIGNS_1900 = {'-', 'Y', 'X', 'W', 'V', 'U'};
    private static final char[] SIGNS_2000 = {'A', 'B', 'C', 'D', 'E', 'F'};

    private SyntheticPopulation() {
    }

    static Person person(SplittableRandom random, LocalDate today) {
        LocalDate birth = birthDate(random, today);
        int individual = 900 + random.nextInt(100);
        String identityCode = identityCode(birth, individual, random);
        boolean male = individual % 2 == 1;
        String given = male ? pick(random, MALE_NAMES) : pick(random, FEMALE_NAMES);
        if (random.nextInt(3) == 0) {
            given = given + " " + (male ? pick(random, MALE_NAMES) : pick(random, FEMALE_NAMES));
        }
        return new Person(identityCode, pick(random, FAMILY_NAMES), given, birth, male, pick(random, MUNICIPALITIES));
    }

    /** Full name of a professional (the author of case and other documents). */
    static String professionalName(SplittableRandom random) {
        boolean male = random.nextBoolean();
        return (male ? pick(random, MALE_NAMES) : pick(random, FEMALE_NAMES)) + " " + pick(random, FAMILY_NAMES);
    }

    /** A test identity code for a professional (individual number 900-999). */
    static String professionalIdentityCode(SplittableRandom random, LocalDate today) {
        LocalDate birth = today.minusYears(25 + random.nextInt(40)).minusDays(random.nextInt(365));
        return identityCode(birth, 900 + random.nextInt(100), random);
    }

    static String identityCode(LocalDate birth, int individual, SplittableRandom random) {
        char sign;
        int year = birth.getYear();
        if (year < 1900) {
            sign = '+';
        } else if (year < 2000) {
            sign = SIGNS_1900[random.nextInt(SIGNS_1900.length)];
        } else {
            sign = SIGNS_2000[random.nextInt(SIGNS_2000.length)];
        }
        String date = String.format("%02d%02d%02d", birth.getDayOfMonth(), birth.getMonthValue(), year % 100);
        String number = String.format("%03d", individual);
        return date + sign + number + PersonalIdentityCode.checkCharacterFor(date + number);
    }

    private static LocalDate birthDate(SplittableRandom random, LocalDate today) {
        int roll = random.nextInt(100);
        LocalDate from;
        LocalDate to;
        if (roll == 0) {
            // A few very old clients keep the '+' century sign in the data.
            from = LocalDate.of(1896, 1, 1);
            to = LocalDate.of(1899, 12, 31);
        } else if (roll < 45) {
            from = LocalDate.of(2000, 1, 1);
            to = today.minusMonths(1);
        } else {
            from = LocalDate.of(1925, 1, 1);
            to = LocalDate.of(1999, 12, 31);
        }
        long days = to.toEpochDay() - from.toEpochDay();
        return from.plusDays(random.nextLong(days + 1));
    }

    static <T> T pick(SplittableRandom random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
