package fi.arkisto.app.migration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class StatusPollingTest {

    private static final Duration INTERVAL = Duration.ofMillis(20);

    private final ThreadPoolTaskScheduler scheduler = scheduler();

    @AfterEach
    void shutDown() {
        scheduler.shutdown();
    }

    @Test
    void givenAMigrationThatEndsOnTheThirdRoundWhenFollowedThenItsStatusIsAnsweredAndNoRoundFollows() throws Exception {
        AtomicInteger rounds = new AtomicInteger();

        int status = StatusPolling.until(scheduler, INTERVAL,
                () -> rounds.incrementAndGet() == 3 ? OptionalInt.of(7) : OptionalInt.empty());

        assertThat(status).isEqualTo(7);
        await("no round after the answer").during(INTERVAL.multipliedBy(5)).atMost(Duration.ofSeconds(5))
                .until(() -> rounds.get() == 3);
    }

    @Test
    void givenARoundThatThrowsWhenFollowedThenTheCallerGetsWhatItThrew() {
        IllegalStateException failure = new IllegalStateException("no such execution");

        assertThatThrownBy(() -> StatusPolling.until(scheduler, INTERVAL, () -> {
            throw failure;
        })).isSameAs(failure);
    }

    @Test
    void givenAFollowingCallerWhenItIsInterruptedThenItStopsWaitingAndTheRoundsEnd() throws Exception {
        AtomicInteger rounds = new AtomicInteger();
        AtomicReference<Throwable> ended = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        Thread caller = new Thread(() -> {
            try {
                StatusPolling.until(scheduler, INTERVAL, () -> {
                    rounds.incrementAndGet();
                    return OptionalInt.empty();
                });
            } catch (Throwable t) {
                ended.set(t);
            } finally {
                done.countDown();
            }
        });
        caller.start();
        await("rounds run").atMost(Duration.ofSeconds(10)).until(() -> rounds.get() >= 2);

        caller.interrupt();

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ended.get()).isInstanceOf(InterruptedException.class);
        // a round already taken by the scheduler's thread when the rounds were cancelled may still finish
        await("a round in flight ends").pollDelay(INTERVAL.multipliedBy(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
        int after = rounds.get();
        await("no round after the interrupt").during(INTERVAL.multipliedBy(5)).atMost(Duration.ofSeconds(5))
                .until(() -> rounds.get() == after);
    }

    private static ThreadPoolTaskScheduler scheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setDaemon(true);
        scheduler.initialize();
        return scheduler;
    }
}
