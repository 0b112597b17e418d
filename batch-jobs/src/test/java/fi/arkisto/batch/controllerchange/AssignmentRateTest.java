package fi.arkisto.batch.controllerchange;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AssignmentRateTest {

    @Test
    void chunksBeyondTheRateWaitForTheirShareOfTheSecond() {
        // given 1,000 documents a second (100 permits every 100 ms, the first 100 at once)
        AssignmentRate rate = new AssignmentRate(1_000);

        // when chunks of 100 documents ask for 600 in all
        long started = System.nanoTime();
        for (int chunk = 0; chunk < 6; chunk++) {
            rate.acquire(100);
        }
        double seconds = (System.nanoTime() - started) / 1e9;

        // then the last waited for the fifth refresh after the first: at least about half a second went by
        assertThat(seconds).isGreaterThanOrEqualTo(0.45);
    }

    @Test
    void aChunkLargerThanOnePeriodsShareWaitsForAsManyPeriods() {
        // given 1,000 a second, and one chunk of 400 taken at once
        AssignmentRate rate = new AssignmentRate(1_000);
        rate.acquire(100);

        // when a chunk of 300 follows
        long started = System.nanoTime();
        rate.acquire(300);

        // then it waited for three refreshes
        assertThat((System.nanoTime() - started) / 1e9).isGreaterThanOrEqualTo(0.25);
    }

    @Test
    void noRateNeverWaits() {
        AssignmentRate rate = new AssignmentRate(0);
        long started = System.nanoTime();
        for (int chunk = 0; chunk < 1_000; chunk++) {
            rate.acquire(50_000);
        }
        // a thousand chunks of the largest size, each of which would wait at any rate of 0.5 million a second
        assertThat((System.nanoTime() - started) / 1e9).isLessThan(1.0);
    }
}
