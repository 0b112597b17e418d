package fi.arkisto.app.packaged;

import fi.arkisto.app.packaged.DrillVerdict.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Fault drill: the object store stops answering for {@link #OUTAGE} under concurrent REST and queue load (its S3
 * endpoint behind a TCP proxy the drill cuts and restores), the packaged archive running as a process on stores of
 * the drill's own (docs/running.md, "Operations").
 */
class ObjectStoreOutageDrillIT {

    static final Duration OUTAGE = Duration.ofSeconds(15);

    @TempDir
    Path directory;

    @Test
    void anObjectStoreOutageUnderLoadLosesAndDuplicatesNothingAndClientsSeeOnlyRetryable503s() throws Exception {
        try (Drill drill = new Drill("object-store-outage", directory)) {
            FaultUnderLoad.drill(drill, false, d -> {
                Instant began = Instant.now();
                d.stores().cutObjectStore();
                DrillLoad.sleep(OUTAGE);
                d.stores().restoreObjectStore();
                return new Fault("object store cut", began, Instant.now());
            });
        }
    }
}
