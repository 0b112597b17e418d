package fi.arkisto.store.signature;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Re-reads the trust anchor directory every {@code arkisto.signature.trust-anchors-reload-interval} while the
 * application runs (a schedule rather than a file watch: it works the same on network and container mounts, where
 * file events are unreliable).
 */
public class TrustAnchorReloadSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TrustAnchorReloadSchedule.class);

    private final TrustAnchorDirectory directory;
    private final Duration interval;
    private ScheduledExecutorService executor;

    /** @param interval time between reads; zero switches re-reading off */
    public TrustAnchorReloadSchedule(TrustAnchorDirectory directory, Duration interval) {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("arkisto.signature.trust-anchors-reload-interval must not be negative");
        }
        this.directory = directory;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (interval.isZero() || directory.directory() == null || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "arkisto-trust-anchors");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::reloadQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("Trust anchors in {} are re-read every {}", directory.directory(), interval);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    private void reloadQuietly() {
        try {
            directory.reloadIfChanged();
        } catch (RuntimeException e) {
            // a schedule must survive anything one read does
            log.warn("Re-reading the trust anchors failed", e);
        }
    }
}
