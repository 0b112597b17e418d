package fi.arkisto.app.migration;

import org.springframework.scheduling.TaskScheduler;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;

/**
 * Asks after a migration every interval, on a Spring {@link TaskScheduler}'s thread, until a round answers the
 * command's exit status; the caller waits for that answer, and an interrupt of the caller (Ctrl-C) ends the rounds.
 */
final class StatusPolling {

    /** One round: the exit status once the migration has ended (or cannot be followed), empty while it runs. */
    @FunctionalInterface
    interface Round {
        OptionalInt poll() throws InterruptedException;
    }

    private StatusPolling() {
    }

    /**
     * @return the status the first round to answer one gave
     * @throws RuntimeException     what a round threw, as it threw it
     * @throws InterruptedException when the caller was interrupted while waiting
     */
    static int until(TaskScheduler scheduler, Duration interval, Round round) throws InterruptedException {
        CompletableFuture<Integer> status = new CompletableFuture<>();
        ScheduledFuture<?> rounds = scheduler.scheduleWithFixedDelay(() -> {
            if (status.isDone()) {
                return;
            }
            try {
                round.poll().ifPresent(status::complete);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                status.completeExceptionally(e);
            } catch (RuntimeException | Error e) {
                status.completeExceptionally(e);
            }
        }, interval);
        try {
            return status.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw (InterruptedException) e.getCause();
        } finally {
            rounds.cancel(true);
        }
    }
}
