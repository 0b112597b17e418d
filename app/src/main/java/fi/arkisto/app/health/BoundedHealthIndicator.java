package fi.arkisto.app.health;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A health check that answers within its timeout whatever the checked service does: the check runs on a thread of
 * its own and a check that has not answered in time is DOWN. A check still hanging from an earlier probe is waited
 * on again rather than started anew, so probes of a store that stopped answering never pile up threads.
 */
abstract class BoundedHealthIndicator implements HealthIndicator, AutoCloseable {

    private final String what;
    private final Duration timeout;
    private final ExecutorService executor;
    private Future<Health> inFlight;

    BoundedHealthIndicator(String what, Duration timeout) {
        this.what = what;
        this.timeout = timeout;
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "arkisto-health-" + what.replace(' ', '-'));
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The check itself; returns when the service answered, throws when it did not or refused. */
    protected abstract void check() throws Exception;

    @Override
    public final Health health() {
        Future<Health> running;
        synchronized (this) {
            if (inFlight == null || inFlight.isDone()) {
                inFlight = executor.submit(this::checkOnce);
            }
            running = inFlight;
        }
        try {
            return running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Health.down().withDetail("error", "The " + what + " did not answer within " + timeout.toMillis()
                    + " ms").build();
        } catch (ExecutionException e) {
            return Health.down(e.getCause() instanceof Exception cause ? cause : e).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down(e).build();
        }
    }

    private Health checkOnce() {
        try {
            check();
            return Health.up().build();
        } catch (Exception e) {
            return Health.down(e).build();
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
