package fi.arkisto.app.packaged;

import fi.arkisto.app.packaged.DrillVerdict.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Fault drill: the database stops for {@link #OUTAGE} under concurrent REST and queue load and starts again on the
 * same data directory and port (an embedded PostgreSQL of the drill's own; the machine's shared server is never
 * touched), the packaged archive running as a process (docs/running.md, "Operations").
 */
class DatabaseOutageDrillIT {

    static final Duration OUTAGE = Duration.ofSeconds(15);

    @TempDir
    Path directory;

    @Test
    void aDatabaseOutageUnderLoadLosesAndDuplicatesNothingAndClientsSeeOnlyRetryable503s() throws Exception {
        try (Drill drill = new Drill("database-outage", directory)) {
            FaultUnderLoad.drill(drill, false, d -> {
                Instant began = Instant.now();
                d.stores().stopDatabase();
                DrillLoad.sleep(OUTAGE);
                d.stores().startDatabase();
                return new Fault("database stopped", began, Instant.now());
            });
        }
    }
}
