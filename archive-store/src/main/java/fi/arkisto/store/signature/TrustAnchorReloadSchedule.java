package fi.arkisto.store.signature;

import fi.arkisto.store.schedule.FixedDelaySchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.TaskScheduler;

import java.time.Duration;

/**
 * Re-reads the trust anchor directory every {@code arkisto.signature.trust-anchors-reload-interval} while the
 * application runs (a schedule rather than a file watch: it works the same on network and container mounts, where
 * file events are unreliable).
 */
public class TrustAnchorReloadSchedule extends FixedDelaySchedule {

    private static final Logger log = LoggerFactory.getLogger(TrustAnchorReloadSchedule.class);

    private final TrustAnchorDirectory directory;

    /** @param interval time between reads; zero switches re-reading off */
    public TrustAnchorReloadSchedule(TrustAnchorDirectory directory, TaskScheduler scheduler, Duration interval) {
        super("the trust anchor reload", scheduler, interval);
        this.directory = directory;
    }

    @Override
    protected boolean enabled() {
        return directory.directory() != null;
    }

    @Override
    public synchronized void start() {
        boolean wasRunning = isRunning();
        super.start();
        if (!wasRunning && isRunning()) {
            log.info("Trust anchors in {} are re-read every {}", directory.directory(), interval());
        }
    }

    @Override
    protected void runOnce() {
        directory.reloadIfChanged();
    }
}
