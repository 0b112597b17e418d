package fi.arkisto.app.packaged;

import fi.arkisto.app.packaged.DrillVerdict.Fault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;

/**
 * Fault drill: the archive's process is killed with SIGKILL ({@code kill -9}) under concurrent REST and queue load and
 * started again, as a supervisor would, on the same port and the same stores (docs/running.md, "Operations").
 */
class KilledArchiveDrillIT {

    @TempDir
    Path directory;

    @Test
    void aKill9UnderLoadAndARestartLoseAndDuplicateNothingAndLeaveNoOrphanAfterASweep() throws Exception {
        try (Drill drill = new Drill("kill-9", directory)) {
            FaultUnderLoad.drill(drill, true, d -> {
                Instant began = Instant.now();
                d.kill();
                d.start();
                return new Fault("kill -9 and restart", began, Instant.now());
            });
        }
    }
}
