package fi.arkisto.testkit.deployment;

import fi.arkisto.store.identity.PersonalIdentityCode;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The pool of test identity codes the coordinators hand out for deployment tests (kanta.fi: the test runs in
 * production "with test identity codes"): one code per individual number 900-999, born on fixed dates, so the same
 * code may serve several organisations' tests. A test gets a few of them, drawn from the pool by its own seed.
 */
public final class TestIdentityPool {

    /** The first birth date of the pool; each individual number is born a week after the previous one. */
    private static final LocalDate FIRST_BIRTH = LocalDate.of(1980, 1, 7);
    private static final List<String> POOL = build();

    private TestIdentityPool() {
    }

    /** Every code of the pool (100, individual numbers 900-999). */
    public static List<String> all() {
        return POOL;
    }

    /**
     * {@code count} distinct codes of the pool for one test.
     *
     * @param seed e.g. the test's id; the same seed gives the same codes
     */
    public static List<String> handOut(int count, long seed) {
        if (count < 1 || count > POOL.size()) {
            throw new IllegalArgumentException("between 1 and " + POOL.size() + " test identity codes can be handed out");
        }
        List<String> shuffled = new ArrayList<>(POOL);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            String swap = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, swap);
        }
        return List.copyOf(shuffled.subList(0, count)).stream().sorted().toList();
    }

    private static List<String> build() {
        List<String> codes = new ArrayList<>(100);
        for (int individual = 900; individual <= 999; individual++) {
            LocalDate birth = FIRST_BIRTH.plusWeeks(individual - 900L);
            String date = String.format("%02d%02d%02d", birth.getDayOfMonth(), birth.getMonthValue(), birth.getYear() % 100);
            String number = Integer.toString(individual);
            char sign = birth.getYear() >= 2000 ? 'A' : '-';
            codes.add(date + sign + number + PersonalIdentityCode.checkCharacterFor(date + number));
        }
        return List.copyOf(codes);
    }
}
