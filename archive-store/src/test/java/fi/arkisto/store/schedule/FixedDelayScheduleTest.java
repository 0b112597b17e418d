package fi.arkisto.store.schedule;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FixedDelayScheduleTest {

    private static final Duration INTERVAL = Duration.ofMillis(20);

    private final ThreadPoolTaskScheduler scheduler = new ScheduleConfiguration().arkistoTaskScheduler();

    FixedDelayScheduleTest() {
        scheduler.initialize();
    }

    @AfterEach
    void shutDown() {
        scheduler.shutdown();
    }

    @Test
    void givenARoundThatFailsWhenScheduledThenTheNextRoundsStillRun() {
        Counting schedule = new Counting(INTERVAL, true);

        schedule.start();
        try {
            await("rounds after failed ones").atMost(Duration.ofSeconds(10)).until(() -> schedule.rounds.get() >= 3);
        } finally {
            schedule.stop();
        }
    }

    @Test
    void givenARunningScheduleWhenStoppedThenNoRoundFollowsAndItCanStartAgain() {
        Counting schedule = new Counting(INTERVAL, false);
        schedule.start();
        await("rounds run").atMost(Duration.ofSeconds(10)).until(() -> schedule.rounds.get() >= 1);

        schedule.stop();

        assertThat(schedule.isRunning()).isFalse();
        // a round already taken by the scheduler's thread when the rounds were cancelled may still finish
        await("a round in flight ends").pollDelay(INTERVAL.multipliedBy(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        int stopped = schedule.rounds.get();
        await("no round after the stop").during(INTERVAL.multipliedBy(5)).atMost(Duration.ofSeconds(5))
                .until(() -> schedule.rounds.get() == stopped);
        schedule.start();
        assertThat(schedule.isRunning()).isTrue();
        await("rounds after the restart").atMost(Duration.ofSeconds(10)).until(() -> schedule.rounds.get() > stopped);
        schedule.stop();
    }

    @Test
    void givenAZeroIntervalWhenStartedThenNothingIsScheduled() {
        Counting schedule = new Counting(Duration.ZERO, false);

        schedule.start();

        assertThat(schedule.isRunning()).isFalse();
    }

    @Test
    void givenARunningScheduleThenItsRoundsRunOnTheArchiveSchedulersDaemonThreads() {
        Counting schedule = new Counting(INTERVAL, false);

        schedule.start();
        try {
            await("a round ran").atMost(Duration.ofSeconds(10)).until(() -> schedule.thread != null);
        } finally {
            schedule.stop();
        }

        assertThat(schedule.thread.isDaemon()).isTrue();
        assertThat(schedule.thread.getName()).startsWith("arkisto-schedule-");
    }

    @Test
    void givenAnInitialDelayShorterThanTheIntervalThenTheFirstRoundComesAfterTheDelayNotTheInterval() {
        // given: an interval far beyond the test and a short initial delay
        Counting schedule = new Counting(Duration.ofMillis(50), Duration.ofHours(1), false);

        // when
        schedule.start();
        try {
            // then the first round runs soon after start, and the next waits for the interval
            await("the first round").atMost(Duration.ofSeconds(5)).until(() -> schedule.rounds.get() == 1);
            await("no second round before the interval").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> schedule.rounds.get() == 1);
        } finally {
            schedule.stop();
        }
    }

    private final class Counting extends FixedDelaySchedule {
        final AtomicInteger rounds = new AtomicInteger();
        final boolean failing;
        volatile Thread thread;

        Counting(Duration interval, boolean failing) {
            super("a test schedule", scheduler, interval);
            this.failing = failing;
        }

        Counting(Duration initialDelay, Duration interval, boolean failing) {
            super("a test schedule", scheduler, initialDelay, interval);
            this.failing = failing;
        }

        @Override
        protected void runOnce() {
            thread = Thread.currentThread();
            rounds.incrementAndGet();
            if (failing) {
                throw new IllegalStateException("a failing round");
            }
        }
    }
}
